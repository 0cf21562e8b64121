package dev.earshot.api.backend;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * A checkpoint tensor as stored: little-endian elements of {@code dtype}, row-major [rows × cols], usually
 * a slice of a memory-mapped file. Nothing is copied before {@link Backend#upload}; a device backend copies
 * it then, but a host backend may keep reading it, so the segment must stay valid, and readable from any
 * thread (a shared or global arena), until the tensor is released or the backend closed.
 *
 * @param name for error messages ({@code encoder.blocks.0.attn.query.weight})
 */
public record WeightData(String name, DType dtype, int rows, int cols, MemorySegment data) {

    public WeightData {
        long expected = (long) rows * cols * dtype.bytesPerElement();
        if (rows <= 0 || cols <= 0 || data.byteSize() != expected) {
            throw new IllegalArgumentException(name + ": " + rows + " × " + cols + " " + dtype + " needs "
                    + expected + " bytes, the data has " + data.byteSize());
        }
    }

    /**
     * The stored bytes where native code, such as a driver copying them to a device, can read them: {@link #data}
     * itself when it is already native (memory-mapped or off-heap), otherwise one bulk copy of it in {@code arena},
     * which must stay open until the native code is done with it.
     */
    public MemorySegment nativeData(Arena arena) {
        if (data.isNative()) {
            return data;
        }
        MemorySegment copy = arena.allocate(data.byteSize(), Float.BYTES);
        copy.copyFrom(data);
        return copy;
    }
}
