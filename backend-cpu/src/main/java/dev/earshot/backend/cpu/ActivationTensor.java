package dev.earshot.backend.cpu;

import dev.earshot.api.backend.DType;

import java.lang.foreign.MemorySegment;

/**
 * An F32 activation: {@code rows × cols} floats of {@link ActivationStorage#values} starting at {@code offset}.
 * A row view shares the storage with a larger offset.
 */
record ActivationTensor(CpuBackend owner, ActivationStorage storage, int offset, int rows, int cols, boolean isView)
        implements CpuTensor {

    /** The backing array; row r starts at {@code offset + r·cols}. */
    float[] values() {
        return storage.values;
    }

    int rowStart(int row) {
        return offset + row * cols;
    }

    @Override
    public DType dtype() {
        return DType.F32;
    }

    @Override
    public StoredRows storedRows() {
        MemorySegment all = MemorySegment.ofArray(storage.values);
        return new StoredRows(all.asSlice((long) offset * Float.BYTES, elementCount() * Float.BYTES), DType.F32, rows, cols);
    }

    @Override
    public ActivationTensor rowView(int firstRow, int rowCount) {
        return new ActivationTensor(owner, storage, rowStart(firstRow), rowCount, cols, true);
    }

    @Override
    public void checkLive() {
        if (storage.released.isReleased()) {
            throw new IllegalStateException("activation " + CpuTensor.shape(this) + " was released");
        }
    }

    /** Two activations whose elements may overlap (same storage). */
    boolean sharesStorageWith(ActivationTensor other) {
        return storage == other.storage;
    }

    @Override
    public String toString() {
        return "activation " + CpuTensor.shape(this);
    }
}
