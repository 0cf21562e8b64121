package dev.earshot.model.weights;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * One tensor of a mapped checkpoint: its name, storage type, PyTorch shape (C order, last index fastest)
 * and the bytes, still in the mapped file.
 */
public record TensorSlice(String name, StorageType type, long[] shape, MemorySegment bytes) {

    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    public long elementCount() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    /** Copies the tensor to a new float array, widening F16/BF16/I32; for tests and small tensors only. */
    public float[] toFloatArray() {
        int n = Math.toIntExact(elementCount());
        float[] out = new float[n];
        switch (type) {
            case F32 -> MemorySegment.copy(bytes, F32, 0, out, 0, n);
            case F16 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = Float.float16ToFloat(bytes.getAtIndex(U16, i));
                }
            }
            case BF16 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = Float.intBitsToFloat((bytes.getAtIndex(U16, i) & 0xffff) << 16);
                }
            }
            case I32 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = bytes.getAtIndex(I32, i);
                }
            }
            case I64 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = bytes.getAtIndex(I64, i);
                }
            }
        }
        return out;
    }

    /** Copies an integer tensor (I32 or I64) to an int array. */
    public int[] toIntArray() {
        int n = Math.toIntExact(elementCount());
        int[] out = new int[n];
        switch (type) {
            case I32 -> MemorySegment.copy(bytes, I32, 0, out, 0, n);
            case I64 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = Math.toIntExact(bytes.getAtIndex(I64, i));
                }
            }
            default -> throw new IllegalStateException(name + " is " + type + ", not an integer tensor");
        }
        return out;
    }

    @Override
    public String toString() {
        return name + " " + type + Arrays.toString(shape);
    }
}
