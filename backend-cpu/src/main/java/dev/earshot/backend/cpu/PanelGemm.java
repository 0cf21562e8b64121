package dev.earshot.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;

/**
 * {@code out = x·Wᵀ + b} for many activation rows (the encoder's 1500) as a register-blocked outer product over
 * {@link PackedPanels}: the micro-kernel keeps a {@value #MICRO_ROWS} rows × {@value #PANEL} columns block of
 * {@code out} in 24 vector accumulators (of AVX-512's 32 registers), and at each depth step loads 4 weight vectors
 * of the panel and broadcasts one activation scalar per row, so each load feeds 6 (weights) or 4 (activations)
 * fused multiply-adds; the dot-product kernel also had to sum lanes at the end of every output.
 *
 * <p>Cache blocking: the depth is cut into equal blocks of at most {@value #DEPTH_BLOCK} steps (see
 * {@link #depthBlock}), so a panel's slice (up to 512 × 64 floats = 128 KiB) stays in L2 while all rows of the
 * task's {@value #ROW_BLOCK}-row block stream past it; partial sums wait in {@code out} between depth blocks.
 * Blocks of 128 steps, whose slice fits the 48 KiB L1, were slower inside the encoder: every depth block stores and
 * reloads the task's partial sums and starts the activation rows' reads afresh, while the weights' 4 vector loads
 * per 24 fused multiply-adds are well within L2's bandwidth (A/B in the commit).
 *
 * <p>Tasks are (row block × {@value #PANELS_PER_TASK} panels), numbered row block fastest: the tasks that run at
 * the same time on different threads share their panels and write different rows. Numbered the other way, two
 * threads wrote the two sides of the same rows, and the cache line where their columns meet (a row's outputs are
 * not line-aligned) went back and forth between the cores at every store and reload of the partial sums. One thread gains too, likely because a panel now stays in
 * L2 over consecutive tasks while the activation rows stream past. Whole encoder pass, A/B in the commit: tiny
 * about 10% faster at 1 thread and 2–12% at 2, base 0–17% (noisy), small within noise.
 *
 * <p>Every output element is one chain of fused multiply-adds over the depth in ascending order starting from 0,
 * then the bias is added: the same arithmetic whatever the task split, thread count or depth blocking (a float
 * stored to {@code out} and reloaded is unchanged), so results do not depend on the thread count.
 */
final class PanelGemm {

    static final VectorSpecies<Float> SPECIES = LinearKernel.SPECIES;
    static final int LANES = LinearKernel.LANES;
    /** Output columns per panel: four vectors. */
    static final int PANEL = 4 * LANES;
    static final int MICRO_ROWS = 6;
    static final int DEPTH_BLOCK = 512;
    /** Activation rows per task: 25 micro-kernel rows; 1500 rows make 10 blocks. */
    static final int ROW_BLOCK = 25 * MICRO_ROWS;
    static final int PANELS_PER_TASK = 2;

    private PanelGemm() {
    }

    /**
     * @param out [n × m] at {@code outOffset}; x [n × k] at {@code xOffset}; bias [m] or null
     */
    static void run(WorkerPool pool, float[] out, int outOffset, float[] x, int xOffset, int n, PackedPanels weight,
                    float[] bias) {
        int m = weight.rows;
        int panels = PackedPanels.panels(m);
        int panelGroups = LinearKernel.ceilDiv(panels, PANELS_PER_TASK);
        int rowBlocks = LinearKernel.ceilDiv(n, ROW_BLOCK);
        pool.run(rowBlocks * panelGroups, (task, scratch) -> {
            int firstRow = (task % rowBlocks) * ROW_BLOCK;
            int firstPanel = (task / rowBlocks) * PANELS_PER_TASK;
            block(out, outOffset, x, xOffset, weight, bias, firstRow, Math.min(n, firstRow + ROW_BLOCK), firstPanel,
                    Math.min(panels, firstPanel + PANELS_PER_TASK));
        });
    }

    /** Depth steps per block: {@code k} cut into the fewest blocks of at most {@value #DEPTH_BLOCK}, sized alike. */
    static int depthBlock(int k) {
        int blocks = LinearKernel.ceilDiv(k, DEPTH_BLOCK);
        return LinearKernel.ceilDiv(k, blocks);
    }

