package dev.earshot.backend.cpu;

import dev.earshot.api.backend.DType;

import java.lang.foreign.MemorySegment;

/**
 * An F16 activation, a cache read far more often than written (the decoder's cross-attention keys and values):
 * {@code rows × cols} half-precision bit patterns of {@link HalfStorage#bits} starting at {@code offset}. Ops
 * write it by rounding F32 results ({@link #narrowFrom}) and read it by widening rows into F32 scratch
 * ({@link #widenRows}); each widened element is exactly the half's value.
 */
record HalfActivationTensor(CpuBackend owner, HalfStorage storage, int offset, int rows, int cols, boolean isView)
        implements CpuTensor {

    /** The heap array behind a half tensor and its row views. */
    static final class HalfStorage {
        final short[] bits;
        final ReleaseFlag released = new ReleaseFlag();

        HalfStorage(int elementCount) {
            this.bits = new short[elementCount];
        }
    }

    int rowStart(int row) {
        return offset + row * cols;
    }

    @Override
    public DType dtype() {
        return DType.F16;
    }

    /**
     * Rows [firstRow, firstRow + count) and [pairedRow, pairedRow + count), columns [firstColumn, firstColumn +
     * width), widened into {@code dst} as [count × width] blocks at {@code dstOffset} and {@code pairedDstOffset}.
     * Row by row, alternating between the runs, so memory sees two streams (see {@link StoredRows#readFloatPairs});
     * each row is its own loop, which the JIT turns into vector conversions (one loop converting both rows' elements
     * was left scalar, three times slower). A {@code pairedCount} below {@code count} (the second run's end) widens
     * fewer paired rows.
     */
    void widenRows(int firstRow, int pairedRow, int count, int pairedCount, int firstColumn, int width, float[] dst,
                   int dstOffset, int pairedDstOffset) {
        for (int r = 0; r < count; r++) {
            widen(rowStart(firstRow + r) + firstColumn, width, dst, dstOffset + r * width);
            if (r < pairedCount) {
                widen(rowStart(pairedRow + r) + firstColumn, width, dst, pairedDstOffset + r * width);
            }
        }
    }

    /** Rows [firstRow, firstRow + count) whole, widened into {@code dst} from {@code dstOffset}, row-major. */
    void widenRows(int firstRow, int count, float[] dst, int dstOffset) {
        widen(rowStart(firstRow), count * cols, dst, dstOffset);
    }

    private void widen(int from, int count, float[] dst, int dstOffset) {
        short[] bits = storage.bits;
        for (int i = 0; i < count; i++) {
            dst[dstOffset + i] = Float.float16ToFloat(bits[from + i]);
        }
    }

    /** Rows [firstRow, firstRow + count) set to {@code src} from {@code srcOffset} (row-major), each rounded to nearest-even half. */
    void narrowFrom(float[] src, int srcOffset, int firstRow, int count) {
        short[] bits = storage.bits;
        int to = rowStart(firstRow);
        for (int i = 0, n = count * cols; i < n; i++) {
            bits[to + i] = Float.floatToFloat16(src[srcOffset + i]);
        }
    }

    @Override
    public StoredRows storedRows() {
        MemorySegment all = MemorySegment.ofArray(storage.bits);
        return new StoredRows(all.asSlice((long) offset * Short.BYTES, elementCount() * Short.BYTES), DType.F16, rows, cols);
    }

    @Override
    public HalfActivationTensor rowView(int firstRow, int rowCount) {
        return new HalfActivationTensor(owner, storage, rowStart(firstRow), rowCount, cols, true);
    }

    @Override
    public void checkLive() {
        if (storage.released.isReleased()) {
            throw new IllegalStateException("F16 activation " + CpuTensor.shape(this) + " was released");
        }
    }

    @Override
    public String toString() {
        return "F16 activation " + CpuTensor.shape(this);
    }
}
