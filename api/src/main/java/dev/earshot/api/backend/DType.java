package dev.earshot.api.backend;

/** How a tensor's elements are stored. Activations are always {@link #F32}; weights keep their checkpoint type. */
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
