package dev.earshot.backend.cpu;

import jdk.incubator.vector.DoubleVector;

import java.lang.foreign.MemorySegment;

/**
 * Buffers one worker reuses across tasks and calls; they grow to the largest shape seen and are never shrunk,
 * so a forward pass allocates nothing once warmed up. One per worker index, used by one thread at a time.
 */
final class WorkerScratch {

    /** [tile rows × in] weights widened to float (F16/BF16 linear, conv1d); F16 attention keys and values widened a block at a time. */
    private float[] weightTile = new float[0];
    private MemorySegment weightTileSegment = MemorySegment.ofArray(weightTile);
    /** [tile rows × in] the GEMV's second weight stream, widened alongside {@link #weightTile}. */
    private float[] pairedWeightTile = new float[0];
    /** [1 × cols] one row of a weight operand widened to float (add, embedding). */
    private float[] row = new float[0];
    /**
     * Attention score rows, then probabilities: [query block × padded T_k], or [queries × heads × padded T_k] for few
     * queries on one thread (on several, those rows are shared: {@link SharedScratch}).
     */
    private float[] scores = new float[0];
    /** [2 × queries × heads × headDim] value sums of the one-thread few-query path: one chain per half of the keys. */
    private float[] accumulators = new float[0];
    /** See {@link #packBlock}. */
    private float[] packBlock = new float[0];
    /** GELU's tail elements gathered into full vectors. */
    final GeluKernel.Pending geluPending = new GeluKernel.Pending();
    /** One double vector's lanes, for {@link LayerNormKernel}'s fixed-order sums. */
    final double[] doubleLanes = new double[DoubleVector.SPECIES_PREFERRED.length()];

    float[] weightTile(int length) {
        if (weightTile.length < length) {
            weightTile = new float[length];
            weightTileSegment = MemorySegment.ofArray(weightTile);
        }
        return weightTile;
    }

    /** The current weight tile viewed as a segment, for the kernels that read weights from segments. */
    MemorySegment weightTileSegment() {
        return weightTileSegment;
    }

    float[] pairedWeightTile(int length) {
        if (pairedWeightTile.length < length) {
            pairedWeightTile = new float[length];
        }
        return pairedWeightTile;
    }

    float[] row(int length) {
        if (row.length < length) {
            row = new float[length];
        }
        return row;
    }

    float[] accumulators(int length) {
        if (accumulators.length < length) {
            accumulators = new float[length];
        }
        return accumulators;
    }

    /** One block of one head's keys, then values, laid out as attention packs them (see AttentionKernel.pack). */
    float[] packBlock(int length) {
        if (packBlock.length < length) {
            packBlock = new float[length];
        }
        return packBlock;
    }

    float[] scores(int length) {
        if (scores.length < length) {
            scores = new float[length];
        }
        return scores;
    }
}
