package dev.earshot.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.util.Arrays;

/**
 * Multi-head attention without a T×T matrix: tasks of one head × {@value #QUERY_BLOCK} queries, each working
 * through groups of up to 3 queries with one score row per query in the worker's scratch.
 *
 * <p>Scores are {@code (q·k)·(1/√headDim)}. openai scales q and k by headDim^−¼ each instead; for headDim 64
 * (every Whisper model) 1/√64 = 1/8 is exact, so ours is the exact product rounded once, and in general the
 * two differ by a few float ulps of the score — far inside the conformance tolerance.
 *
 * <p>Many queries (prompt pass, encoder): the head's keys are first transposed into [headDim × T_k] so a score
 * row is built from contiguous vectors of keys (no horizontal sums). Few queries (a cached decode step): each
 * score is a vector dot product, which avoids re-packing the 1500 cross-attention keys every step, and keys and
 * values are read row by row across heads (see {@link #fewQueries}).
 * Softmax in float with the max subtracted; the weighted sum of values accumulates in ascending key order.
 */
final class AttentionKernel {

    private static final VectorSpecies<Float> SPECIES = LinearKernel.SPECIES;
    private static final int LANES = LinearKernel.LANES;
    static final int QUERY_BLOCK = 24;
    private static final int GROUP = 3;
    /** From this many queries on, transposing the keys once pays for itself. */
    private static final int PACKED_MIN_QUERIES = 8;
    private static final int KEY_BLOCK = 256;

    /** The shapes of one call. */
    private record Geometry(int heads, int headDim, int queries, int keys, int paddedKeys, boolean causal, float scale) {

        int model() {
            return heads * headDim;
        }

        /** Last key query {@code i} may see (causal: the last T_q of T_k positions). */
        int lastKey(int query) {
            return causal ? query + keys - queries : keys - 1;
        }
    }

    private AttentionKernel() {
    }

    /**
     * @param shared  holds the transposed keys [heads × headDim × T_k rounded up to whole vectors] when packing
     * @param out     [T_q × d], q [T_q × d], k and v [T_k × d]
     * @param scores  null, or receives [heads·T_q × T_k] scaled scores, −∞ where masked
     */
    static void run(WorkerPool pool, SharedScratch shared, ActivationTensor out, ActivationTensor q, ActivationTensor k,
                    ActivationTensor v, int heads, boolean causal, ActivationTensor scores) {
        int headDim = q.cols() / heads;
        int paddedKeys = LinearKernel.ceilDiv(k.rows(), LANES) * LANES;
        Geometry g = new Geometry(heads, headDim, q.rows(), k.rows(), paddedKeys, causal, (float) (1 / Math.sqrt(headDim)));
        if (g.queries < PACKED_MIN_QUERIES) {
            fewQueries(pool, g, q, k, v, out, scores);
            return;
        }
        float[] keysT = shared.packedKeys(heads * headDim * paddedKeys);
        int keyBlocks = LinearKernel.ceilDiv(g.keys, KEY_BLOCK);
        pool.run(heads * keyBlocks, (task, scratch) -> pack(k, g, keysT, task / keyBlocks, (task % keyBlocks) * KEY_BLOCK));
        int queryBlocks = LinearKernel.ceilDiv(g.queries, QUERY_BLOCK);
        pool.run(heads * queryBlocks, (task, scratch) -> {
            int head = task / queryBlocks;
            int first = (task % queryBlocks) * QUERY_BLOCK;
            int end = Math.min(g.queries, first + QUERY_BLOCK);
            float[] rows = scratch.scores(GROUP * g.paddedKeys); // [group × padded T_k] scores, then probabilities
            for (int i = first; i < end; i += GROUP) {
                group(g, head, i, Math.min(GROUP, end - i), q, v, keysT, out, scores, rows, scratch.lanes);
            }
        });
    }