    private static void block(float[] out, int outOffset, float[] x, int xOffset, PackedPanels weight, float[] bias,
                              int rowFrom, int rowTo, int panelFrom, int panelTo) {
        int m = weight.rows;
        int k = weight.cols;
        MemorySegment w = weight.values;
        int depthBlock = depthBlock(k);
        for (int depthFrom = 0; depthFrom < k; depthFrom += depthBlock) {
            int depth = Math.min(depthBlock, k - depthFrom);
            boolean first = depthFrom == 0;
            float[] finalBias = depthFrom + depth == k ? bias : null;
            for (int p = panelFrom; p < panelTo; p++) {
                int column = p * PANEL;
                long panelStart = ((long) p * k + depthFrom) * PANEL;
                boolean fullPanel = column + PANEL <= m;
                for (int r = rowFrom; r < rowTo; r += MICRO_ROWS) {
                    int rows = Math.min(MICRO_ROWS, rowTo - r);
                    int xAt = xOffset + r * k + depthFrom;
                    int outAt = outOffset + r * m + column;
                    if (rows == MICRO_ROWS && fullPanel) {
                        micro6(w, panelStart, x, xAt, k, depth, out, outAt, m, first, finalBias, column);
                    } else {
                        for (int i = 0; i < rows; i++) {
                            edgeRow(w, panelStart, x, xAt + i * k, depth, out, outAt + i * m, m, first, finalBias, column);
                        }
                    }
                }
            }
        }
    }

