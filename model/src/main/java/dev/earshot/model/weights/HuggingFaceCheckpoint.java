package dev.earshot.model.weights;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earshot.model.WhisperConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Hugging Face Whisper model directory: {@code config.json} and {@code model.safetensors}, or shards
 * listed in {@code model.safetensors.index.json}. The files are memory-mapped; tensor names are
 * translated to openai's and checked against the shapes the config implies.
 */
public final class HuggingFaceCheckpoint implements CheckpointTensors {

    static final String CONFIG = "config.json";
    static final String SINGLE_FILE = "model.safetensors";
    static final String SHARD_INDEX = "model.safetensors.index.json";
    /** Tied to the token embedding; some exports store it anyway. */
    private static final Set<String> TOLERATED = Set.of("proj_out.weight");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WhisperConfig config;
    private final List<SafetensorsFile> files;
    private final Map<String, TensorSlice> byOpenaiName;

    private HuggingFaceCheckpoint(WhisperConfig config, List<SafetensorsFile> files, Map<String, TensorSlice> byOpenaiName) {
        this.config = config;
        this.files = files;
        this.byOpenaiName = byOpenaiName;
    }

    /** Whether {@code directory} looks like a Hugging Face Whisper export (has its config and weights). */
    public static boolean isModelDirectory(Path directory) {
        return Files.isRegularFile(directory.resolve(CONFIG))
                && (Files.isRegularFile(directory.resolve(SINGLE_FILE)) || Files.isRegularFile(directory.resolve(SHARD_INDEX)));
    }

    public static HuggingFaceCheckpoint open(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new NoSuchFileException(directory.toString(), null, "no such model directory");
        }
        WhisperConfig config = readConfig(directory.resolve(CONFIG));
        List<Path> shardPaths = weightFiles(directory);
        List<SafetensorsFile> files = new ArrayList<>();
        try {
            Map<String, TensorSlice> byHfName = new LinkedHashMap<>();
            for (Path shard : shardPaths) {
                SafetensorsFile file = SafetensorsFile.open(shard);
                files.add(file);
                byHfName.putAll(file.tensors());
            }
            WeightLayout layout = WeightLayout.of(config);
            Map<String, TensorSlice> byOpenai = new LinkedHashMap<>();
            for (Map.Entry<String, TensorSlice> e : byHfName.entrySet()) {
                WeightLayout.Entry expected = layout.byHuggingFaceName().get(e.getKey());
                byOpenai.put(expected != null ? expected.openaiName() : e.getKey(), e.getValue());
            }
            layout.check(shardPaths.getFirst(), byOpenai, TOLERATED);
            byOpenai.keySet().removeAll(TOLERATED);
            return new HuggingFaceCheckpoint(config, List.copyOf(files), Collections.unmodifiableMap(byOpenai));
        } catch (RuntimeException | IOException e) {
            files.forEach(SafetensorsFile::close);
            throw e;
        }
    }

    private static List<Path> weightFiles(Path directory) throws IOException {
        Path single = directory.resolve(SINGLE_FILE);
        if (Files.isRegularFile(single)) {
            return List.of(single);
        }
        Path index = directory.resolve(SHARD_INDEX);
        if (!Files.isRegularFile(index)) {
            throw new NoSuchFileException(single.toString(), null,
                    "no weights: expected " + SINGLE_FILE + " or " + SHARD_INDEX + " beside " + CONFIG);
        }
        JsonNode weightMap = JSON.readTree(index.toFile()).get("weight_map");
        if (weightMap == null || !weightMap.isObject()) {
            throw new WeightFormatException(index, "has no \"weight_map\" object");
        }
        Set<Path> shards = new LinkedHashSet<>();
        weightMap.elements().forEachRemaining(file -> shards.add(directory.resolve(file.asText())));
        return List.copyOf(shards);
    }

    /** Reads the Hugging Face {@code WhisperConfig} keys we need; a missing key is named in the error. */
    public static WhisperConfig readConfig(Path configFile) throws IOException {
        JsonNode c;
        try {
            c = JSON.readTree(configFile.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new WeightFormatException(configFile, "is not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (c == null || !c.isObject()) {
            throw new WeightFormatException(configFile, "is not a JSON object");
        }
        JsonNode type = c.get("model_type");
        if (type != null && !type.asText().equals("whisper")) {
            throw new WeightFormatException(configFile, "describes a '" + type.asText() + "' model, not whisper");
        }
        int d = required(c, configFile, "d_model");
        try {
            return new WhisperConfig(
                    required(c, configFile, "num_mel_bins"),
                    required(c, configFile, "vocab_size"),
                    required(c, configFile, "max_source_positions"),
                    d,
                    required(c, configFile, "encoder_attention_heads"),
                    required(c, configFile, "encoder_layers"),
                    c.path("encoder_ffn_dim").asInt(4 * d),
                    required(c, configFile, "max_target_positions"),
                    d,
                    required(c, configFile, "decoder_attention_heads"),
                    required(c, configFile, "decoder_layers"),
                    c.path("decoder_ffn_dim").asInt(4 * d));
        } catch (IllegalArgumentException e) {
            throw new WeightFormatException(configFile, e.getMessage());
        }
    }

    private static int required(JsonNode config, Path file, String key) {
        JsonNode value = config.get(key);
        if (value == null || !value.canConvertToInt()) {
            throw new WeightFormatException(file, "lacks the integer \"" + key + "\" a Whisper config must have");
        }
        return value.asInt();
    }

    public WhisperConfig config() {
        return config;
    }

    @Override
    public Map<String, TensorSlice> byOpenaiName() {
        return byOpenaiName;
    }

    @Override
    public void close() {
        files.forEach(SafetensorsFile::close);
    }
}