    /**
     * Few queries (a cached decode step; the beams of one step against the cross-attention keys): the keys and
     * values are read once, row by row across a task's heads, so memory is streamed in whole contiguous runs
     * rather than a 64-float head slice per 1.5 KiB row, and each task serves every query. A task is a group of
     * heads, one group per thread; the arithmetic of each output is the same whatever the grouping.
     */
    private static void fewQueries(WorkerPool pool, Geometry g, ActivationTensor q, ActivationTensor k,
                                   ActivationTensor v, ActivationTensor out, ActivationTensor scoresOut) {
        int headsPerTask = LinearKernel.ceilDiv(g.heads, Math.min(pool.threads(), g.heads));
        int tasks = LinearKernel.ceilDiv(g.heads, headsPerTask);
        pool.run(tasks, (task, scratch) -> {
            int firstHead = task * headsPerTask;
            int groupHeads = Math.min(g.heads, firstHead + headsPerTask) - firstHead;
            float[] rows = scratch.scores(g.queries * groupHeads * g.paddedKeys);
            float[] sums = scratch.accumulators(g.queries * groupHeads * g.headDim);
            rowScores(g, firstHead, groupHeads, q, k, rows);
            for (int i = 0; i < g.queries; i++) {
                int last = g.lastKey(i);
                int width = LinearKernel.ceilDiv(last + 1, LANES) * LANES;
                for (int h = 0; h < groupHeads; h++) {
                    int row = (i * groupHeads + h) * g.paddedKeys;
                    Arrays.fill(rows, row + last + 1, row + width, Float.NEGATIVE_INFINITY);
                    if (scoresOut != null) {
                        int dst = scoresOut.rowStart((firstHead + h) * g.queries + i);
                        System.arraycopy(rows, row, scoresOut.values(), dst, last + 1);
                        Arrays.fill(scoresOut.values(), dst + last + 1, dst + g.keys, Float.NEGATIVE_INFINITY);
                    }
                    softmaxInPlace(rows, row, last, width, scratch.lanes);
                }
            }
            rowValues(g, firstHead, groupHeads, v, rows, sums, out);
        });
    }

    /**
     * rows[(i·groupHeads + h)·paddedKeys + j] = scaled q_i·k_j for the group's heads, keys in ascending order;
     * each score is a lane-wise dot product summed by the fixed tree, then the scalar tail.
     */
    private static void rowScores(Geometry g, int firstHead, int groupHeads, ActivationTensor q, ActivationTensor k,
                                  float[] rows) {
        float[] qv = q.values();
        float[] kv = k.values();
        int vectorEnd = SPECIES.loopBound(g.headDim);
        int lastKey = g.lastKey(g.queries - 1);
        for (int j = 0; j <= lastKey; j++) {
            int keyRow = k.rowStart(j) + firstHead * g.headDim;
            for (int i = 0; i < g.queries; i++) {
                if (j > g.lastKey(i)) {
                    continue;
                }
                int queryRow = q.rowStart(i) + firstHead * g.headDim;
                for (int h = 0; h < groupHeads; h++) {
                    int q0 = queryRow + h * g.headDim;
                    int k0 = keyRow + h * g.headDim;
                    FloatVector a = FloatVector.zero(SPECIES);
                    for (int c = 0; c < vectorEnd; c += LANES) {
                        a = FloatVector.fromArray(SPECIES, qv, q0 + c).fma(FloatVector.fromArray(SPECIES, kv, k0 + c), a);
                    }
                    float dot = LinearKernel.sumLanes(a);
                    for (int c = vectorEnd; c < g.headDim; c++) {
                        dot = Math.fma(qv[q0 + c], kv[k0 + c], dot);
                    }
                    rows[(i * groupHeads + h) * g.paddedKeys + j] = dot * g.scale;
                }
            }
        }
    }

    /**
     * out[i][head slice] = Σ_j p_ij·v_j, each element a chain of fused multiply-adds in ascending key order; the
     * chains live in {@code sums} (L1) while the value rows stream past once.
     */
    private static void rowValues(Geometry g, int firstHead, int groupHeads, ActivationTensor v, float[] rows,
                                  float[] sums, ActivationTensor out) {
        float[] vv = v.values();
        int vectorEnd = SPECIES.loopBound(g.headDim);
        Arrays.fill(sums, 0, g.queries * groupHeads * g.headDim, 0f);
        int lastKey = g.lastKey(g.queries - 1);
        for (int j = 0; j <= lastKey; j++) {
            int valueRow = v.rowStart(j) + firstHead * g.headDim;
            for (int i = 0; i < g.queries; i++) {
                if (j > g.lastKey(i)) {
                    continue;
                }
                for (int h = 0; h < groupHeads; h++) {
                    float p = rows[(i * groupHeads + h) * g.paddedKeys + j];
                    FloatVector weight = FloatVector.broadcast(SPECIES, p);
                    int v0 = valueRow + h * g.headDim;
                    int s0 = (i * groupHeads + h) * g.headDim;
                    for (int c = 0; c < vectorEnd; c += LANES) {
                        FloatVector.fromArray(SPECIES, vv, v0 + c).fma(weight, FloatVector.fromArray(SPECIES, sums, s0 + c))
                                .intoArray(sums, s0 + c);
                    }
                    for (int c = vectorEnd; c < g.headDim; c++) {
                        sums[s0 + c] = Math.fma(p, vv[v0 + c], sums[s0 + c]);
                    }
                }
            }
        }
        for (int i = 0; i < g.queries; i++) {
            System.arraycopy(sums, i * groupHeads * g.headDim, out.values(), out.rowStart(i) + firstHead * g.headDim,
                    groupHeads * g.headDim);
        }
    }

