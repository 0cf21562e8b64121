package dev.earshot.backend.cpu;

import java.lang.foreign.MemorySegment;

/**
 * Buffers of one backend that a whole op shares across its tasks (filled before or during a parallel phase,
 * each task writing its own part). They grow to the largest shape seen and are reused by every later call.
 */
final class SharedScratch {

    /**
     * [heads × headDim × padded T_k] keys transposed per head in tiles of {@link AttentionTiles#WIDTH} keys
     * (attention); cache-line aligned, as the tiles load them as whole vectors.
     */
    private MemorySegment packedKeys = AlignedFloats.allocate(0);
    /** [heads × T_k × headDim] values, each head's slice contiguous (attention); cache-line aligned. */
    private MemorySegment packedValues = AlignedFloats.allocate(0);
    /** [T_out × C_in·3] input patches (conv1d as a linear op). */
    private float[] patches = new float[0];
    /** [1 × out] bias widened to float. */
    private float[] bias = new float[0];
    /** [1 × d] layer-norm gain and shift widened to float. */
    private float[] gamma = new float[0];
    private float[] beta = new float[0];
    /** [rows × cols] copied-out source rows when a row copy reads and writes the same storage. */
    private float[] rowCopies = new float[0];
    /** Per group of heads, [queries × heads × padded T_k] score rows of few-query attention split across threads. */
    private float[][] fewQueryScores = new float[0][];
    /** Per group of heads, [2 × queries × heads × headDim] the two value chains of few-query attention. */
    private float[][] fewQuerySums = new float[0][];
    /** [rows × out] a linear result in F32 before it is rounded into an F16 cache. */
    private float[] halfStaging = new float[0];
    /** [T_k × d] F16 attention keys and values widened for the many-query path. */
    private ActivationStorage widenedKeys = new ActivationStorage(0);
    private ActivationStorage widenedValues = new ActivationStorage(0);

    MemorySegment packedKeys(long length) {
        return packedKeys = atLeast(packedKeys, length);
    }

    MemorySegment packedValues(long length) {
        return packedValues = atLeast(packedValues, length);
    }

    float[] patches(int length) {
        return patches = atLeast(patches, length);
    }

    float[] bias(int length) {
        return bias = atLeast(bias, length);
    }

    float[] gamma(int length) {
        return gamma = atLeast(gamma, length);
    }

    float[] beta(int length) {
        return beta = atLeast(beta, length);
    }

    float[] rowCopies(int length) {
        return rowCopies = atLeast(rowCopies, length);
    }

    float[][] fewQueryScores(int groups, int length) {
        return fewQueryScores = atLeast(fewQueryScores, groups, length);
    }

    float[][] fewQuerySums(int groups, int length) {
        return fewQuerySums = atLeast(fewQuerySums, groups, length);
    }

    private static float[][] atLeast(float[][] buffers, int groups, int length) {
        float[][] grown = buffers.length >= groups ? buffers : java.util.Arrays.copyOf(buffers, groups);
        for (int i = 0; i < groups; i++) {
            grown[i] = atLeast(grown[i] == null ? new float[0] : grown[i], length);
        }
        return grown;
    }

    float[] halfStaging(int length) {
        return halfStaging = atLeast(halfStaging, length);
    }

    ActivationStorage widenedKeys(int length) {
        return widenedKeys = atLeast(widenedKeys, length);
    }

    ActivationStorage widenedValues(int length) {
        return widenedValues = atLeast(widenedValues, length);
    }

    private static ActivationStorage atLeast(ActivationStorage storage, int length) {
        return storage.values.length >= length ? storage : new ActivationStorage(length);
    }

    private static MemorySegment atLeast(MemorySegment buffer, long length) {
        return AlignedFloats.length(buffer) >= length ? buffer : AlignedFloats.allocate(length);
    }

    private static float[] atLeast(float[] buffer, int length) {
        return buffer.length >= length ? buffer : new float[length];
    }
}
