package dev.earshot.model.weights;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Expands ggml's 32-element quantization blocks into float32. Every block starts with a float16 scale d
 * (and, for the "_1" types, a float16 minimum m); each value is q·d (q signed: centred by 8, 16 or stored
 * as int8) or q·d + m (q unsigned). In the 4- and 5-bit types byte j holds value j in its low nibble and
 * value j+16 in its high nibble; the 5-bit types keep the fifth bits in a little-endian 32-bit mask
 * (bit j for value j).
 */
public final class GgmlQuantization {

    private static final ValueLayout.OfShort F16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final int BLOCK = 32;
    private static final int HALF = BLOCK / 2;

    private GgmlQuantization() {
    }

    /**
     * Writes the {@code source.byteSize() / type.blockBytes()} blocks of {@code source} as little-endian float32
     * into {@code target}, which must have room for 32 floats per block.
     */
    public static void dequantize(GgmlType type, MemorySegment source, MemorySegment target) {
        if (!type.isQuantized()) {
            throw new IllegalArgumentException(type + " is not a block-quantized type");
        }
        long blocks = source.byteSize() / type.blockBytes();
        if (blocks * type.blockBytes() != source.byteSize() || target.byteSize() < blocks * BLOCK * Float.BYTES) {
            throw new IllegalArgumentException(source.byteSize() + " bytes are not whole " + type + " blocks, or the target of "
                    + target.byteSize() + " bytes is too small");
        }
        float[] values = new float[BLOCK];
        for (long b = 0; b < blocks; b++) {
            MemorySegment block = source.asSlice(b * type.blockBytes(), type.blockBytes());
            switch (type) {
                case Q8_0 -> q8_0(block, values);
                case Q4_0 -> q4(block, values, false);
                case Q4_1 -> q4(block, values, true);
                case Q5_0 -> q5(block, values, false);
                case Q5_1 -> q5(block, values, true);
                default -> throw new IllegalStateException(type.name());
            }
            MemorySegment.copy(values, 0, target, F32, b * BLOCK * Float.BYTES, BLOCK);
        }
    }

    private static float half(MemorySegment block, long offset) {
        return Float.float16ToFloat(block.get(F16, offset));
    }

    private static void q8_0(MemorySegment block, float[] out) {
        float d = half(block, 0);
        for (int j = 0; j < BLOCK; j++) {
            out[j] = block.get(ValueLayout.JAVA_BYTE, 2 + j) * d;
        }
    }

    private static void q4(MemorySegment block, float[] out, boolean withMinimum) {
        float d = half(block, 0);
        float m = withMinimum ? half(block, 2) : 0f;
        int quants = withMinimum ? 4 : 2;
        int centre = withMinimum ? 0 : 8;
        for (int j = 0; j < HALF; j++) {
            int packed = block.get(ValueLayout.JAVA_BYTE, quants + j) & 0xff;
            out[j] = value((packed & 0x0f) - centre, d, m, withMinimum);
            out[j + HALF] = value((packed >>> 4) - centre, d, m, withMinimum);
        }
    }

    private static void q5(MemorySegment block, float[] out, boolean withMinimum) {
        float d = half(block, 0);
        float m = withMinimum ? half(block, 2) : 0f;
        int highBitsAt = withMinimum ? 4 : 2;
        int highBits = block.get(U32, highBitsAt);
        int quants = highBitsAt + 4;
        int centre = withMinimum ? 0 : 16;
        for (int j = 0; j < HALF; j++) {
            int packed = block.get(ValueLayout.JAVA_BYTE, quants + j) & 0xff;
            int low = (packed & 0x0f) | (((highBits >>> j) & 1) << 4);
            int high = (packed >>> 4) | (((highBits >>> (j + HALF)) & 1) << 4);
            out[j] = value(low - centre, d, m, withMinimum);
            out[j + HALF] = value(high - centre, d, m, withMinimum);
        }
    }

    private static float value(int q, float d, float m, boolean withMinimum) {
        return withMinimum ? q * d + m : q * d;
    }
}
