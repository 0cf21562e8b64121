package dev.earshot.backend.cpu;

import dev.earshot.api.backend.Tensor;
import dev.earshot.api.backend.TensorArguments;

/** A tensor of one {@link CpuBackend}: an F32 or F16 activation on the heap, or a weight over the caller's memory. */
sealed interface CpuTensor extends Tensor permits ActivationTensor, HalfActivationTensor, WeightTensor {

    /** The backend that made it; ops refuse tensors of any other. */
    CpuBackend owner();

    /** The rows of this tensor as stored elements, for reading it the way weights are read. */
    StoredRows storedRows();

    /** Rows [firstRow, firstRow + rowCount) sharing this tensor's storage. */
    CpuTensor rowView(int firstRow, int rowCount);

    /** Throws if the storage was released; a released tensor is never read or written again. */
    void checkLive();

    static String shape(Tensor t) {
        return TensorArguments.shape(t);
    }
}
