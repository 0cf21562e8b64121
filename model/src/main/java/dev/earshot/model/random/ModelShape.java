package dev.earshot.model.random;

import dev.earshot.model.WhisperConfig;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The dimensions of openai's published multilingual Whisper models (openai/whisper's {@code ModelDimensions}). */
public enum ModelShape {
    TINY("tiny", 80, 51865, 384, 6, 4),
    BASE("base", 80, 51865, 512, 8, 6),
    SMALL("small", 80, 51865, 768, 12, 12),
    MEDIUM("medium", 80, 51865, 1024, 16, 24),
    LARGE_V3("large-v3", 128, 51866, 1280, 20, 32);

    private static final int AUDIO_CONTEXT = 1500;
    private static final int TEXT_CONTEXT = 448;

    private final String modelName;
    private final int melCount;
    private final int vocabularySize;
    private final int width;
    private final int heads;
    private final int layers;

    ModelShape(String modelName, int melCount, int vocabularySize, int width, int heads, int layers) {
        this.modelName = modelName;
        this.melCount = melCount;
        this.vocabularySize = vocabularySize;
        this.width = width;
        this.heads = heads;
        this.layers = layers;
    }

    /** The name openai uses ("tiny", "large-v3"). */
    public String modelName() {
        return modelName;
    }

    /** Encoder and decoder have the same width, heads and depth in every published Whisper. */
    public WhisperConfig config() {
        return WhisperConfig.openai(melCount, vocabularySize, AUDIO_CONTEXT, width, heads, layers,
                TEXT_CONTEXT, width, heads, layers);
    }

    /** The shape named {@code name} ("tiny" … "large-v3"); the message lists the known names. */
    public static ModelShape named(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.modelName.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown model shape '" + name + "'; known: " + names()));
    }

    public static String names() {
        return Arrays.stream(values()).map(ModelShape::modelName).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return modelName;
    }
}
