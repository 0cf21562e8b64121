package dev.earshot.backend.cpu;

import dev.earshot.api.backend.DType;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Row-major [rows × cols] elements of {@code dtype} in a memory segment, little-endian as checkpoints store them,
 * with no alignment assumed (a safetensors F32 tensor may start 2 bytes past a 4-byte boundary).
 * Converts rows to float for the kernels.
 */
record StoredRows(MemorySegment data, DType dtype, int rows, int cols) {

    static final ValueLayout.OfFloat F32_LE = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfShort I16_LE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    /** As many 16-bit lanes as the preferred float vector has float lanes (half its width). */
    private static final VectorSpecies<Short> BF16_SPECIES =
            VectorSpecies.of(short.class, VectorShape.forBitSize(LinearKernel.SPECIES.vectorBitSize() / 2));
    private static final VectorSpecies<Integer> WIDENED_SPECIES = LinearKernel.SPECIES.withLanes(int.class);

    long rowBytes() {
        return (long) cols * dtype.bytesPerElement();
    }

    StoredRows rowRange(int firstRow, int rowCount) {
        return new StoredRows(data.asSlice(firstRow * rowBytes(), rowCount * rowBytes()), dtype, rowCount, cols);
    }

    /**
     * Converts {@code count} consecutive elements starting at element {@code first} into {@code dst[dstOffset…]}.
     * F16 is widened straight from the segment: the JIT turns this loop into vector half-to-float conversions,
     * and it is a fifth faster than copying the bits to a short[] first (the decoder's GEMVs are bound by it).
     */
    void readFloats(long first, int count, float[] dst, int dstOffset) {
        long byteOffset = first * dtype.bytesPerElement();
        switch (dtype) {
            case F32 -> MemorySegment.copy(data, F32_LE, byteOffset, dst, dstOffset, count);
            case F16 -> {
                for (int i = 0; i < count; i++) {
                    dst[dstOffset + i] = Float.float16ToFloat(data.get(I16_LE, byteOffset + 2L * i));
                }
            }
            case BF16 -> widenBfloat16(byteOffset, count, dst, dstOffset);
        }
    }

    /**
     * {@link #readFloats} for two runs of {@code count} elements at once, {@code first} into {@code dst} and
     * {@code paired} into {@code pairedDst}, in one loop. A token step's GEMV is bound by the latency of its
     * weight reads, not by their bandwidth: one core keeps too few misses in flight for one sequential stream.
     * Reading two streams in the same loop (the GEMV's are half a task apart) keeps twice as many in flight (the
     * vocabulary GEMV went from 7.3 to 9–11 GB/s on one core). The values are those {@link #readFloats} gives,
     * bit for bit.
     */
    void readFloatPairs(long first, long paired, int count, float[] dst, float[] pairedDst) {
        long byteOffset = first * dtype.bytesPerElement();
        long pairedByteOffset = paired * dtype.bytesPerElement();
        switch (dtype) {
            case F32 -> { // two bulk copies; nothing to interleave
                readFloats(first, count, dst, 0);
                readFloats(paired, count, pairedDst, 0);
            }
            case F16 -> {
                for (int i = 0; i < count; i++) {
                    dst[i] = Float.float16ToFloat(data.get(I16_LE, byteOffset + 2L * i));
                    pairedDst[i] = Float.float16ToFloat(data.get(I16_LE, pairedByteOffset + 2L * i));
                }
            }
            case BF16 -> {
                int vectorEnd = BF16_SPECIES.loopBound(count);
                for (int i = 0; i < vectorEnd; i += BF16_SPECIES.length()) {
                    widenedBfloat16(byteOffset + 2L * i).intoArray(dst, i);
                    widenedBfloat16(pairedByteOffset + 2L * i).intoArray(pairedDst, i);
                }
                for (int i = vectorEnd; i < count; i++) {
                    dst[i] = Float.intBitsToFloat(data.get(I16_LE, byteOffset + 2L * i) << 16);
                    pairedDst[i] = Float.intBitsToFloat(data.get(I16_LE, pairedByteOffset + 2L * i) << 16);
                }
            }
        }
    }

    /**
     * bf16 is the upper half of a float: widening is a 16-bit shift, done a vector at a time (the scalar loop is
     * not vectorised by the JIT and made BF16 linear layers a quarter slower than F16 ones).
     */
    private void widenBfloat16(long byteOffset, int count, float[] dst, int dstOffset) {
        int vectorEnd = BF16_SPECIES.loopBound(count);
        for (int i = 0; i < vectorEnd; i += BF16_SPECIES.length()) {
            widenedBfloat16(byteOffset + 2L * i).intoArray(dst, dstOffset + i);
        }
        for (int i = vectorEnd; i < count; i++) {
            dst[dstOffset + i] = Float.intBitsToFloat(data.get(I16_LE, byteOffset + 2L * i) << 16);
        }
    }

    private FloatVector widenedBfloat16(long byteOffset) {
        ShortVector bits = ShortVector.fromMemorySegment(BF16_SPECIES, data, byteOffset, ByteOrder.LITTLE_ENDIAN);
        return ((IntVector) bits.convertShape(VectorOperators.S2I, WIDENED_SPECIES, 0)).lanewise(VectorOperators.LSHL, 16)
                .reinterpretAsFloats();
    }

    /** One element as float, for the few scalar reads (biases of a single output, tests). */
    float get(int row, int col) {
        long index = (long) row * cols + col;
        return switch (dtype) {
            case F32 -> data.get(F32_LE, index * 4);
            case F16 -> Float.float16ToFloat(data.get(I16_LE, index * 2));
            case BF16 -> Float.intBitsToFloat(data.get(I16_LE, index * 2) << 16);
        };
    }
}
