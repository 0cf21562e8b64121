package dev.earshot.backend.cpu;

/** Row gathers: embedding lookup from a weight table and row copies between activations. */
final class GatherKernels {

    private static final int ROWS_PER_TASK = 8;

    private GatherKernels() {
    }

    /** out[i] = table[ids[i]] widened to float; ids are already checked against the table. */
    static void embedding(WorkerPool pool, ActivationTensor out, CpuTensor table, int[] ids) {
        StoredRows stored = table.storedRows();
        int d = stored.cols();
        pool.run(LinearKernel.ceilDiv(ids.length, ROWS_PER_TASK), (block, scratch) -> {
            int end = Math.min(ids.length, (block + 1) * ROWS_PER_TASK);
            for (int i = block * ROWS_PER_TASK; i < end; i++) {
                stored.readFloats((long) ids[i] * d, d, out.values(), out.rowStart(i));
            }
        });
    }

    /**
     * dst[dstRows[i]] = src[srcRows[i]]. When both share storage (the same tensor, or views of one), every
     * source row is copied out before any is written, so a permutation moves rows instead of smearing them.
     */
    static void copyRows(SharedScratch shared, ActivationTensor dst, int[] dstRows, CpuTensor src, int[] srcRows) {
        int cols = dst.cols();
        StoredRows source = src.storedRows();
        if (src instanceof ActivationTensor activation && activation.sharesStorageWith(dst)) {
            float[] copies = shared.rowCopies(srcRows.length * cols); // [rows × cols]
            for (int i = 0; i < srcRows.length; i++) {
                System.arraycopy(activation.values(), activation.rowStart(srcRows[i]), copies, i * cols, cols);
            }
            for (int i = 0; i < dstRows.length; i++) {
                System.arraycopy(copies, i * cols, dst.values(), dst.rowStart(dstRows[i]), cols);
            }
            return;
        }
        for (int i = 0; i < srcRows.length; i++) {
            source.readFloats((long) srcRows[i] * cols, cols, dst.values(), dst.rowStart(dstRows[i]));
        }
    }
}
