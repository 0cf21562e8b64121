package dev.earshot.benchmarks;

/** The published models' widths that the benchmarks run at: encoder rows are always 1500 per 30 s window. */
public enum WhisperShape {
    tiny(384, 6),
    base(512, 8),
    small(768, 12);

    static final int ENCODER_POSITIONS = 1500;
    static final int MULTILINGUAL_VOCABULARY = 51865;

    final int width;
    final int heads;

    WhisperShape(int width, int heads) {
        this.width = width;
        this.heads = heads;
    }
}
