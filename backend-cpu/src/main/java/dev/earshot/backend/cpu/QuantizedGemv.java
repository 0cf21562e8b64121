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
        return SPECIES.vectorBitSize() / 4 < 64 ? "q8_0 weights need 256-bit or wider vectors; this processor's are "
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
            for (int r = task * taskRows; r < Math.min(m, (task + 1) * taskRows); r++) {
                for (int i = 0; i < n; i++) {
                    out[outOffset + i * m + r] = row(weight, r, x, xOffset + i * weight.cols, bias);
                }
            }
        });
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
                FloatVector weights = (FloatVector) ByteVector.fromArray(BYTES, q, q0 + at + v * LANES)
                        .convertShape(VectorOperators.B2F, SPECIES, 0);
                block = weights.fma(FloatVector.fromArray(SPECIES, x, x0 + at + v * LANES), block);
            }
            total = block.fma(FloatVector.broadcast(SPECIES, w.scales[s0 + b]), total);
        }
        float sum = LinearKernel.sumLanes(total);
        return bias == null ? sum : sum + bias[r];
    }
}
