package dev.earshot.backend.cpu;

import dev.earshot.api.backend.DType;

/**
 * A weight as stored in the checkpoint: the caller's (usually memory-mapped) segment, read in place; the only copy
 * is the {@link PackedPanels} form made when the weight first multiplies many rows at once, and, when the backend
 * quantizes, the {@link QuantizedRows} form made when it first multiplies a token step's few rows.
 */
record WeightTensor(CpuBackend owner, String name, StoredRows storedRows, ReleaseFlag released, boolean isView,
                    DerivedForm<PackedPanels> packed, DerivedForm<QuantizedRows> quantized)
        implements CpuTensor {

    @Override
    public int rows() {
        return storedRows.rows();
    }

    @Override
    public int cols() {
        return storedRows.cols();
    }

    @Override
    public DType dtype() {
        return storedRows.dtype();
    }

    @Override
    public WeightTensor rowView(int firstRow, int rowCount) {
        return new WeightTensor(owner, name + "[" + firstRow + ":" + (firstRow + rowCount) + "]",
                storedRows.rowRange(firstRow, rowCount), released, true,
                DerivedForm.packedPanels(), DerivedForm.quantizedRows());
    }

    @Override
    public void checkLive() {
        if (released.isReleased()) {
            throw new IllegalStateException("weight " + name + " " + CpuTensor.shape(this) + " was released");
        }
    }

    @Override
    public String toString() {
        return "weight " + name + " " + CpuTensor.shape(this) + " " + dtype();
    }
}
