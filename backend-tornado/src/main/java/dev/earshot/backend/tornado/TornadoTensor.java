package dev.earshot.backend.tornado;

import dev.earshot.api.backend.DType;
import dev.earshot.api.backend.Tensor;
import dev.earshot.api.backend.TensorArguments;

/**
 * A tensor of the tornado backend: rows [offset / cols, …) of a {@link Storage}. Views share the storage and differ
 * only in offset and row count, which kernels receive in their dims array. Elements are always F32 here: F16 and
 * BF16 weights are widened when uploaded.
 */
final class TornadoTensor implements Tensor {

    final TornadoBackend owner;
    final Storage storage;
    /** First element, in floats from the start of the storage. */
    final int offset;
    private final int rows;
    private final int cols;
    final boolean view;

    TornadoTensor(TornadoBackend owner, Storage storage, int offset, int rows, int cols, boolean view) {
        this.owner = owner;
        this.storage = storage;
        this.offset = offset;
        this.rows = rows;
        this.cols = cols;
        this.view = view;
    }

    TornadoTensor rowView(int firstRow, int rowCount) {
        return new TornadoTensor(owner, storage, offset + firstRow * cols, rowCount, cols, true);
    }

    int count() {
        return rows * cols;
    }

    /** Whether the element ranges of the two tensors share any float. */
    boolean overlaps(TornadoTensor other) {
        return storage == other.storage && offset < other.offset + other.count() && other.offset < offset + count();
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int cols() {
        return cols;
    }

    @Override
    public DType dtype() {
        return DType.F32;
    }

    @Override
    public String toString() {
        return (storage.weight ? "weight " : "activation ") + TensorArguments.shape(this) + (view ? " (row view)" : "");
    }
}
