package dev.earshot.model.weights;

import dev.earshot.model.WhisperConfig;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every tensor a Whisper model of a given shape has: its openai/whisper name, its Hugging Face name and
 * its PyTorch shape. Loaders map file names onto it and {@link #check} reports, in one message,
 * everything missing, unexpected or mis-shaped.
 */
public final class WeightLayout {

    /** One expected tensor. */
    public record Entry(String openaiName, String huggingFaceName, long[] shape) {
        @Override
        public String toString() {
            return openaiName + Arrays.toString(shape);
        }
    }

    private final Map<String, Entry> byOpenaiName;
    private final Map<String, Entry> byHuggingFaceName;

    private WeightLayout(List<Entry> entries) {
        Map<String, Entry> openai = new LinkedHashMap<>();
        Map<String, Entry> hf = new LinkedHashMap<>();
        for (Entry e : entries) {
            openai.put(e.openaiName(), e);
            hf.put(e.huggingFaceName(), e);
        }
        this.byOpenaiName = openai;
        this.byHuggingFaceName = hf;
    }

    public static WeightLayout of(WhisperConfig c) {
        List<Entry> entries = new ArrayList<>();
        long d = c.audioState();
        add(entries, "encoder.conv1.weight", "model.encoder.conv1.weight", d, c.melCount(), 3);
        add(entries, "encoder.conv1.bias", "model.encoder.conv1.bias", d);
        add(entries, "encoder.conv2.weight", "model.encoder.conv2.weight", d, d, 3);
        add(entries, "encoder.conv2.bias", "model.encoder.conv2.bias", d);
        add(entries, "encoder.positional_embedding", "model.encoder.embed_positions.weight", c.audioContext(), d);
        for (int i = 0; i < c.audioLayers(); i++) {
            String o = "encoder.blocks." + i + ".";
            String h = "model.encoder.layers." + i + ".";
            attention(entries, o + "attn.", h + "self_attn.", d);
            norm(entries, o + "attn_ln.", h + "self_attn_layer_norm.", d);
            mlp(entries, o, h, d, c.audioMlpWidth());
        }
        norm(entries, "encoder.ln_post.", "model.encoder.layer_norm.", d);

        long t = c.textState();
        add(entries, "decoder.token_embedding.weight", "model.decoder.embed_tokens.weight", c.vocabularySize(), t);
        add(entries, "decoder.positional_embedding", "model.decoder.embed_positions.weight", c.textContext(), t);
        for (int i = 0; i < c.textLayers(); i++) {
            String o = "decoder.blocks." + i + ".";
            String h = "model.decoder.layers." + i + ".";
            attention(entries, o + "attn.", h + "self_attn.", t);
            norm(entries, o + "attn_ln.", h + "self_attn_layer_norm.", t);
            attention(entries, o + "cross_attn.", h + "encoder_attn.", t);
            norm(entries, o + "cross_attn_ln.", h + "encoder_attn_layer_norm.", t);
            mlp(entries, o, h, t, c.textMlpWidth());
        }
        norm(entries, "decoder.ln.", "model.decoder.layer_norm.", t);
        return new WeightLayout(entries);
    }

    private static void attention(List<Entry> entries, String o, String h, long d) {
        add(entries, o + "query.weight", h + "q_proj.weight", d, d);
        add(entries, o + "query.bias", h + "q_proj.bias", d);
        add(entries, o + "key.weight", h + "k_proj.weight", d, d); // keys have no bias in Whisper
        add(entries, o + "value.weight", h + "v_proj.weight", d, d);
        add(entries, o + "value.bias", h + "v_proj.bias", d);
        add(entries, o + "out.weight", h + "out_proj.weight", d, d);
        add(entries, o + "out.bias", h + "out_proj.bias", d);
    }

    private static void mlp(List<Entry> entries, String o, String h, long d, long width) {
        add(entries, o + "mlp.0.weight", h + "fc1.weight", width, d);
        add(entries, o + "mlp.0.bias", h + "fc1.bias", width);
        add(entries, o + "mlp.2.weight", h + "fc2.weight", d, width);
        add(entries, o + "mlp.2.bias", h + "fc2.bias", d);
        norm(entries, o + "mlp_ln.", h + "final_layer_norm.", d);
    }

    private static void norm(List<Entry> entries, String o, String h, long d) {
        add(entries, o + "weight", h + "weight", d);
        add(entries, o + "bias", h + "bias", d);
    }

    private static void add(List<Entry> entries, String openai, String hf, long... shape) {
        entries.add(new Entry(openai, hf, shape));
    }

    public Map<String, Entry> byOpenaiName() {
        return byOpenaiName;
    }

    public Map<String, Entry> byHuggingFaceName() {
        return byHuggingFaceName;
    }

    /**
     * Checks that {@code found} (openai names) holds exactly the expected tensors with the expected shapes,
     * ignoring the names in {@code tolerated}; otherwise one {@link WeightFormatException} lists every problem.
     */
    public void check(java.nio.file.Path file, Map<String, TensorSlice> found, java.util.Set<String> tolerated) {
        List<String> missing = new ArrayList<>();
        List<String> misShaped = new ArrayList<>();
        for (Entry e : byOpenaiName.values()) {
            TensorSlice slice = found.get(e.openaiName());
            if (slice == null) {
                missing.add(e.toString());
            } else if (!Arrays.equals(slice.shape(), e.shape())) {
                misShaped.add(e.openaiName() + " is " + Arrays.toString(slice.shape()) + ", expected " + Arrays.toString(e.shape()));
            }
        }
        List<String> unexpected = found.keySet().stream()
                .filter(name -> !byOpenaiName.containsKey(name) && !tolerated.contains(name)).toList();
        if (missing.isEmpty() && misShaped.isEmpty() && unexpected.isEmpty()) {
            return;
        }
        StringBuilder message = new StringBuilder("the weights do not fit the model its config describes");
        appendList(message, "missing", missing);
        appendList(message, "mis-shaped", misShaped);
        appendList(message, "unexpected", unexpected);
        message.append(". Is the config.json the one that came with these weights?");
        throw new WeightFormatException(file, message.toString());
    }

    private static void appendList(StringBuilder message, String label, List<String> items) {
        if (items.isEmpty()) {
            return;
        }
        int shown = Math.min(items.size(), 12);
        message.append("; ").append(items.size()).append(' ').append(label).append(": ")
                .append(String.join(", ", items.subList(0, shown)));
        if (shown < items.size()) {
            message.append(", … (").append(items.size() - shown).append(" more)");
        }
    }
}