    /** out[6 rows][64 columns] (+)= Σ over {@code depth} steps; bias added when given (the last depth block). */
    private static void micro6(MemorySegment w, long panelAt, float[] x, int x0, int k, int depth, float[] out, int o0, int m,
                               boolean first, float[] bias, int column) {
        int x1 = x0 + k;
        int x2 = x1 + k;
        int x3 = x2 + k;
        int x4 = x3 + k;
        int x5 = x4 + k;
        FloatVector c00, c01, c02, c03, c10, c11, c12, c13, c20, c21, c22, c23, c30, c31, c32, c33, c40, c41, c42, c43, c50, c51, c52, c53;
        if (first) {
            c00 = c01 = c02 = c03 = c10 = c11 = c12 = c13 = c20 = c21 = c22 = c23 = c30 = c31 = c32 = c33 = c40 = c41 = c42 = c43 = c50 = c51 = c52 = c53 = FloatVector.zero(SPECIES);
        } else {
            c00 = FloatVector.fromArray(SPECIES, out, o0 + 0 * m + 0 * LANES);
            c01 = FloatVector.fromArray(SPECIES, out, o0 + 0 * m + 1 * LANES);
            c02 = FloatVector.fromArray(SPECIES, out, o0 + 0 * m + 2 * LANES);
            c03 = FloatVector.fromArray(SPECIES, out, o0 + 0 * m + 3 * LANES);
            c10 = FloatVector.fromArray(SPECIES, out, o0 + 1 * m + 0 * LANES);
            c11 = FloatVector.fromArray(SPECIES, out, o0 + 1 * m + 1 * LANES);
            c12 = FloatVector.fromArray(SPECIES, out, o0 + 1 * m + 2 * LANES);
            c13 = FloatVector.fromArray(SPECIES, out, o0 + 1 * m + 3 * LANES);
            c20 = FloatVector.fromArray(SPECIES, out, o0 + 2 * m + 0 * LANES);
            c21 = FloatVector.fromArray(SPECIES, out, o0 + 2 * m + 1 * LANES);
            c22 = FloatVector.fromArray(SPECIES, out, o0 + 2 * m + 2 * LANES);
            c23 = FloatVector.fromArray(SPECIES, out, o0 + 2 * m + 3 * LANES);
            c30 = FloatVector.fromArray(SPECIES, out, o0 + 3 * m + 0 * LANES);
            c31 = FloatVector.fromArray(SPECIES, out, o0 + 3 * m + 1 * LANES);
            c32 = FloatVector.fromArray(SPECIES, out, o0 + 3 * m + 2 * LANES);
            c33 = FloatVector.fromArray(SPECIES, out, o0 + 3 * m + 3 * LANES);
            c40 = FloatVector.fromArray(SPECIES, out, o0 + 4 * m + 0 * LANES);
            c41 = FloatVector.fromArray(SPECIES, out, o0 + 4 * m + 1 * LANES);
            c42 = FloatVector.fromArray(SPECIES, out, o0 + 4 * m + 2 * LANES);
            c43 = FloatVector.fromArray(SPECIES, out, o0 + 4 * m + 3 * LANES);
            c50 = FloatVector.fromArray(SPECIES, out, o0 + 5 * m + 0 * LANES);
            c51 = FloatVector.fromArray(SPECIES, out, o0 + 5 * m + 1 * LANES);
            c52 = FloatVector.fromArray(SPECIES, out, o0 + 5 * m + 2 * LANES);
            c53 = FloatVector.fromArray(SPECIES, out, o0 + 5 * m + 3 * LANES);
        }
        for (int s = 0; s < depth; s++) {
            long at = panelAt + (long) s * PANEL; // long arithmetic: the JIT then hoists the bounds checks
            FloatVector w0 = AlignedFloats.load(w, at + 0 * LANES);
            FloatVector w1 = AlignedFloats.load(w, at + 1 * LANES);
            FloatVector w2 = AlignedFloats.load(w, at + 2 * LANES);
            FloatVector w3 = AlignedFloats.load(w, at + 3 * LANES);
            FloatVector b0 = FloatVector.broadcast(SPECIES, x[x0 + s]);
            c00 = w0.fma(b0, c00);
            c01 = w1.fma(b0, c01);
            c02 = w2.fma(b0, c02);
            c03 = w3.fma(b0, c03);
            FloatVector b1 = FloatVector.broadcast(SPECIES, x[x1 + s]);
            c10 = w0.fma(b1, c10);
            c11 = w1.fma(b1, c11);
            c12 = w2.fma(b1, c12);
            c13 = w3.fma(b1, c13);
            FloatVector b2 = FloatVector.broadcast(SPECIES, x[x2 + s]);
            c20 = w0.fma(b2, c20);
            c21 = w1.fma(b2, c21);
            c22 = w2.fma(b2, c22);
            c23 = w3.fma(b2, c23);
            FloatVector b3 = FloatVector.broadcast(SPECIES, x[x3 + s]);
            c30 = w0.fma(b3, c30);
            c31 = w1.fma(b3, c31);
            c32 = w2.fma(b3, c32);
            c33 = w3.fma(b3, c33);
            FloatVector b4 = FloatVector.broadcast(SPECIES, x[x4 + s]);
            c40 = w0.fma(b4, c40);
            c41 = w1.fma(b4, c41);
            c42 = w2.fma(b4, c42);
            c43 = w3.fma(b4, c43);
            FloatVector b5 = FloatVector.broadcast(SPECIES, x[x5 + s]);
            c50 = w0.fma(b5, c50);
            c51 = w1.fma(b5, c51);
            c52 = w2.fma(b5, c52);
            c53 = w3.fma(b5, c53);
        }
        if (bias != null) {
            FloatVector bias0 = FloatVector.fromArray(SPECIES, bias, column + 0 * LANES);
            FloatVector bias1 = FloatVector.fromArray(SPECIES, bias, column + 1 * LANES);
            FloatVector bias2 = FloatVector.fromArray(SPECIES, bias, column + 2 * LANES);
            FloatVector bias3 = FloatVector.fromArray(SPECIES, bias, column + 3 * LANES);
            c00 = c00.add(bias0);
            c01 = c01.add(bias1);
            c02 = c02.add(bias2);
            c03 = c03.add(bias3);
            c10 = c10.add(bias0);
            c11 = c11.add(bias1);
            c12 = c12.add(bias2);
            c13 = c13.add(bias3);
            c20 = c20.add(bias0);
            c21 = c21.add(bias1);
            c22 = c22.add(bias2);
            c23 = c23.add(bias3);
            c30 = c30.add(bias0);
            c31 = c31.add(bias1);
            c32 = c32.add(bias2);
            c33 = c33.add(bias3);
            c40 = c40.add(bias0);
            c41 = c41.add(bias1);
            c42 = c42.add(bias2);
            c43 = c43.add(bias3);
            c50 = c50.add(bias0);
            c51 = c51.add(bias1);
            c52 = c52.add(bias2);
            c53 = c53.add(bias3);
        }
        c00.intoArray(out, o0 + 0 * m + 0 * LANES);
        c01.intoArray(out, o0 + 0 * m + 1 * LANES);
        c02.intoArray(out, o0 + 0 * m + 2 * LANES);
        c03.intoArray(out, o0 + 0 * m + 3 * LANES);
        c10.intoArray(out, o0 + 1 * m + 0 * LANES);
        c11.intoArray(out, o0 + 1 * m + 1 * LANES);
        c12.intoArray(out, o0 + 1 * m + 2 * LANES);
        c13.intoArray(out, o0 + 1 * m + 3 * LANES);
        c20.intoArray(out, o0 + 2 * m + 0 * LANES);
        c21.intoArray(out, o0 + 2 * m + 1 * LANES);
        c22.intoArray(out, o0 + 2 * m + 2 * LANES);
        c23.intoArray(out, o0 + 2 * m + 3 * LANES);
        c30.intoArray(out, o0 + 3 * m + 0 * LANES);
        c31.intoArray(out, o0 + 3 * m + 1 * LANES);
        c32.intoArray(out, o0 + 3 * m + 2 * LANES);
        c33.intoArray(out, o0 + 3 * m + 3 * LANES);
        c40.intoArray(out, o0 + 4 * m + 0 * LANES);
        c41.intoArray(out, o0 + 4 * m + 1 * LANES);
        c42.intoArray(out, o0 + 4 * m + 2 * LANES);
        c43.intoArray(out, o0 + 4 * m + 3 * LANES);
        c50.intoArray(out, o0 + 5 * m + 0 * LANES);
        c51.intoArray(out, o0 + 5 * m + 1 * LANES);
        c52.intoArray(out, o0 + 5 * m + 2 * LANES);
        c53.intoArray(out, o0 + 5 * m + 3 * LANES);
    }

