package dev.earshot.backend.cpu;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@code out[r] = x[r]·Wᵀ + b} for a few activation rows against a {@link QuantizedRows} weight: the token step's
 * GEMV, which streams each weight once and is bound by how many bytes that is (1.125 a weight here, 2 for F16).
 * Per block, the bytes are widened to float in registers and multiplied with x lane-wise; the block's lane sums are
 * scaled by d and added into the row's accumulator; the lanes are summed by {@link LinearKernel#sumLanes}'s fixed
 * tree, then the bias. The same arithmetic for every task split, so results do not depend on the thread count.
 */
final class QuantizedGemv {

    private static final VectorSpecies<Float> SPECIES = LinearKernel.SPECIES;
    private static final int LANES = LinearKernel.LANES;
    /** As many bytes as the float vector has lanes. */
    private static final VectorSpecies<Byte> BYTES = SPECIES.vectorBitSize() / 4 < 64 ? null
            : VectorSpecies.of(byte.class, VectorShape.forBitSize(SPECIES.vectorBitSize() / 4));
    private static final int VECTORS_PER_BLOCK = QuantizedRows.BLOCK / LANES;

    private QuantizedGemv() {
    }

    /** Why this processor's vectors cannot run the kernel (a byte vector of a quarter their width must exist), or null. */
    static String unsupportedReason() {
        return BYTES == null ? "q8_0 weights need 256-bit or wider vectors; this processor's are "
                + SPECIES.vectorBitSize() + "-bit, so run with stored weights" : null;
    }

    /**
     * @param out  [n × m] at {@code outOffset}; x [n × k] at {@code xOffset}; bias [m] or null
     */
    static void run(WorkerPool pool, float[] out, int outOffset, float[] x, int xOffset, int n, QuantizedRows weight,
                    float[] bias) {
        int m = weight.rows;
        int taskRows = LinearKernel.gemvTaskRows(m, pool.threads());
        pool.run(LinearKernel.ceilDiv(m, taskRows), (task, scratch) -> {
            int end = Math.min(m, (task + 1) * taskRows);
            int r = task * taskRows;
            for (; r + 4 <= end; r += 4) {
                for (int i = 0; i < n; i++) {
                    rows4(weight, r, x, xOffset + i * weight.cols, bias, out, outOffset + i * m + r);
                }
            }
            for (; r < end; r++) {
                for (int i = 0; i < n; i++) {
                    out[outOffset + i * m + r] = row(weight, r, x, xOffset + i * weight.cols, bias);
                }
            }
        });
    }

    /**
     * Four consecutive weight rows against one activation row, each with the arithmetic of {@link #row}: four
     * independent accumulator chains keep the FMA units busy while bytes stream in, and x is loaded once for all.
     */
    private static void rows4(QuantizedRows w, int r, float[] x, int x0, float[] bias, float[] out, int o0) {
        int k = w.cols;
        int blocks = k / QuantizedRows.BLOCK;
        byte[] q = w.quants;
        int q0 = r * k;
        int q1 = q0 + k;
        int q2 = q1 + k;
        int q3 = q2 + k;
        int s0 = r * blocks;
        FloatVector t0 = FloatVector.zero(SPECIES);
        FloatVector t1 = t0, t2 = t0, t3 = t0;
        for (int b = 0; b < blocks; b++) {
            int at = b * QuantizedRows.BLOCK;
            FloatVector b0 = FloatVector.zero(SPECIES);
            FloatVector b1 = b0, b2 = b0, b3 = b0;
            for (int v = 0; v < VECTORS_PER_BLOCK; v++) {
                int e = at + v * LANES;
                FloatVector xv = FloatVector.fromArray(SPECIES, x, x0 + e);
                b0 = widen(q, q0 + e).fma(xv, b0);
                b1 = widen(q, q1 + e).fma(xv, b1);
                b2 = widen(q, q2 + e).fma(xv, b2);
                b3 = widen(q, q3 + e).fma(xv, b3);
            }
            t0 = b0.fma(FloatVector.broadcast(SPECIES, w.scales[s0 + b]), t0);
            t1 = b1.fma(FloatVector.broadcast(SPECIES, w.scales[s0 + blocks + b]), t1);
            t2 = b2.fma(FloatVector.broadcast(SPECIES, w.scales[s0 + 2 * blocks + b]), t2);
            t3 = b3.fma(FloatVector.broadcast(SPECIES, w.scales[s0 + 3 * blocks + b]), t3);
        }
        out[o0] = finish(t0, bias, r);
        out[o0 + 1] = finish(t1, bias, r + 1);
        out[o0 + 2] = finish(t2, bias, r + 2);
        out[o0 + 3] = finish(t3, bias, r + 3);
    }

    private static FloatVector widen(byte[] q, int at) {
        return (FloatVector) ByteVector.fromArray(BYTES, q, at).convertShape(VectorOperators.B2F, SPECIES, 0);
    }

    private static float finish(FloatVector total, float[] bias, int r) {
        float sum = LinearKernel.sumLanes(total);
        return bias == null ? sum : sum + bias[r];
    }

    private static float row(QuantizedRows w, int r, float[] x, int x0, float[] bias) {
        int k = w.cols;
        int blocks = k / QuantizedRows.BLOCK;
        byte[] q = w.quants;
        int q0 = r * k;
        int s0 = r * blocks;
        FloatVector total = FloatVector.zero(SPECIES);
        for (int b = 0; b < blocks; b++) {
            int at = b * QuantizedRows.BLOCK;
            FloatVector block = FloatVector.zero(SPECIES);
            for (int v = 0; v < VECTORS_PER_BLOCK; v++) {
                block = widen(q, q0 + at + v * LANES).fma(FloatVector.fromArray(SPECIES, x, x0 + at + v * LANES), block);
            }
            total = block.fma(FloatVector.broadcast(SPECIES, w.scales[s0 + b]), total);
        }
        return finish(total, bias, r);
    }
}
