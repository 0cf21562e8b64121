package dev.earshot.model.weights;

import java.util.Arrays;

/**
 * One tensor a checkpoint writer streams to disk: its openai/whisper name, its PyTorch shape (C order), how it
 * is stored, and where its values come from. Values are pulled in chunks so no writer ever holds a whole
 * tensor (large-v3's token embedding alone is 260 MB in f32).
 */
public record TensorToWrite(String name, long[] shape, StorageType type, TensorContent content) {

    public TensorToWrite {
        if (type != StorageType.F32 && type != StorageType.F16) {
            throw new IllegalArgumentException("tensor " + name + ": writers store f32 or f16, not " + type);
        }
        shape = shape.clone();
    }

    public long elementCount() {
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    public long byteCount() {
        return elementCount() * type.bytesPerElement();
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape) + " " + type;
    }

    /** Supplies a tensor's values in C order, a chunk at a time. */
    @FunctionalInterface
    public interface TensorContent {
        /** Writes elements {@code [first, first + count)} of the flattened tensor into {@code out[0, count)}. */
        void fill(long first, float[] out, int count);
    }
}
