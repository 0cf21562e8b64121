package dev.earshot.model.weights;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earshot.model.WhisperConfig;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * The cross-attention heads (decoder layer, head) whose attention follows the audio closely enough for word
 * timestamps. Sources, most specific first: a Hugging Face {@code generation_config.json}, openai/whisper's
 * published table for its official checkpoints, else every head of the last half of the decoder layers.
 */
public record AlignmentHeads(List<Head> heads) {

    public record Head(int layer, int head) {
    }

    public AlignmentHeads {
        heads = List.copyOf(heads);
    }

    /**
     * openai/whisper's {@code _ALIGNMENT_HEADS}: per model, a base85-encoded gzip of a row-major
     * [n_text_layer × n_text_head] boolean array.
     */
    private static final Map<String, String> OPENAI_TABLE = Map.ofEntries(
            Map.entry("tiny.en", "ABzY8J1N>@0{>%R00Bk>$p{7v037`oCl~+#00"),
            Map.entry("tiny", "ABzY8bu8Lr0{>%RKn9Fp%m@SkK7Kt=7ytkO"),
            Map.entry("base.en", "ABzY8;40c<0{>%RzzG;p*o+Vo09|#PsxSZm00"),
            Map.entry("base", "ABzY8KQ!870{>%RzyTQH3`Q^yNP!>##QT-<FaQ7m"),
            Map.entry("small.en", "ABzY8>?_)10{>%RpeA61k&I|OI3I$65C{;;pbCHh0B{qLQ;+}v00"),
            Map.entry("small", "ABzY8DmU6=0{>%Rpa?J`kvJ6qF(V^F86#Xh7JUGMK}P<N0000"),
            Map.entry("medium.en", "ABzY8usPae0{>%R7<zz_OvQ{)4kMa0BMw6u5rT}kRKX;$NfYBv00*Hl@qhsU00"),
            Map.entry("medium", "ABzY8B0Jh+0{>%R7}kK1fFL7w6%<-Pf*t^=N)Qr&0RR9"),
            Map.entry("large-v1", "ABzY8r9j$a0{>%R7#4sLmoOs{s)o3~84-RPdcFk!JR<kSfC2yj"),
            Map.entry("large-v2", "ABzY8zd+h!0{>%R7=D0pU<_bnWW*tkYAhobTNnu$jnkEkXqp)j;w1Tzk)UH3X%SZd&fFZ2fC2yj"),
            Map.entry("large-v3", "ABzY8gWO1E0{>%R7(9S+Kn!D~%ngiGaR?*L!iJG9p-nab0JQ=-{D1-g00"),
            Map.entry("large-v3-turbo", "ABzY8j^C+e0{>%RARaKHP%t(lGR*)0g!tONPyhe`"));
    private static final Map<String, String> ALIASES = Map.of("large", "large-v3", "turbo", "large-v3-turbo");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BASE85_ALPHABET =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&()*+-;<=>?@^_`{|}~";

    /** openai's default when no table applies: all heads of decoder layers n_text_layer/2 and up. */
    public static AlignmentHeads lastHalf(WhisperConfig config) {
        List<Head> heads = new ArrayList<>();
        for (int layer = config.textLayers() / 2; layer < config.textLayers(); layer++) {
            for (int head = 0; head < config.textHeads(); head++) {
                heads.add(new Head(layer, head));
            }
        }
        return new AlignmentHeads(heads);
    }

    /** The published heads of an official openai checkpoint ("tiny.en", "large-v3", "turbo", …), if it has them. */
    public static Optional<AlignmentHeads> official(String modelName, WhisperConfig config) {
        String encoded = OPENAI_TABLE.get(ALIASES.getOrDefault(modelName, modelName));
        return encoded == null ? Optional.empty() : Optional.of(decodeOpenai(modelName, encoded, config.textLayers(), config.textHeads()));
    }

    /** The official model names the built-in table covers. */
    public static List<String> officialNames() {
        return OPENAI_TABLE.keySet().stream().sorted().toList();
    }

    /** Decodes one {@code _ALIGNMENT_HEADS} value for a decoder of {@code layers} × {@code headsPerLayer}. */
    public static AlignmentHeads decodeOpenai(String modelName, String base85, int layers, int headsPerLayer) {
        byte[] mask;
        try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(base85Decode(base85)))) {
            mask = gzip.readAllBytes();
        } catch (IOException e) {
            throw new IllegalArgumentException("alignment heads of " + modelName + " are not valid gzip: " + e.getMessage(), e);
        }
        if (mask.length != layers * headsPerLayer) {
            throw new IllegalArgumentException("alignment heads of " + modelName + " cover " + mask.length + " heads, but the model has "
                    + layers + " decoder layers × " + headsPerLayer + " heads: is this really " + modelName + "?");
        }
        List<Head> heads = new ArrayList<>();
        for (int i = 0; i < mask.length; i++) {
            if (mask[i] != 0) {
                heads.add(new Head(i / headsPerLayer, i % headsPerLayer));
            }
        }
        return new AlignmentHeads(heads);
    }

    /** {@code alignment_heads} of a Hugging Face {@code generation_config.json}, if the file has them. */
    public static Optional<AlignmentHeads> fromGenerationConfig(Path file, WhisperConfig config) {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new WeightFormatException(file, "is not readable JSON (" + e.getMessage() + ")");
        }
        JsonNode list = root == null ? null : root.get("alignment_heads");
        if (list == null || list.isNull()) {
            return Optional.empty();
        }
        List<Head> heads = new ArrayList<>();
        for (JsonNode pair : list) {
            if (!pair.isArray() || pair.size() != 2 || !pair.get(0).canConvertToInt() || !pair.get(1).canConvertToInt()) {
                throw new WeightFormatException(file, "\"alignment_heads\" entry " + pair + " is not a [layer, head] pair");
            }
            Head head = new Head(pair.get(0).asInt(), pair.get(1).asInt());
            if (head.layer() < 0 || head.layer() >= config.textLayers() || head.head() < 0 || head.head() >= config.textHeads()) {
                throw new WeightFormatException(file, "\"alignment_heads\" names " + pair + ", outside the decoder's "
                        + config.textLayers() + " layers × " + config.textHeads() + " heads");
            }
            heads.add(head);
        }
        return Optional.of(new AlignmentHeads(heads));
    }

    /** Python's {@code base64.b85decode} (the RFC 1924 alphabet, final group padded with the last digit). */
    static byte[] base85Decode(String text) {
        byte[] ascii = text.getBytes(StandardCharsets.US_ASCII);
        int padding = (5 - ascii.length % 5) % 5;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int group = 0; group < ascii.length + padding; group += 5) {
            long value = 0;
            for (int i = 0; i < 5; i++) {
                int at = group + i;
                int digit = at < ascii.length ? BASE85_ALPHABET.indexOf(ascii[at]) : 84;
                if (digit < 0) {
                    throw new IllegalArgumentException("'" + (char) ascii[at] + "' at " + at + " is not a base85 digit");
                }
                value = value * 85 + digit;
            }
            if (value > 0xffffffffL) {
                throw new IllegalArgumentException("base85 group at " + group + " overflows 32 bits");
            }
            for (int shift = 24; shift >= 0; shift -= 8) {
                out.write((int) (value >>> shift) & 0xff);
            }
        }
        byte[] all = out.toByteArray();
        return java.util.Arrays.copyOf(all, all.length - padding);
    }

    /** As a [layer, head] list, the form generation_config.json uses. */
    public int[][] toPairs() {
        return heads.stream().map(h -> new int[]{h.layer(), h.head()}).toArray(int[][]::new);
    }

}