    /** keysT[(head·headDim + c)·paddedKeys + j] = k[j][head·headDim + c]; padding keys are zero. */
    private static void pack(ActivationTensor k, Geometry g, float[] keysT, int head, int firstKey) {
        float[] src = k.values();
        int lastKey = Math.min(g.keys, firstKey + KEY_BLOCK);
        for (int c = 0; c < g.headDim; c++) {
            int dst = (head * g.headDim + c) * g.paddedKeys;
            int column = head * g.headDim + c;
            for (int j = firstKey; j < lastKey; j++) {
                keysT[dst + j] = src[k.rowStart(j) + column];
            }
            if (lastKey == g.keys) {
                Arrays.fill(keysT, dst + g.keys, dst + g.paddedKeys, 0f);
            }
        }
    }

    private static void group(Geometry g, int head, int firstQuery, int count, ActivationTensor q,
                              ActivationTensor v, float[] keysT, ActivationTensor out, ActivationTensor scoresOut,
                              float[] rows, float[] lanes) {
        int lastKey = g.lastKey(firstQuery + count - 1);
        int width = LinearKernel.ceilDiv(lastKey + 1, LANES) * LANES;
        if (count == GROUP) {
            packedScores3(g, head, firstQuery, q, keysT, rows, width);
        } else {
            for (int i = 0; i < count; i++) {
                packedScores1(g, head, firstQuery + i, q, keysT, rows, i * g.paddedKeys, width);
            }
        }
        for (int i = 0; i < count; i++) {
            int query = firstQuery + i;
            int row = i * g.paddedKeys;
            int last = g.lastKey(query);
            Arrays.fill(rows, row + last + 1, row + width, Float.NEGATIVE_INFINITY);
            if (scoresOut != null) {
                int dst = scoresOut.rowStart(head * g.queries + query);
                System.arraycopy(rows, row, scoresOut.values(), dst, last + 1);
                Arrays.fill(scoresOut.values(), dst + last + 1, dst + g.keys, Float.NEGATIVE_INFINITY);
            }
            softmaxInPlace(rows, row, last, width, lanes);
        }
        if (count == GROUP) {
            weightedValues3(g, head, firstQuery, lastKey, v, rows, out);
        } else {
            for (int i = 0; i < count; i++) {
                weightedValues1(g, head, firstQuery + i, g.lastKey(firstQuery + i), v, rows, i * g.paddedKeys, out);
            }
        }
    }

