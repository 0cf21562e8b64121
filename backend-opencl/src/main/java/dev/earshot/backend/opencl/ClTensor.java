package dev.earshot.backend.opencl;

import dev.earshot.api.backend.DType;
import dev.earshot.api.backend.Tensor;
import dev.earshot.api.backend.TensorArguments;

/**
 * A tensor of one {@link OpenClBackend}: rows × cols F32 elements of a device buffer from element {@code offset}.
 * A row view shares the buffer with a larger offset (passed to kernels as an argument, no sub-buffers).
 * Weights are F32 on the device whatever their stored type, and read-only.
 */
record ClTensor(OpenClBackend owner, DeviceBuffer buffer, int offset, int rows, int cols, boolean isWeight,
                boolean isView) implements Tensor {

    @Override
    public DType dtype() {
        return DType.F32;
    }

    ClTensor rowView(int firstRow, int rowCount) {
        return new ClTensor(owner, buffer, offset + firstRow * cols, rowCount, cols, isWeight, true);
    }

    int count() {
        return rows * cols;
    }

    boolean overlaps(ClTensor other) {
        return buffer == other.buffer && offset < other.offset + other.count() && other.offset < offset + count();
    }

    static String shape(Tensor t) {
        return TensorArguments.shape(t);
    }

    @Override
    public String toString() {
        return (isWeight ? "weight " : "activation ") + shape(this);
    }
}
