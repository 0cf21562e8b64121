package dev.earshot.backend.cpu;

import dev.earshot.api.backend.TensorArguments;

/**
 * Kernel-3, padding-1 convolution over time-major activations as a linear op: each output step's input patch
 * (3 input steps × C_in, laid out [C_in × 3] like PyTorch's weight [C_out, C_in, 3]) is gathered into a patch
 * matrix, then {@code out = patches·Wᵀ + b} runs on the tiled linear kernel.
 */
final class Conv1dKernel {

    /** The checked width, so the check and the patch layout cannot disagree. */
    static final int KERNEL = TensorArguments.CONV1D_KERNEL;
    private static final int PATCH_ROWS_PER_TASK = 64;

    private Conv1dKernel() {
    }

    /**
     * @param x       [T_in × C_in]
     * @param weight  [C_out × C_in·3]
     * @param bias    [C_out] widened, or null
     * @param out     [T_out × C_out], T_out = (T_in − 1) / stride + 1
     */
    static void run(WorkerPool pool, SharedScratch shared, ActivationTensor out, ActivationTensor x, StoredRows weight,
                    DerivedForm<PackedPanels> packed, float[] bias, int stride) {
        int steps = out.rows();
        int channels = x.cols();
        int patchWidth = channels * KERNEL;
        float[] patches = shared.patches(steps * patchWidth); // [T_out × C_in·3]
        pool.run(LinearKernel.ceilDiv(steps, PATCH_ROWS_PER_TASK), (task, scratch) -> {
            int first = task * PATCH_ROWS_PER_TASK;
            int end = Math.min(steps, first + PATCH_ROWS_PER_TASK);
            for (int t = first; t < end; t++) {
                gatherPatch(x, t, stride, patches, t * patchWidth);
            }
        });
        LinearKernel.run(pool, out.values(), out.offset(), patches, 0, steps, weight, packed, bias);
    }

    /** patch[c·3 + j] = x[t·stride + j − 1][c], zero where that step lies in the padding. */
    private static void gatherPatch(ActivationTensor x, int t, int stride, float[] patches, int patch) {
        float[] xv = x.values();
        int channels = x.cols();
        for (int j = 0; j < KERNEL; j++) {
            int source = t * stride + j - 1;
            if (source < 0 || source >= x.rows()) {
                for (int c = 0; c < channels; c++) {
                    patches[patch + c * KERNEL + j] = 0f;
                }
                continue;
            }
            int row = x.rowStart(source);
            for (int c = 0; c < channels; c++) {
                patches[patch + c * KERNEL + j] = xv[row + c];
            }
        }
    }
}