    /** Scores of 3 consecutive queries against keys [0, width), built over headDim in ascending order. */
    private static void packedScores3(Geometry g, int head, int firstQuery, ActivationTensor q, float[] keysT,
                                      float[] rows, int width) {
        float[] qv = q.values();
        int q0 = q.rowStart(firstQuery) + head * g.headDim;
        int q1 = q0 + g.model();
        int q2 = q1 + g.model();
        int keysBase = head * g.headDim * g.paddedKeys;
        int j = 0;
        // two key vectors at a time: each broadcast query element feeds two fused multiply-adds
        for (; j + 2 * LANES <= width; j += 2 * LANES) {
            FloatVector a0 = FloatVector.zero(SPECIES);
            FloatVector a1 = a0, a2 = a0, b0 = a0, b1 = a0, b2 = a0;
            for (int c = 0; c < g.headDim; c++) {
                int keyRow = keysBase + c * g.paddedKeys + j;
                FloatVector keysA = FloatVector.fromArray(SPECIES, keysT, keyRow);
                FloatVector keysB = FloatVector.fromArray(SPECIES, keysT, keyRow + LANES);
                FloatVector x0 = FloatVector.broadcast(SPECIES, qv[q0 + c]);
                FloatVector x1 = FloatVector.broadcast(SPECIES, qv[q1 + c]);
                FloatVector x2 = FloatVector.broadcast(SPECIES, qv[q2 + c]);
                a0 = keysA.fma(x0, a0);
                a1 = keysA.fma(x1, a1);
                a2 = keysA.fma(x2, a2);
                b0 = keysB.fma(x0, b0);
                b1 = keysB.fma(x1, b1);
                b2 = keysB.fma(x2, b2);
            }
            a0.mul(g.scale).intoArray(rows, j);
            a1.mul(g.scale).intoArray(rows, g.paddedKeys + j);
            a2.mul(g.scale).intoArray(rows, 2 * g.paddedKeys + j);
            b0.mul(g.scale).intoArray(rows, j + LANES);
            b1.mul(g.scale).intoArray(rows, g.paddedKeys + j + LANES);
            b2.mul(g.scale).intoArray(rows, 2 * g.paddedKeys + j + LANES);
        }
        for (; j < width; j += LANES) {
            FloatVector a0 = FloatVector.zero(SPECIES);
            FloatVector a1 = a0;
            FloatVector a2 = a0;
            for (int c = 0; c < g.headDim; c++) {
                FloatVector keyVector = FloatVector.fromArray(SPECIES, keysT, keysBase + c * g.paddedKeys + j);
                a0 = keyVector.fma(FloatVector.broadcast(SPECIES, qv[q0 + c]), a0);
                a1 = keyVector.fma(FloatVector.broadcast(SPECIES, qv[q1 + c]), a1);
                a2 = keyVector.fma(FloatVector.broadcast(SPECIES, qv[q2 + c]), a2);
            }
            a0.mul(g.scale).intoArray(rows, j);
            a1.mul(g.scale).intoArray(rows, g.paddedKeys + j);
            a2.mul(g.scale).intoArray(rows, 2 * g.paddedKeys + j);
        }
    }

    private static void packedScores1(Geometry g, int head, int query, ActivationTensor q, float[] keysT, float[] rows,
                                      int row, int width) {
        float[] qv = q.values();
        int q0 = q.rowStart(query) + head * g.headDim;
        int keysBase = head * g.headDim * g.paddedKeys;
        int end = LinearKernel.ceilDiv(g.lastKey(query) + 1, LANES) * LANES;
        for (int j = 0; j < Math.min(width, end); j += LANES) {
            FloatVector a = FloatVector.zero(SPECIES);
            for (int c = 0; c < g.headDim; c++) {
                a = FloatVector.fromArray(SPECIES, keysT, keysBase + c * g.paddedKeys + j).fma(FloatVector.broadcast(SPECIES, qv[q0 + c]), a);
            }
            a.mul(g.scale).intoArray(rows, row + j);
        }
    }

    /**
     * Turns scores [row, row + last] into probabilities; entries up to {@code width} beyond {@code last} hold −∞
     * on entry and 0 on return, so the value sum may run over whole vectors.
     */
    private static void softmaxInPlace(float[] rows, int row, int last, int width, float[] lanes) {
        FloatVector maxima = FloatVector.broadcast(SPECIES, Float.NEGATIVE_INFINITY);
        for (int j = 0; j < width; j += LANES) {
            maxima = maxima.max(FloatVector.fromArray(SPECIES, rows, row + j));
        }
        float max = maxima.reduceLanes(VectorOperators.MAX);
        for (int j = 0; j < width; j += LANES) {
            FastExp.exp(FloatVector.fromArray(SPECIES, rows, row + j).sub(max)).intoArray(rows, row + j);
        }
        Arrays.fill(rows, row + last + 1, row + width, 0f);
        FloatVector sums = FloatVector.zero(SPECIES);
        for (int j = 0; j < width; j += LANES) {
            sums = sums.add(FloatVector.fromArray(SPECIES, rows, row + j));
        }
        float inverse = 1 / LinearKernel.sumLanes(sums, lanes);
        for (int j = 0; j < width; j += LANES) {
            FloatVector.fromArray(SPECIES, rows, row + j).mul(inverse).intoArray(rows, row + j);
        }
    }