    /**
     * One row of a panel, columns past {@code m} masked off: the rows left over after the 6-row groups and the
     * last, partial panel. The same arithmetic per element as {@link #micro6}.
     */
    private static void edgeRow(MemorySegment w, long w0, float[] x, int x0, int depth, float[] out, int o0, int m,
                                boolean first, float[] bias, int column) {
        VectorMask<Float> m0 = SPECIES.indexInRange(column, m);
        VectorMask<Float> m1 = SPECIES.indexInRange(column + LANES, m);
        VectorMask<Float> m2 = SPECIES.indexInRange(column + 2 * LANES, m);
        VectorMask<Float> m3 = SPECIES.indexInRange(column + 3 * LANES, m);
        FloatVector c0, c1, c2, c3;
        if (first) {
            c0 = c1 = c2 = c3 = FloatVector.zero(SPECIES);
        } else {
            c0 = FloatVector.fromArray(SPECIES, out, o0, m0);
            c1 = FloatVector.fromArray(SPECIES, out, o0 + LANES, m1);
            c2 = FloatVector.fromArray(SPECIES, out, o0 + 2 * LANES, m2);
            c3 = FloatVector.fromArray(SPECIES, out, o0 + 3 * LANES, m3);
        }
        for (int s = 0; s < depth; s++) {
            long at = w0 + (long) s * PANEL;
            FloatVector b = FloatVector.broadcast(SPECIES, x[x0 + s]);
            c0 = AlignedFloats.load(w, at).fma(b, c0);
            c1 = AlignedFloats.load(w, at + LANES).fma(b, c1);
            c2 = AlignedFloats.load(w, at + 2 * LANES).fma(b, c2);
            c3 = AlignedFloats.load(w, at + 3 * LANES).fma(b, c3);
        }
        if (bias != null) {
            c0 = c0.add(FloatVector.fromArray(SPECIES, bias, column, m0));
            c1 = c1.add(FloatVector.fromArray(SPECIES, bias, column + LANES, m1));
            c2 = c2.add(FloatVector.fromArray(SPECIES, bias, column + 2 * LANES, m2));
            c3 = c3.add(FloatVector.fromArray(SPECIES, bias, column + 3 * LANES, m3));
        }
        c0.intoArray(out, o0, m0);
        c1.intoArray(out, o0 + LANES, m1);
        c2.intoArray(out, o0 + 2 * LANES, m2);
        c3.intoArray(out, o0 + 3 * LANES, m3);
    }
}
