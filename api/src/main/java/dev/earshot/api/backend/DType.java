package dev.earshot.api.backend;

/**
 * How a tensor's elements are stored. Weights keep their checkpoint type; activations are {@link #F32}, except a
 * cache a caller asks to keep in {@link #F16} where the backend supports it ({@link Backend#allocate(int, int, DType)}).
 */
public enum DType {
    F32(4),
    F16(2),
    BF16(2);

    private final int bytes;

    DType(int bytes) {
        this.bytes = bytes;
    }

    public int bytesPerElement() {
        return bytes;
    }
}
