package dev.earshot.api.backend;

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
}