    /** out[query + i][head slice] = Σ_j p_ij·v[j] for 3 queries, sharing each value load. */
    private static void weightedValues3(Geometry g, int head, int firstQuery, int lastKey, ActivationTensor v,
                                        float[] rows, ActivationTensor out) {
        float[] vv = v.values();
        float[] ov = out.values();
        int column = head * g.headDim;
        int r1 = g.paddedKeys;
        int r2 = 2 * g.paddedKeys;
        int vectorEnd = SPECIES.loopBound(g.headDim);
        int c = 0;
        // two value vectors at a time: each broadcast probability feeds two fused multiply-adds
        for (; c + 2 * LANES <= vectorEnd; c += 2 * LANES) {
            FloatVector a0 = FloatVector.zero(SPECIES);
            FloatVector a1 = a0, a2 = a0, b0 = a0, b1 = a0, b2 = a0;
            for (int j = 0; j <= lastKey; j++) {
                int valueRow = v.rowStart(j) + column + c;
                FloatVector valuesA = FloatVector.fromArray(SPECIES, vv, valueRow);
                FloatVector valuesB = FloatVector.fromArray(SPECIES, vv, valueRow + LANES);
                FloatVector p0 = FloatVector.broadcast(SPECIES, rows[j]);
                FloatVector p1 = FloatVector.broadcast(SPECIES, rows[r1 + j]);
                FloatVector p2 = FloatVector.broadcast(SPECIES, rows[r2 + j]);
                a0 = valuesA.fma(p0, a0);
                a1 = valuesA.fma(p1, a1);
                a2 = valuesA.fma(p2, a2);
                b0 = valuesB.fma(p0, b0);
                b1 = valuesB.fma(p1, b1);
                b2 = valuesB.fma(p2, b2);
            }
            a0.intoArray(ov, out.rowStart(firstQuery) + column + c);
            a1.intoArray(ov, out.rowStart(firstQuery + 1) + column + c);
            a2.intoArray(ov, out.rowStart(firstQuery + 2) + column + c);
            b0.intoArray(ov, out.rowStart(firstQuery) + column + c + LANES);
            b1.intoArray(ov, out.rowStart(firstQuery + 1) + column + c + LANES);
            b2.intoArray(ov, out.rowStart(firstQuery + 2) + column + c + LANES);
        }
        for (; c < vectorEnd; c += LANES) {
            FloatVector a0 = FloatVector.zero(SPECIES);
            FloatVector a1 = a0;
            FloatVector a2 = a0;
            for (int j = 0; j <= lastKey; j++) {
                FloatVector value = FloatVector.fromArray(SPECIES, vv, v.rowStart(j) + column + c);
                a0 = value.fma(FloatVector.broadcast(SPECIES, rows[j]), a0);
                a1 = value.fma(FloatVector.broadcast(SPECIES, rows[r1 + j]), a1);
                a2 = value.fma(FloatVector.broadcast(SPECIES, rows[r2 + j]), a2);
            }
            a0.intoArray(ov, out.rowStart(firstQuery) + column + c);
            a1.intoArray(ov, out.rowStart(firstQuery + 1) + column + c);
            a2.intoArray(ov, out.rowStart(firstQuery + 2) + column + c);
        }
        for (; c < g.headDim; c++) {
            for (int i = 0; i < GROUP; i++) {
                ov[out.rowStart(firstQuery + i) + column + c] = scalarWeightedValue(vv, v, column + c, rows, i * g.paddedKeys, lastKey);
            }
        }
    }

    private static void weightedValues1(Geometry g, int head, int query, int lastKey, ActivationTensor v, float[] rows,
                                        int row, ActivationTensor out) {
        float[] vv = v.values();
        float[] ov = out.values();
        int column = head * g.headDim;
        int vectorEnd = SPECIES.loopBound(g.headDim);
        for (int c = 0; c < vectorEnd; c += LANES) {
            FloatVector a = FloatVector.zero(SPECIES);
            for (int j = 0; j <= lastKey; j++) {
                a = FloatVector.fromArray(SPECIES, vv, v.rowStart(j) + column + c).fma(FloatVector.broadcast(SPECIES, rows[row + j]), a);
            }
            a.intoArray(ov, out.rowStart(query) + column + c);
        }
        for (int c = vectorEnd; c < g.headDim; c++) {
            ov[out.rowStart(query) + column + c] = scalarWeightedValue(vv, v, column + c, rows, row, lastKey);
        }
    }

    private static float scalarWeightedValue(float[] vv, ActivationTensor v, int column, float[] rows, int row, int lastKey) {
        float sum = 0;
        for (int j = 0; j <= lastKey; j++) {
            sum = Math.fma(rows[row + j], vv[v.rowStart(j) + column], sum);
        }
        return sum;
    }
}
