package dev.earshot.backend.cpu;

/**
 * The row-wise and element-wise ops: layer norm, add, GELU, log-softmax. Reductions accumulate in double, in an
 * order fixed by the row width, so results are exact to float rounding and independent of the thread count.
 */
final class RowKernels {

    /** Rows per task for ops whose cost is a few operations per element. */
    private static final int ROWS_PER_TASK = 16;
    /** Elements per GELU task: erf costs tens of operations per element. */
    private static final int GELU_ELEMENTS_PER_TASK = 8192;

    private RowKernels() {
    }

    /** Per row: (x − mean)/sqrt(var + eps)·gamma + beta with the population variance, in double ({@link LayerNormKernel}). */
    static void layerNorm(WorkerPool pool, ActivationTensor out, ActivationTensor x, float[] gamma, float[] beta, float eps) {
        forRowBlocks(pool, x.rows(), (row, scratch) -> LayerNormKernel.row(x.values(), x.rowStart(row), out.values(),
                out.rowStart(row), x.cols(), gamma, beta, eps, scratch.doubleLanes));
    }

    /** out = a + b; either operand may be a weight (positional embeddings), out may be a or b. */
    static void add(WorkerPool pool, ActivationTensor out, CpuTensor a, CpuTensor b) {
        int cols = out.cols();
        forRowBlocks(pool, out.rows(), (row, scratch) -> {
            float[] ov = out.values();
            int dst = out.rowStart(row);
            if (a instanceof ActivationTensor left && b instanceof ActivationTensor right) {
                float[] lv = left.values();
                float[] rv = right.values();
                int l = left.rowStart(row);
                int r = right.rowStart(row);
                for (int c = 0; c < cols; c++) {
                    ov[dst + c] = lv[l + c] + rv[r + c];
                }
                return;
            }
            // A weight operand is widened into a row buffer first; an activation operand is read in place.
            float[] widened = scratch.row(2 * cols);
            float[] lv = rowOf(a, row, widened, 0);
            int l = a instanceof ActivationTensor left ? left.rowStart(row) : 0;
            float[] rv = rowOf(b, row, widened, cols);
            int r = b instanceof ActivationTensor right ? right.rowStart(row) : cols;
            for (int c = 0; c < cols; c++) {
                ov[dst + c] = lv[l + c] + rv[r + c];
            }
        });
    }

    private static float[] rowOf(CpuTensor t, int row, float[] widened, int offset) {
        if (t instanceof ActivationTensor activation) {
            return activation.values();
        }
        StoredRows stored = t.storedRows();
        stored.readFloats((long) row * stored.cols(), stored.cols(), widened, offset);
        return widened;
    }

    /** x = x·Φ(x) with Φ from the erf fit, evaluated in double and rounded once. */
    static void gelu(WorkerPool pool, ActivationTensor x) {
        float[] values = x.values();
        int start = x.offset();
        int count = Math.toIntExact(x.elementCount());
        pool.run(LinearKernel.ceilDiv(count, GELU_ELEMENTS_PER_TASK), (task, scratch) -> {
            int end = start + Math.min(count, (task + 1) * GELU_ELEMENTS_PER_TASK);
            GeluKernel.apply(values, start + task * GELU_ELEMENTS_PER_TASK, end, scratch.geluPending);
        });
    }

    /** Per row: x − (max + log Σ exp(x − max)), the sum in double. */
    static void logSoftmax(WorkerPool pool, ActivationTensor out, ActivationTensor x) {
        int cols = x.cols();
        forRowBlocks(pool, x.rows(), (row, scratch) -> {
            float[] xv = x.values();
            float[] ov = out.values();
            int in = x.rowStart(row);
            int dst = out.rowStart(row);
            float max = Float.NEGATIVE_INFINITY;
            for (int c = 0; c < cols; c++) {
                max = Math.max(max, xv[in + c]);
            }
            double sum = 0;
            for (int c = 0; c < cols; c++) {
                sum += Math.exp((double) xv[in + c] - max);
            }
            double logSumExp = max + Math.log(sum);
            for (int c = 0; c < cols; c++) {
                ov[dst + c] = (float) (xv[in + c] - logSumExp);
            }
        });
    }

    /** One row's work, given the row and the scratch of the worker running it. */
    @FunctionalInterface
    private interface RowTask {
        void run(int row, WorkerScratch scratch);
    }

    private static void forRowBlocks(WorkerPool pool, int rows, RowTask task) {
        pool.run(LinearKernel.ceilDiv(rows, ROWS_PER_TASK), (block, scratch) -> {
            int end = Math.min(rows, (block + 1) * ROWS_PER_TASK);
            for (int row = block * ROWS_PER_TASK; row < end; row++) {
                task.run(row, scratch);
            }
        });
    }
}
