package dev.earshot.backend.cuda;

import dev.earshot.api.backend.DType;
import dev.earshot.api.backend.Tensor;
import dev.earshot.api.backend.TensorArguments;
import jcuda.driver.CUdeviceptr;

/**
 * A tensor of one {@link CudaBackend}: rows × cols F32 elements of a device allocation from element {@code offset}.
 * Row views share the allocation; kernels take the allocation's base pointer and the offset, as in the OpenCL backend.
 */
record CudaTensor(CudaBackend owner, DeviceAllocation allocation, int offset, int rows, int cols, boolean isWeight,
                  boolean isView) implements Tensor {

    @Override
    public DType dtype() {
        return DType.F32;
    }

    CudaTensor rowView(int firstRow, int rowCount) {
        return new CudaTensor(owner, allocation, offset + firstRow * cols, rowCount, cols, isWeight, true);
    }

    int count() {
        return rows * cols;
    }

    /** The address of the first element, for cuBLAS and copies. */
    CUdeviceptr pointer() {
        return allocation.pointer().withByteOffset((long) offset * Float.BYTES);
    }

    boolean overlaps(CudaTensor other) {
        return allocation == other.allocation && offset < other.offset + other.count() && other.offset < offset + count();
    }

    @Override
    public String toString() {
        return (isWeight ? "weight " : "activation ") + TensorArguments.shape(this);
    }
}
