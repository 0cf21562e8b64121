package dev.earshot.model.random;

import dev.earshot.model.WhisperConfig;
import dev.earshot.model.weights.AlignmentHeads;
import dev.earshot.model.weights.GgmlWriter;
import dev.earshot.model.weights.HuggingFaceConfigWriter;
import dev.earshot.model.weights.SafetensorsWriter;
import dev.earshot.model.weights.StorageType;
import dev.earshot.model.weights.TensorToWrite;
import dev.earshot.model.weights.WeightLayout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A Whisper with random weights and real dimensions, for benchmarks that need no download: the same seed gives
 * the same numbers in every format, written streaming so even large-v3 in f32 (~6 GB) never sits in memory.
 */
public final class RandomWhisperModel {

    /** The Hugging Face weights file, beside config.json. */
    public static final String SAFETENSORS_FILE = "model.safetensors";
    /** The name whisper.cpp's own conversion script gives its output. */
    public static final String GGML_FILE = "ggml-model.bin";

    private final WhisperConfig config;
    private final StorageType dtype;
    private final long seed;
    private final WeightLayout layout;
    private final RandomWeights weights;

    public RandomWhisperModel(WhisperConfig config, StorageType dtype, long seed) {
        if (dtype != StorageType.F32 && dtype != StorageType.F16) {
            throw new IllegalArgumentException("random models are written in f32 or f16, not " + dtype);
        }
        this.config = config;
        this.dtype = dtype;
        this.seed = seed;
        this.layout = WeightLayout.of(config);
        this.weights = new RandomWeights(seed, dtype == StorageType.F16);
    }

    public WhisperConfig config() {
        return config;
    }

    /** Bytes of weights the model holds in {@code dtype} (close to the size of either file). */
    public long weightBytes() {
        return layout.byOpenaiName().values().stream()
                .mapToLong(e -> java.util.Arrays.stream(e.shape()).reduce(1, Math::multiplyExact) * dtype.bytesPerElement())
                .sum();
    }

    /**
     * Writes {@code config.json}, {@code generation_config.json} (alignment heads: openai's default, all heads of
     * the last half of the decoder) and {@code model.safetensors} with the tensor names and shapes of openai's
     * Hugging Face exports, every tensor in {@code dtype}.
     */
    public Path writeHuggingFace(Path directory) throws IOException {
        Files.createDirectories(directory);
        List<TensorToWrite> tensors = layout.byOpenaiName().values().stream()
                .sorted(Comparator.comparing(WeightLayout.Entry::huggingFaceName))
                .map(e -> new TensorToWrite(e.huggingFaceName(), e.shape(), dtype, weights.contentOf(layout, e)))
                .toList();
        SafetensorsWriter.write(directory.resolve(SAFETENSORS_FILE), tensors,
                Map.of("format", "pt", "earshot_random_seed", Long.toString(seed)));
        HuggingFaceConfigWriter.writeConfig(directory.resolve("config.json"), config, dtype);
        HuggingFaceConfigWriter.writeGenerationConfig(directory.resolve("generation_config.json"), config,
                AlignmentHeads.lastHalf(config));
        return directory;
    }

    /**
     * Writes a whisper.cpp model file: ftype f32 or f16, tensors in openai order and in the types whisper.cpp
     * expects for that ftype. The values equal the Hugging Face export's of the same seed.
     *
     * @param melFilters the [n_mels × fftBins] bank whisper.cpp will compute its spectrogram with
     * @param vocabulary the tiktoken ranks' bytes in rank order
     */
    public Path writeGgml(Path file, float[] melFilters, int fftBins, List<byte[]> vocabulary) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        List<TensorToWrite> tensors = layout.byOpenaiName().values().stream()
                .map(e -> new TensorToWrite(e.openaiName(), e.shape(),
                        GgmlWriter.storedType(e.openaiName(), e.shape().length, dtype), weights.contentOf(layout, e)))
                .toList();
        GgmlWriter.write(file, config, dtype, melFilters, fftBins, vocabulary, tensors);
        return file;
    }
}
