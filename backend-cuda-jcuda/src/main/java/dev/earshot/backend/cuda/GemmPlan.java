package dev.earshot.backend.cuda;

/**
 * The cuBLAS call for {@code out = x·Wᵀ} on row-major tensors. cuBLAS is column-major, and a row-major [r × c] matrix
 * is the column-major [c × r] matrix: so out [n × m] row-major is outᵀ [m × n] column-major, and
 * {@code outᵀ = W · xᵀ} where W row-major [m × k] read column-major is Wᵀ [k × m] (hence transa = T, lda = k) and x
 * row-major [n × k] is xᵀ [k × n] column-major (transb = N, ldb = k). Kept apart from the backend so the mapping
 * is tested on the host against a column-major reference, without a device.
 *
 * @param transposeA whether cuBLAS transposes A (always: the weight)
 * @param transposeB whether cuBLAS transposes B (never: the activations)
 */
record GemmPlan(boolean transposeA, boolean transposeB, int m, int n, int k, int lda, int ldb, int ldc) {

    /** For x [rows × k] and W [features × k], out [rows × features]. */
    static GemmPlan linear(int rows, int features, int k) {
        if (rows <= 0 || features <= 0 || k <= 0) {
            throw new IllegalArgumentException("linear needs positive sizes, not rows " + rows + ", features " + features
                    + ", k " + k);
        }
        return new GemmPlan(true, false, features, rows, k, k, k, features);
    }

    /**
     * The bias as a rank-1 update after the GEMM, {@code outᵀ += b · 1ᵀ} (cublasSger with x = bias of length m, y = a
     * vector of n ones): each output is its dot product plus its bias, in that order, as on the other backends.
     */
    int biasRows() {
        return m;
    }

    int biasColumns() {
        return n;
    }
}
