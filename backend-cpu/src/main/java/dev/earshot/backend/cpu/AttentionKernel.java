package dev.earshot.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * Multi-head attention without a T×T matrix: tasks of one head × {@value #QUERY_BLOCK} queries, worked in groups
 * of {@value #GROUP} queries (register-blocked in {@link AttentionTiles}) with one score row per query in the
 * worker's scratch.
 *
 * <p>Scores are {@code (q·k)·(1/√headDim)}. openai scales q and k by headDim^−¼ each instead; for headDim 64
 * (every Whisper model) 1/√64 = 1/8 is exact, so ours is the exact product rounded once, and in general the
 * two differ by a few float ulps of the score — far inside the conformance tolerance.
 *
 * <p>Many queries (prompt pass, encoder): the head's keys are first transposed into [headDim × T_k] so a score
 * row is built from contiguous vectors of keys (no horizontal sums). Few queries (a cached decode step): each
 * score is a vector dot product, which avoids re-packing the 1500 cross-attention keys every step, and keys and
 * values are read row by row across heads (see {@link #fewQueries}).
 * Softmax in float with the max subtracted; the weighted sum of values accumulates in ascending key order (few
 * queries: in each half of the keys, the two halves then added; see {@link #rowValues}).
 */
final class AttentionKernel {

    private static final VectorSpecies<Float> SPECIES = LinearKernel.SPECIES;
    private static final int LANES = LinearKernel.LANES;
    static final int QUERY_BLOCK = 24;
    private static final int GROUP = AttentionTiles.QUERIES;
    /** From this many queries on, transposing the keys once pays for itself. */
    private static final int PACKED_MIN_QUERIES = 8;
    /**
     * Keys per packing task: whole score tiles ({@link AttentionTiles#WIDTH}, a power of two up to 256), which
     * {@link #pack} relies on.
     */
    private static final int KEY_BLOCK = 256;
    /** Keys and elements per square of the key transposition in {@link #pack}: a cache line of floats. */
    private static final int TRANSPOSE_SIDE = 16;
    /**
     * Keys per slice of a packed value tile in the many-query value sums: 128 × {@link AttentionTiles#WIDTH} floats
     * (32 KiB with AVX-512), within L1.
     */
    private static final int VALUE_BLOCK = 128;
    /**
     * Key rows per block of the few-query path: what it widens at once per stream from an F16 cache (two blocks of 8
     * rows of a 512-wide group are 32 KiB of floats, in L1 until they are read), and the keys a value chain sums in
     * a register before storing it ({@link #blockValues}; 8 measured faster than 4 or 16 on F32 values).
     */
    static final int ROW_BLOCK = 8;
    /** Rows per task when F16 keys and values are widened whole for the many-query path. */
    private static final int WIDEN_ROWS = 64;

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
     * @param shared  holds the packed keys and values when there are many queries (and an F16 cache widened for
     *                them), and the few-query path's score rows and value chains when it runs on several threads
     * @param out     [T_q × d], q [T_q × d], k and v [T_k × d], F32 or F16 activations
     * @param scores  null, or receives [heads·T_q × T_k] scaled scores, −∞ where masked
     */
    static void run(WorkerPool pool, SharedScratch shared, ActivationTensor out, ActivationTensor q, CpuTensor keys,
                    CpuTensor values, int heads, boolean causal, ActivationTensor scores) {
        int headDim = q.cols() / heads;
        int paddedKeys = LinearKernel.ceilDiv(keys.rows(), AttentionTiles.WIDTH) * AttentionTiles.WIDTH;
        Geometry g = new Geometry(heads, headDim, q.rows(), keys.rows(), paddedKeys, causal, (float) (1 / Math.sqrt(headDim)));
        if (g.queries < PACKED_MIN_QUERIES) {
            fewQueries(pool, shared, g, q, keys, values, out, scores);
            return;
        }
        // many queries read each key and value many times: F16 ones are widened once, and the F32 path runs on them
        ActivationTensor k = keys instanceof HalfActivationTensor half
                ? widened(pool, half, shared.widenedKeys(half.rows() * half.cols())) : (ActivationTensor) keys;
        ActivationTensor v = values instanceof HalfActivationTensor half
                ? widened(pool, half, shared.widenedValues(half.rows() * half.cols())) : (ActivationTensor) values;
        MemorySegment keysT = shared.packedKeys((long) heads * headDim * paddedKeys);
        MemorySegment packedValues = shared.packedValues((long) heads * valueTiles(g) * g.keys * AttentionTiles.WIDTH);
        int keyBlocks = LinearKernel.ceilDiv(g.keys, KEY_BLOCK);
        pool.run(heads * keyBlocks, (task, scratch) -> pack(k, v, g, keysT, packedValues, task / keyBlocks,
                (task % keyBlocks) * KEY_BLOCK, scratch));
        int queryBlocks = LinearKernel.ceilDiv(g.queries, QUERY_BLOCK);
        pool.run(heads * queryBlocks, (task, scratch) -> {
            int head = task / queryBlocks;
            int first = (task % queryBlocks) * QUERY_BLOCK;
            int end = Math.min(g.queries, first + QUERY_BLOCK);
            float[] rows = scratch.scores(QUERY_BLOCK * g.paddedKeys); // [block × padded T_k] scores, then probabilities
            queryBlock(g, head, first, end, q, v, keysT, packedValues, out, scores, rows);
        });
    }

    /** An F16 tensor widened into {@code storage}, as an F32 view over it. */
    private static ActivationTensor widened(WorkerPool pool, HalfActivationTensor half, ActivationStorage storage) {
        pool.run(LinearKernel.ceilDiv(half.rows(), WIDEN_ROWS), (task, scratch) -> {
            int first = task * WIDEN_ROWS;
            half.widenRows(first, Math.min(WIDEN_ROWS, half.rows() - first), storage.values, first * half.cols());
        });
        return new ActivationTensor(half.owner(), storage, 0, half.rows(), half.cols(), true);
    }

    /**
     * Few queries (a cached decode step; the beams of one step against the cross-attention keys): the keys and
     * values are read once, in whole rows across the heads, and each pass serves every query. On one thread, one
     * task reads the keys, then the values, as two streams at once (the halves of the keys, see
     * {@link #streamSplit}). On several, each half of the keys is its own task (one per group of heads beyond two
     * threads), so each thread streams whole contiguous rows, and sums its half's values {@value #ROW_BLOCK} keys at
     * a time in registers ({@link #blockValues}). Split by heads instead, each thread read half of every row: base's
     * cross-attention alone (1500 keys, cold) took 1.3–1.7× as long on 2 threads, and a token step 2–14% longer
     * (small most). The phases (scores; softmax; each half's value sums; the halves added) are separate pool runs
     * over shared buffers.
     *
     * <p>The arithmetic of each output is the same whatever the split: independent scores, one softmax per row, a
     * chain of fused multiply-adds per half of the keys in ascending key order, the two chains added. F16 keys and
     * values (a half-precision cache) are widened {@value #ROW_BLOCK} rows at a time into the worker's scratch and
     * read from there with the same arithmetic, so the result is bit for bit that of F32 keys and values holding
     * the halves' values.
     */
    private static void fewQueries(WorkerPool pool, SharedScratch shared, Geometry g, ActivationTensor q, CpuTensor k,
                                   CpuTensor v, ActivationTensor out, ActivationTensor scoresOut) {
        if (pool.threads() == 1) {
            pool.run(1, (task, scratch) -> {
                float[] rows = scratch.scores(g.queries * g.heads * g.paddedKeys);
                int chainLength = g.queries * g.heads * g.headDim;
                float[] sums = scratch.accumulators(2 * chainLength);
                float[] tile = scratch.weightTile(2 * ROW_BLOCK * g.model());
                scoreKeys(g, 0, g.heads, q, k, rows, tile, 0, g.keys);
                groupProbabilities(g, 0, g.heads, rows, scoresOut);
                Arrays.fill(sums, 0, 2 * chainLength, 0f);
                switch (v) {
                    case ActivationTensor values -> rowValues(g, 0, g.heads, values, rows, sums);
                    case HalfActivationTensor values -> halfRowValues(g, 0, g.heads, values, rows, sums, tile);
                    case WeightTensor weight -> throw notActivation(weight);
                }
                addChains(g, 0, g.heads, sums, out);
            });
            return;
        }
        int split = streamSplit(g.keys);
        int headsPerGroup = LinearKernel.ceilDiv(g.heads, Math.clamp(pool.threads() / 2, 1, g.heads));
        int groups = LinearKernel.ceilDiv(g.heads, headsPerGroup);
        float[][] rows = shared.fewQueryScores(groups, g.queries * headsPerGroup * g.paddedKeys);
        float[][] sums = shared.fewQuerySums(groups, 2 * g.queries * headsPerGroup * g.headDim);
        pool.run(2 * groups, (task, scratch) -> {
            int firstHead = task / 2 * headsPerGroup;
            int groupHeads = groupHeads(g, firstHead, headsPerGroup);
            float[] tile = scratch.weightTile(2 * ROW_BLOCK * groupHeads * g.headDim);
            boolean second = task % 2 == 1;
            scoreKeys(g, firstHead, groupHeads, q, k, rows[task / 2], tile, second ? split : 0, second ? g.keys : split);
        });
        pool.run(groups, (group, scratch) -> {
            int firstHead = group * headsPerGroup;
            groupProbabilities(g, firstHead, groupHeads(g, firstHead, headsPerGroup), rows[group], scoresOut);
        });
        pool.run(2 * groups, (task, scratch) -> {
            int firstHead = task / 2 * headsPerGroup;
            int groupHeads = groupHeads(g, firstHead, headsPerGroup);
            float[] tile = scratch.weightTile(ROW_BLOCK * groupHeads * g.headDim);
            boolean second = task % 2 == 1;
            int chainLength = g.queries * groupHeads * g.headDim;
            int chainStart = second ? chainLength : 0;
            Arrays.fill(sums[task / 2], chainStart, chainStart + chainLength, 0f);
            chainValues(g, firstHead, groupHeads, v, rows[task / 2], sums[task / 2], chainStart, second ? split : 0,
                    second ? g.keys : split, tile);
        });
        for (int group = 0; group < groups; group++) { // a few hundred additions: not worth a pool run
            int firstHead = group * headsPerGroup;
            addChains(g, firstHead, groupHeads(g, firstHead, headsPerGroup), sums[group], out);
        }
    }

    /** Heads in the group that starts at {@code firstHead}: {@code headsPerGroup}, or fewer in the last group. */
    private static int groupHeads(Geometry g, int firstHead, int headsPerGroup) {
        return Math.min(g.heads, firstHead + headsPerGroup) - firstHead;
    }

    private static IllegalStateException notActivation(WeightTensor weight) {
        return new IllegalStateException("attention operand " + weight + " is not an activation");
    }

    /**
     * rows[(i·groupHeads + h)·paddedKeys + j] = scaled q_i·k_j for the group's heads and keys [from, to); each
     * score is a lane-wise dot product summed by the fixed tree, then the scalar tail. The range is read as two
     * streams, its first and second half at once (one core keeps twice as many reads in flight); every score is
     * one independent dot product, so the pairing changes no result.
     */
    private static void scoreKeys(Geometry g, int firstHead, int groupHeads, ActivationTensor q, CpuTensor k, float[] rows,
                                  float[] tile, int from, int to) {
        int offset = (to - from + 1) / 2; // from the first stream's key to the second's
        switch (k) {
            case ActivationTensor keys -> rowScores(g, firstHead, groupHeads, q, keys, rows, from, from + offset, to);
            case HalfActivationTensor keys -> halfRowScores(g, firstHead, groupHeads, q, keys, rows, tile, from,
                    from + offset, to);
            case WeightTensor weight -> throw notActivation(weight);
        }
    }

    /** {@link #scoreKeys} over F32 keys: streams [from, paired) and [paired, to), read in place. */
    private static void rowScores(Geometry g, int firstHead, int groupHeads, ActivationTensor q, ActivationTensor k,
                                  float[] rows, int from, int paired, int to) {
        float[] kv = k.values();
        int column = firstHead * g.headDim;
        int offset = paired - from;
        int j = from;
        if (LANES == 16) {
            for (; j + 1 < paired && j + 1 + offset < to; j += 2) {
                keyScores4(g, firstHead, groupHeads, q, kv, k.rowStart(j) + column, k.rowStart(j + 1) + column,
                        k.rowStart(j + offset) + column, k.rowStart(j + offset + 1) + column, rows, j, j + offset);
            }
        }
        for (; j < paired; j++) {
            keyScores(g, firstHead, groupHeads, q, kv, k.rowStart(j) + column, rows, j);
            if (j + offset < to) {
                keyScores(g, firstHead, groupHeads, q, kv, k.rowStart(j + offset) + column, rows, j + offset);
            }
        }
    }

    /**
     * {@link #scoreKeys} over F16 keys: each block of {@value #ROW_BLOCK} keys from each stream is widened into
     * {@code tile} ([2 × ROW_BLOCK × group width], the second stream's block after the first's), then scored
     * from there, paired as {@link #rowScores} pairs them.
     */
    private static void halfRowScores(Geometry g, int firstHead, int groupHeads, ActivationTensor q,
                                      HalfActivationTensor k, float[] rows, float[] tile, int from, int paired, int to) {
        int width = groupHeads * g.headDim;
        int offset = paired - from;
        int pairedTile = ROW_BLOCK * width;
        for (int block = from; block < paired; block += ROW_BLOCK) {
            int count = Math.min(ROW_BLOCK, paired - block);
            int pairedCount = Math.clamp(to - offset - block, 0, count);
            k.widenRows(block, block + offset, count, pairedCount, firstHead * g.headDim, width, tile, 0, pairedTile);
            int r = 0;
            if (LANES == 16) {
                for (; r + 1 < pairedCount; r += 2) {
                    keyScores4(g, firstHead, groupHeads, q, tile, r * width, (r + 1) * width, pairedTile + r * width,
                            pairedTile + (r + 1) * width, rows, block + r, block + offset + r);
                }
            }
            for (; r < count; r++) {
                keyScores(g, firstHead, groupHeads, q, tile, r * width, rows, block + r);
                if (r < pairedCount) {
                    keyScores(g, firstHead, groupHeads, q, tile, pairedTile + r * width, rows, block + offset + r);
                }
            }
        }
    }

    /** Every query's score row of the group's heads turned into probabilities (and copied out first if asked). */
    private static void groupProbabilities(Geometry g, int firstHead, int groupHeads, float[] rows,
                                           ActivationTensor scoresOut) {
        for (int i = 0; i < g.queries; i++) {
            int last = g.lastKey(i);
            int width = LinearKernel.ceilDiv(last + 1, LANES) * LANES;
            for (int h = 0; h < groupHeads; h++) {
                probabilities(g, rows, (i * groupHeads + h) * g.paddedKeys, last, width, scoresOut,
                        (firstHead + h) * g.queries + i);
            }
        }
    }

    /** Every query's scores against key {@code j}, whose group slice starts at {@code kv[k0]}, for the group's heads. */
    private static void keyScores(Geometry g, int firstHead, int groupHeads, ActivationTensor q, float[] kv, int k0,
                                  float[] rows, int j) {
        for (int i = 0; i < g.queries; i++) {
            if (j <= g.lastKey(i)) {
                queryKeyScores(g, firstHead, groupHeads, q, i, kv, k0, rows, j);
            }
        }
    }

    /** Query {@code i}'s scores against key {@code j} (group slice at {@code kv[k0]}), for the group's heads. */
    private static void queryKeyScores(Geometry g, int firstHead, int groupHeads, ActivationTensor q, int i, float[] kv,
                                       int k0, float[] rows, int j) {
        for (int h = 0; h < groupHeads; h++) {
            rows[(i * groupHeads + h) * g.paddedKeys + j] =
                    score(g, q.values(), q.rowStart(i) + (firstHead + h) * g.headDim, kv, k0 + h * g.headDim);
        }
    }

    /**
     * {@link #keyScores} for keys {@code firstKey}, firstKey + 1, {@code pairedKey}, pairedKey + 1 (two from each
     * stream; group slices at k0 … k3) at once: the four dot products of a query and head are reduced together by
     * {@link LinearKernel#sumLanes4}, the same bits as four separate reductions for a third fewer instructions (the
     * reductions were most of a score's work).
     */
    private static void keyScores4(Geometry g, int firstHead, int groupHeads, ActivationTensor q, float[] kv, int k0,
                                   int k1, int k2, int k3, float[] rows, int firstKey, int pairedKey) {
        float[] qv = q.values();
        for (int i = 0; i < g.queries; i++) {
            if (pairedKey + 1 > g.lastKey(i)) { // a causal query that sees only some of the four
                for (int n = 0; n < 4; n++) {
                    int j = n < 2 ? firstKey + n : pairedKey + n - 2;
                    if (j <= g.lastKey(i)) {
                        queryKeyScores(g, firstHead, groupHeads, q, i, kv, n == 0 ? k0 : n == 1 ? k1 : n == 2 ? k2 : k3,
                                rows, j);
                    }
                }
                continue;
            }
            for (int h = 0; h < groupHeads; h++) {
                int slice = h * g.headDim;
                scores4(g, qv, q.rowStart(i) + (firstHead + h) * g.headDim, kv, k0 + slice, k1 + slice, k2 + slice,
                        k3 + slice, rows, (i * groupHeads + h) * g.paddedKeys, firstKey, pairedKey);
            }
        }
    }

    /**
     * One query and head against keys firstKey, firstKey + 1, pairedKey, pairedKey + 1 (rows at k0 … k3). Its own
     * method, vectors in and out of nothing but registers: inlined into {@link #keyScores4} the compiler ran out of
     * budget and boxed them.
     */
    private static void scores4(Geometry g, float[] qv, int q0, float[] kv, int k0, int k1, int k2, int k3, float[] rows,
                                int row, int firstKey, int pairedKey) {
        int vectorEnd = SPECIES.loopBound(g.headDim);
        FloatVector s0 = FloatVector.zero(SPECIES);
        FloatVector s1 = s0, s2 = s0, s3 = s0;
        for (int c = 0; c < vectorEnd; c += LANES) {
            FloatVector query = FloatVector.fromArray(SPECIES, qv, q0 + c);
            s0 = query.fma(FloatVector.fromArray(SPECIES, kv, k0 + c), s0);
            s1 = query.fma(FloatVector.fromArray(SPECIES, kv, k1 + c), s1);
            s2 = query.fma(FloatVector.fromArray(SPECIES, kv, k2 + c), s2);
            s3 = query.fma(FloatVector.fromArray(SPECIES, kv, k3 + c), s3);
        }
        FloatVector sums = LinearKernel.sumLanes4(s0, s1, s2, s3);
        rows[row + firstKey] = scoreTail(g, qv, q0, kv, k0, vectorEnd, sums.lane(0));
        rows[row + firstKey + 1] = scoreTail(g, qv, q0, kv, k1, vectorEnd, sums.lane(8));
        rows[row + pairedKey] = scoreTail(g, qv, q0, kv, k2, vectorEnd, sums.lane(4));
        rows[row + pairedKey + 1] = scoreTail(g, qv, q0, kv, k3, vectorEnd, sums.lane(12));
    }

    /** Scaled q·k for one head's slices at qv[q0] and kv[k0]: a lane-wise dot product summed by the fixed tree, then the scalar tail. */
    private static float score(Geometry g, float[] qv, int q0, float[] kv, int k0) {
        int vectorEnd = SPECIES.loopBound(g.headDim);
        FloatVector a = FloatVector.zero(SPECIES);
        for (int c = 0; c < vectorEnd; c += LANES) {
            a = FloatVector.fromArray(SPECIES, qv, q0 + c).fma(FloatVector.fromArray(SPECIES, kv, k0 + c), a);
        }
        return scoreTail(g, qv, q0, kv, k0, vectorEnd, LinearKernel.sumLanes(a));
    }

    private static float scoreTail(Geometry g, float[] qv, int q0, float[] kv, int k0, int vectorEnd, float dot) {
        for (int c = vectorEnd; c < g.headDim; c++) {
            dot = Math.fma(qv[q0 + c], kv[k0 + c], dot);
        }
        return dot * g.scale;
    }

    /**
     * Where the few-query path splits the keys into its two read streams: a cached step's K and V reads wait on
     * memory latency, and one core keeps twice as many reads in flight with two sequential streams as with one.
     * A function of the call's key count (its last query's) alone, so the thread count changes no result. A
     * query's value sum is split there too, so the same query in a causal batch of 2–7 can differ in its last bits
     * from the query decoded alone (as the many-query path always could).
     */
    private static int streamSplit(int keyCount) {
        return (keyCount + 1) / 2;
    }

    /**
     * Σ_j p_ij·v_j for the group's heads as two chains of fused multiply-adds in ascending key order, one over
     * each half of the keys (the two read streams of {@link #streamSplit}), in {@code sums} (zeroed; L1) while the
     * value rows stream past once; {@link #addChains} adds the two.
     */
    private static void rowValues(Geometry g, int firstHead, int groupHeads, ActivationTensor v, float[] rows, float[] sums) {
        int chainLength = g.queries * groupHeads * g.headDim;
        int keyCount = g.keys; // the last query sees every key, causal or not
        int split = streamSplit(keyCount);
        float[] vv = v.values();
        int column = firstHead * g.headDim;
        for (int j = 0; j < split; j++) {
            accumulateValues(g, groupHeads, vv, v.rowStart(j) + column, rows, sums, 0, j);
            if (j + split < keyCount) {
                accumulateValues(g, groupHeads, vv, v.rowStart(j + split) + column, rows, sums, chainLength, j + split);
            }
        }
    }

    /** {@link #rowValues} over F16 values, widened block by block into {@code tile} as {@link #halfRowScores} does. */
    private static void halfRowValues(Geometry g, int firstHead, int groupHeads, HalfActivationTensor v, float[] rows,
                                      float[] sums, float[] tile) {
        int chainLength = g.queries * groupHeads * g.headDim;
        int width = groupHeads * g.headDim;
        int keyCount = g.keys;
        int split = streamSplit(keyCount);
        int paired = ROW_BLOCK * width;
        for (int from = 0; from < split; from += ROW_BLOCK) {
            int count = Math.min(ROW_BLOCK, split - from);
            int pairedCount = Math.clamp(keyCount - split - from, 0, count);
            v.widenRows(from, from + split, count, pairedCount, firstHead * g.headDim, width, tile, 0, paired);
            blockValues(g, groupHeads, tile, 0, width, rows, sums, 0, from, count);
            blockValues(g, groupHeads, tile, paired, width, rows, sums, chainLength, from + split, pairedCount);
        }
    }

    /**
     * One chain of value sums, {@code sums[chainStart …]}: p_ij·v_j for keys [from, to) in ascending order, one
     * stream (the chain's order allows no second).
     */
    private static void chainValues(Geometry g, int firstHead, int groupHeads, CpuTensor v, float[] rows, float[] sums,
                                    int chainStart, int from, int to, float[] tile) {
        int column = firstHead * g.headDim;
        switch (v) {
            case ActivationTensor values -> {
                for (int block = from; block < to; block += ROW_BLOCK) {
                    blockValues(g, groupHeads, values.values(), values.rowStart(block) + column, g.model(), rows, sums,
                            chainStart, block, Math.min(ROW_BLOCK, to - block));
                }
            }
            case HalfActivationTensor values -> {
                int width = groupHeads * g.headDim;
                for (int block = from; block < to; block += ROW_BLOCK) {
                    int count = Math.min(ROW_BLOCK, to - block);
                    values.widenRows(block, block, count, 0, column, width, tile, 0, 0);
                    blockValues(g, groupHeads, tile, 0, width, rows, sums, chainStart, block, count);
                }
            }
            case WeightTensor weight -> throw notActivation(weight);
        }
    }

    /**
     * Adds p_ij·v_j for keys j in [firstKey, firstKey + count) into the chains at {@code sums[chainStart …]}, for
     * every query that sees them; key firstKey + r's group slice starts at {@code vv[valueRow + r·stride]}. Each
     * chain's fused multiply-adds run in ascending key order, as {@link #accumulateValues} runs them, but in a
     * register over the block: the chain is loaded and stored once per block, not once per key (the stores and
     * their reloads were the value pass's bound).
     */
    private static void blockValues(Geometry g, int groupHeads, float[] vv, int valueRow, int stride, float[] rows,
                                    float[] sums, int chainStart, int firstKey, int count) {
        int vectorEnd = SPECIES.loopBound(g.headDim);
        for (int i = 0; i < g.queries; i++) {
            int keys = Math.min(count, g.lastKey(i) - firstKey + 1); // a causal query sees a prefix of the block
            for (int h = 0; h < groupHeads; h++) {
                int p0 = (i * groupHeads + h) * g.paddedKeys + firstKey;
                int s0 = chainStart + (i * groupHeads + h) * g.headDim;
                int v0 = valueRow + h * g.headDim;
                for (int c = 0; c < vectorEnd; c += LANES) {
                    FloatVector chain = FloatVector.fromArray(SPECIES, sums, s0 + c);
                    for (int r = 0; r < keys; r++) {
                        chain = FloatVector.fromArray(SPECIES, vv, v0 + r * stride + c)
                                .fma(FloatVector.broadcast(SPECIES, rows[p0 + r]), chain);
                    }
                    chain.intoArray(sums, s0 + c);
                }
                for (int c = vectorEnd; c < g.headDim; c++) {
                    float chain = sums[s0 + c];
                    for (int r = 0; r < keys; r++) {
                        chain = Math.fma(rows[p0 + r], vv[v0 + r * stride + c], chain);
                    }
                    sums[s0 + c] = chain;
                }
            }
        }
    }

    /**
     * Adds p_ij·v_j into the chains at {@code sums[chainStart …]} for every query that sees key {@code j}, whose
     * group slice starts at {@code vv[valueRow]}.
     */
    private static void accumulateValues(Geometry g, int groupHeads, float[] vv, int valueRow, float[] rows,
                                         float[] sums, int chainStart, int j) {
        int vectorEnd = SPECIES.loopBound(g.headDim);
        for (int i = 0; i < g.queries; i++) {
            if (j > g.lastKey(i)) {
                continue;
            }
            for (int h = 0; h < groupHeads; h++) {
                float p = rows[(i * groupHeads + h) * g.paddedKeys + j];
                FloatVector weight = FloatVector.broadcast(SPECIES, p);
                int v0 = valueRow + h * g.headDim;
                int s0 = chainStart + (i * groupHeads + h) * g.headDim;
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

    /** out[i][group's columns] = the first chain plus the second, for every query. */
    private static void addChains(Geometry g, int firstHead, int groupHeads, float[] sums, ActivationTensor out) {
        int chainLength = g.queries * groupHeads * g.headDim;
        for (int i = 0; i < g.queries; i++) {
            int from = i * groupHeads * g.headDim;
            int to = out.rowStart(i) + firstHead * g.headDim;
            int width = groupHeads * g.headDim;
            int vectorEnd = SPECIES.loopBound(width);
            for (int c = 0; c < vectorEnd; c += LANES) {
                FloatVector.fromArray(SPECIES, sums, from + c).add(FloatVector.fromArray(SPECIES, sums, chainLength + from + c))
                        .intoArray(out.values(), to + c);
            }
            for (int c = vectorEnd; c < width; c++) {
                out.values()[to + c] = sums[from + c] + sums[chainLength + from + c];
            }
        }
    }

    /**
     * Copies one head's keys [firstKey, firstKey + {@value #KEY_BLOCK}) into {@code keysT} (see {@link #keyIndex}),
     * padding keys zero, and its values into {@code values} (see {@link #valueIndex}), so the tiles read both as
     * consecutive vectors rather than 64-float slices of 1.5 KiB rows.
     */
    private static void pack(ActivationTensor k, ActivationTensor v, Geometry g, MemorySegment keysT, MemorySegment values, int head,
                             int firstKey, WorkerScratch scratch) {
        float[] keySource = k.values();
        int lastKey = Math.min(g.keys, firstKey + KEY_BLOCK);
        int blockEnd = Math.min(firstKey + KEY_BLOCK, g.paddedKeys); // whole tiles, the padding keys in the last
        int column = head * g.headDim;
        int width = AttentionTiles.WIDTH;
        // The block is built in an array laid out as its place in the packed keys (then in the packed values) and
        // copied there at once: a segment copy per 64-float value row cost more than all the rest of the packing
        // (4% of the encoder's attention), and a segment store per key element checks bounds each time.
        float[] block = scratch.packBlock(g.headDim * (blockEnd - firstKey));
        // in squares of TRANSPOSE_SIDE keys × elements: each square reads its rows' few lines and fills whole lines
        // of the block, rather than one float of 64 different lines per key
        for (int squareKey = firstKey; squareKey < blockEnd; squareKey += TRANSPOSE_SIDE) {
            int squareKeyEnd = Math.min(blockEnd, squareKey + TRANSPOSE_SIDE);
            for (int squareC = 0; squareC < g.headDim; squareC += TRANSPOSE_SIDE) {
                int squareCEnd = Math.min(g.headDim, squareC + TRANSPOSE_SIDE);
                for (int j = squareKey; j < squareKeyEnd; j++) {
                    int at = (j - firstKey) / width * g.headDim * width + j % width;
                    if (j < lastKey) {
                        int row = k.rowStart(j) + column;
                        for (int c = squareC; c < squareCEnd; c++) {
                            block[at + c * width] = keySource[row + c];
                        }
                    } else {
                        for (int c = squareC; c < squareCEnd; c++) {
                            block[at + c * width] = 0f;
                        }
                    }
                }
            }
        }
        AlignedFloats.copy(block, 0, keysT, keyIndex(g, head, 0, firstKey), g.headDim * (blockEnd - firstKey));
        // each whole tile of value columns: the block's rows, consecutive (the block has room: a head with a value
        // tile has at least WIDTH elements)
        for (int tile = 0; tile < valueTiles(g); tile++) {
            for (int j = firstKey; j < lastKey; j++) {
                System.arraycopy(v.values(), v.rowStart(j) + column + tile * width, block, (j - firstKey) * width, width);
            }
            AlignedFloats.copy(block, 0, values, valueIndex(g, head, tile, firstKey), (lastKey - firstKey) * width);
        }
    }

    /**
     * Where key j's element c of a head lies in the packed keys: tiles of {@link AttentionTiles#WIDTH} keys, each
     * [headDim × WIDTH] row-major, so a score tile walks one contiguous 16 KiB block.
     */
    private static long keyIndex(Geometry g, int head, int c, int j) {
        int width = AttentionTiles.WIDTH;
        return (long) head * g.headDim * g.paddedKeys + (j / width) * g.headDim * width + c * width + j % width;
    }

    /**
     * Where key j's values of a head's column tile lie in the packed values: [head][tile][j][{@link
     * AttentionTiles#WIDTH} columns], so {@link AttentionTiles#values6} steps from key to key by a constant. Only
     * whole tiles are packed: columns past them (head sizes that are not a multiple of the width) are read from
     * v by the one-query loop.
     */
    private static long valueIndex(Geometry g, int head, int tile, int j) {
        return (((long) head * valueTiles(g) + tile) * g.keys + j) * AttentionTiles.WIDTH;
    }

    private static int valueTiles(Geometry g) {
        return g.headDim / AttentionTiles.WIDTH;
    }

    /**
     * One head's queries [first, end): scores, softmax, weighted values. Each loop runs over keys on the outside and
     * over the block's groups of {@value #GROUP} queries inside, so a tile of keys (16 KiB) or a
     * {@value #VALUE_BLOCK}-key slice of values (32 KiB) is read from L1 by every group rather than streamed again
     * from L2 per group: with the groups outside, attention ran at under a third of the FMA peak. Queries past the
     * last whole group take the one-query loops.
     */
    private static void queryBlock(Geometry g, int head, int first, int end, ActivationTensor q, ActivationTensor v,
                                   MemorySegment keysT, MemorySegment values, ActivationTensor out, ActivationTensor scoresOut,
                                   float[] rows) {
        int count = end - first;
        int grouped = count - count % GROUP;
        int q0 = q.rowStart(first) + head * g.headDim;
        // whole tiles, up to WIDTH − 1 scores past a group's width: rows are paddedKeys long and those are never read
        int tiledWidth = grouped > 0 ? groupWidth(g, first, end, grouped - 1) : 0;
        for (int j = 0; j < tiledWidth; j += AttentionTiles.WIDTH) {
            for (int i = 0; i < grouped; i += GROUP) {
                if (j < groupWidth(g, first, end, i)) {
                    AttentionTiles.scores6(keysT, keyIndex(g, head, 0, j), q.values(),
                            q0 + i * g.model(), g.model(), g.headDim, g.scale, rows, i * g.paddedKeys + j, g.paddedKeys);
                }
            }
        }
        for (int i = grouped; i < count; i++) {
            packedScores1(g, head, first + i, q, keysT, rows, i * g.paddedKeys, groupWidth(g, first, end, i));
        }
        for (int i = 0; i < count; i++) {
            probabilities(g, rows, i * g.paddedKeys, g.lastKey(first + i), groupWidth(g, first, end, i), scoresOut,
                    head * g.queries + first + i);
        }
        int column = head * g.headDim;
        int tiledColumns = 0;
        if (grouped > 0) {
            int blockLastKey = g.lastKey(first + grouped - 1);
            for (; tiledColumns + AttentionTiles.WIDTH <= g.headDim; tiledColumns += AttentionTiles.WIDTH) {
                long valuesAt = valueIndex(g, head, tiledColumns / AttentionTiles.WIDTH, 0);
                for (int from = 0; from <= blockLastKey; from += VALUE_BLOCK) {
                    for (int i = 0; i < grouped; i += GROUP) {
                        int lastKey = g.lastKey(first + i + GROUP - 1);
                        if (from <= lastKey) {
                            AttentionTiles.values6(values, valuesAt, from,
                                    Math.min(lastKey, from + VALUE_BLOCK - 1), rows, i * g.paddedKeys, g.paddedKeys,
                                    out.values(), out.rowStart(first + i) + column + tiledColumns, g.model(), from > 0);
                        }
                    }
                }
            }
        }
        for (int i = 0; i < count; i++) {
            int fromColumn = i < grouped ? tiledColumns : 0;
            weightedValues1(g, head, first + i, g.lastKey(first + i), v, rows, i * g.paddedKeys, fromColumn, out);
        }
    }

    /**
     * How many scores of query {@code first + i}'s row the block computes: its group's last key, rounded up to
     * whole vectors (a group's queries share one run over the keys, causal or not). Queries past the whole groups
     * form one last group.
     */
    private static int groupWidth(Geometry g, int first, int end, int i) {
        int groupLast = Math.min(end, first + (i / GROUP + 1) * GROUP) - 1;
        return LinearKernel.ceilDiv(g.lastKey(groupLast) + 1, LANES) * LANES;
    }

    /** Scores of one query against keys [0, width), built over headDim in ascending order. */
    private static void packedScores1(Geometry g, int head, int query, ActivationTensor q, MemorySegment keysT, float[] rows,
                                      int row, int width) {
        float[] qv = q.values();
        int q0 = q.rowStart(query) + head * g.headDim;
        int end = LinearKernel.ceilDiv(g.lastKey(query) + 1, LANES) * LANES;
        for (int j = 0; j < Math.min(width, end); j += LANES) {
            long keysAt = keyIndex(g, head, 0, j); // a vector never straddles tiles: WIDTH is whole vectors
            FloatVector a = FloatVector.zero(SPECIES);
            for (int c = 0; c < g.headDim; c++) {
                a = AlignedFloats.load(keysT, keysAt + (long) c * AttentionTiles.WIDTH)
                        .fma(FloatVector.broadcast(SPECIES, qv[q0 + c]), a);
            }
            a.mul(g.scale).intoArray(rows, row + j);
        }
    }

    /**
     * One query and head's score row, [row, row + last], masked past {@code last} up to {@code width} with −∞,
     * copied to row {@code scoresRow} of {@code scoresOut} when it is asked for (−∞ where masked, as openai's qk),
     * then turned into probabilities.
     */
    private static void probabilities(Geometry g, float[] rows, int row, int last, int width, ActivationTensor scoresOut,
                                      int scoresRow) {
        Arrays.fill(rows, row + last + 1, row + width, Float.NEGATIVE_INFINITY);
        if (scoresOut != null) {
            int dst = scoresOut.rowStart(scoresRow);
            System.arraycopy(rows, row, scoresOut.values(), dst, last + 1);
            Arrays.fill(scoresOut.values(), dst + last + 1, dst + g.keys, Float.NEGATIVE_INFINITY);
        }
        softmaxInPlace(rows, row, last, width);
    }

    /**
     * Turns scores [row, row + last] into probabilities; entries up to {@code width} beyond {@code last} hold −∞
     * on entry and 0 on return, so the value sum may run over whole vectors.
     *
     * <p>The arithmetic is that of the plain four passes (max; exp(s − max); 0 past {@code last}; sum; scale by
     * 1/sum over the vectors in order), with the work cut where the bits allow: the maximum keeps a lane when it is
     * not below the new value (a compare and a blend, where {@code max} costs several instructions for its −0 and
     * NaN rules), in two chains over the even and odd vectors (one chain waited on itself at every vector); a −0/+0
     * tie, which the chains may settle either way, cannot change s − max's exponential. The sum is taken as the
     * exponentials are stored, the −∞ past {@code last} giving exactly 0 (see {@link FastExp}), which adds nothing;
     * the all-zero vectors past the last score's, which would add +0, are skipped. Softmax was a quarter of the
     * encoder's attention time before these cuts.
     */
    static void softmaxInPlace(float[] rows, int row, int last, int width) {
        int end = LinearKernel.ceilDiv(last + 1, LANES) * LANES;
        FloatVector maxima = FloatVector.broadcast(SPECIES, Float.NEGATIVE_INFINITY);
        FloatVector oddMaxima = maxima;
        int j = 0;
        for (; j + 2 * LANES <= end; j += 2 * LANES) {
            FloatVector scores = FloatVector.fromArray(SPECIES, rows, row + j);
            FloatVector oddScores = FloatVector.fromArray(SPECIES, rows, row + j + LANES);
            maxima = maxima.blend(scores, maxima.compare(VectorOperators.LT, scores));
            oddMaxima = oddMaxima.blend(oddScores, oddMaxima.compare(VectorOperators.LT, oddScores));
        }
        if (j < end) {
            FloatVector scores = FloatVector.fromArray(SPECIES, rows, row + j);
            maxima = maxima.blend(scores, maxima.compare(VectorOperators.LT, scores));
        }
        maxima = maxima.blend(oddMaxima, maxima.compare(VectorOperators.LT, oddMaxima));
        float max = maxima.reduceLanes(VectorOperators.MAX);
        FloatVector sums = FloatVector.zero(SPECIES);
        for (j = 0; j < end; j += LANES) {
            // one exp call site: a second inlined exp pushed this method past the JIT's node budget, which then left
            // a lane sum out of line (a boxed vector per row)
            FloatVector exponentials = FastExp.exp(FloatVector.fromArray(SPECIES, rows, row + j).sub(max));
            exponentials.intoArray(rows, row + j);
            sums = sums.add(exponentials);
        }
        Arrays.fill(rows, row + end, row + width, 0f);
        float inverse = 1 / LinearKernel.sumLanes(sums);
        for (j = 0; j < end; j += LANES) {
            FloatVector.fromArray(SPECIES, rows, row + j).mul(inverse).intoArray(rows, row + j);
        }
    }

    /** out[query][head slice from {@code fromColumn}] = Σ_j p_j·v[j], in ascending key order. */
    private static void weightedValues1(Geometry g, int head, int query, int lastKey, ActivationTensor v, float[] rows,
                                        int row, int fromColumn, ActivationTensor out) {
        float[] vv = v.values();
        float[] ov = out.values();
        int column = head * g.headDim;
        int vectorEnd = SPECIES.loopBound(g.headDim);
        for (int c = fromColumn; c < vectorEnd; c += LANES) {
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
