package dev.earshot.backend.tck;

import dev.earshot.api.backend.DType;
import dev.earshot.api.backend.WeightData;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Weights laid out the way a checkpoint stores them: little-endian F32, F16 or BF16 in native memory that lives
 * until {@link #close()} (after the backends that read it). Each tensor starts 2 bytes past an 8-byte boundary,
 * like an F32 tensor that follows an odd-length F16 tensor in a safetensors file, so a backend that assumes
 * aligned weights fails here rather than on a real model.
 */
public final class StoredWeights implements AutoCloseable {

    private static final ValueLayout.OfFloat F32_LE = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort I16_LE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final long MISALIGNMENT = 2;

    /** A stored weight and the float values its stored elements decode to (what the backend must compute with). */
    public record Stored(WeightData data, float[] values) {
    }

    private final Arena arena = Arena.ofShared();

    /** Rounds {@code values} [rows × cols] to {@code type} (to nearest, ties to even) and stores them. */
    public Stored store(String name, DType type, int rows, int cols, float[] values) {
        if (values.length != rows * cols) {
            throw new IllegalArgumentException(name + ": " + values.length + " values for [" + rows + " × " + cols + "]");
        }
        long bytes = (long) values.length * type.bytesPerElement();
        MemorySegment data = arena.allocate(bytes + MISALIGNMENT, 8).asSlice(MISALIGNMENT, bytes);
        float[] decoded = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            switch (type) {
                case F32 -> {
                    data.set(F32_LE, 4L * i, values[i]);
                    decoded[i] = values[i];
                }
                case F16 -> {
                    short bits = Float.floatToFloat16(values[i]);
                    data.set(I16_LE, 2L * i, bits);
                    decoded[i] = Float.float16ToFloat(bits);
                }
                case BF16 -> {
                    short bits = toBfloat16(values[i]);
                    data.set(I16_LE, 2L * i, bits);
                    decoded[i] = Float.intBitsToFloat(bits << 16);
                }
            }
        }
        return new Stored(new WeightData(name, type, rows, cols, data), decoded);
    }

    /** The upper half of the float's bits, rounded to nearest with ties to even (finite values only). */
    static short toBfloat16(float value) {
        int bits = Float.floatToRawIntBits(value);
        int roundingBias = 0x7FFF + ((bits >>> 16) & 1);
        return (short) ((bits + roundingBias) >>> 16);
    }

    @Override
    public void close() {
        arena.close();
    }
}
