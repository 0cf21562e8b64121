package dev.earshot.model.weights;

import java.util.Arrays;
import java.util.Optional;

/**
 * The ggml element types a whisper.cpp model file can hold, by their type id. Float types are mapped as they
 * are; the block-quantized ones hold {@link #blockElements} values in {@link #blockBytes} bytes and are
 * dequantized at load by {@link GgmlQuantization}.
 */
public enum GgmlType {
    F32(0, 1, 4),
    F16(1, 1, 2),
    Q4_0(2, 32, 18),
    Q4_1(3, 32, 20),
    Q5_0(6, 32, 22),
    Q5_1(7, 32, 24),
    Q8_0(8, 32, 34);

    private final int id;
    private final int blockElements;
    private final int blockBytes;

    GgmlType(int id, int blockElements, int blockBytes) {
        this.id = id;
        this.blockElements = blockElements;
        this.blockBytes = blockBytes;
    }

    public int id() {
        return id;
    }

    public int blockElements() {
        return blockElements;
    }

    public int blockBytes() {
        return blockBytes;
    }

    public boolean isQuantized() {
        return blockElements > 1;
    }

    /** Bytes {@code elements} values take; {@code elements} must be a whole number of blocks. */
    public long bytesFor(long elements) {
        return Math.multiplyExact(elements / blockElements, (long) blockBytes);
    }

    public static Optional<GgmlType> byId(int id) {
        return Arrays.stream(values()).filter(t -> t.id == id).findFirst();
    }

    /** ggml's name for a type id this loader does not read, for error messages. */
    static String foreignName(int id) {
        return switch (id) {
            case 4, 5 -> "q4_2/q4_3 (removed from ggml)";
            case 9 -> "q8_1";
            case 10 -> "q2_K";
            case 11 -> "q3_K";
            case 12 -> "q4_K";
            case 13 -> "q5_K";
            case 14 -> "q6_K";
            case 15 -> "q8_K";
            case 30 -> "bf16";
            default -> "unknown";
        };
    }
}
