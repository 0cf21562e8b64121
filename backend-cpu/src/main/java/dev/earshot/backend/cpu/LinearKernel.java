package dev.earshot.backend.cpu;

import dev.earshot.api.backend.DType;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;

/**
 * {@code out[r] = x[r]·Wᵀ + b} with W stored [out × in] as in the checkpoint. Both operands are contiguous along
 * {@code in}, so every output is a dot product: the micro-kernel holds 4 weight rows × 3 activation rows of
 * vector accumulators (12 of the 16/32 vector registers of AVX2/AVX-512), so each loaded vector is used 3 or 4
 * times. Work is split into tasks of {@value #WEIGHT_BLOCK_ROWS} weight rows × {@value #ACTIVATION_BLOCK_ROWS}
 * activation rows; F16/BF16 weights are widened {@value #TILE_ROWS} rows at a time into the worker's scratch tile
 * and reused for all activation rows of the task. F32 weights are read where they lie (the mapped file).
 *
 * <p>Every output element is computed with the same arithmetic whatever kernel variant or thread produces it:
 * lane-wise fused multiply-adds in ascending {@code in} order, the lanes summed by a fixed tree, the scalar tail,
 * then the bias. Results therefore do not depend on the thread count.
 */
final class LinearKernel {

    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    static final int LANES = SPECIES.length();
    /** Weight rows widened at once: a 16 × 1536 float tile is 96 KiB, in L2 next to the activation block. */
    static final int TILE_ROWS = 16;
    /** Weight rows per task: several tiles, so the activation block is read from cache more than once. */
    static final int WEIGHT_BLOCK_ROWS = 64;
    /** Activation rows per task: a multiple of the micro-kernel's 3; 1500 rows make 32 blocks. */
    static final int ACTIVATION_BLOCK_ROWS = 48;
    private static final int MICRO_WEIGHT_ROWS = 4;
    private static final int MICRO_ACTIVATION_ROWS = 3;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final VectorShuffle<Float> XOR_8 = xorShuffle(8);
    private static final VectorShuffle<Float> XOR_4 = xorShuffle(4);
    private static final VectorShuffle<Float> XOR_2 = xorShuffle(2);
    private static final VectorShuffle<Float> XOR_1 = xorShuffle(1);
    /** Lanes 8–15: where {@link #sumLanes4} keeps its second vector after the first step. */
    private static final VectorMask<Float> UPPER_HALF = LANES == 16 ? VectorMask.fromLong(SPECIES, 0xFF00L) : null;
    /** Lanes 4–7 and 12–15: where {@link #sumLanes4} keeps its third and fourth vectors after the second step. */
    private static final VectorMask<Float> ODD_QUARTERS = LANES == 16 ? VectorMask.fromLong(SPECIES, 0xF0F0L) : null;
    /**
     * From this many activation rows on, a weight is packed and multiplied by {@link PanelGemm}: below it the
     * packing (a second copy of the weight) would not pay for itself, and the decoder's one-token steps are
     * bound by streaming the weight once, which the dot-product form does in place.
     */
    static final int PACKED_MIN_ROWS = 32;
    /** {@code -Dearshot.cpu.linear=dot} keeps the dot-product kernel for every shape, for A/B benchmarks. */
    private static final boolean DOT_ONLY = "dot".equals(System.getProperty("earshot.cpu.linear"));

    /** {@code -Dearshot.cpu.gemv=tile} keeps the 16-row tile path for few-row F16/BF16 products, for A/B benchmarks. */
    private static final boolean GEMV_TILE = "tile".equals(System.getProperty("earshot.cpu.gemv"));
    /** Up to this many activation rows (a decoder step, or a beam of 5), 16-bit weights take the streaming GEMV. */
    static final int GEMV_MAX_ROWS = 5;
    /**
     * Weight rows widened at once on the GEMV path, per stream: two tiles of 4 × 1536 floats are 48 KiB, in L1 or
     * close to it until the dot products.
     */
    private static final int GEMV_TILE_ROWS = MICRO_WEIGHT_ROWS;
    /**
     * Most contiguous weight rows per GEMV task, for the f16/bf16 and the q8_0 paths alike: long runs stream well
     * (each task starts its read streams afresh; at 1024 rather than 256 rows, an f16 token step on 2 threads got
     * 2–5% faster, the 2048-row MLP projection most); the vocabulary still makes some 50 tasks to balance the
     * threads.
     */
    private static final int GEMV_TASK_ROWS = 1024;

    private LinearKernel() {
    }

    /**
     * @param out       [n × m] written at {@code outOffset}, row stride m
     * @param x         [n × k] read at {@code xOffset}, row stride k
     * @param weight    [m × k] as stored
     * @param packed    where the weight's packed panels are kept, or null if it may not be packed (an activation)
     * @param bias      [m] or null
     */
    static void run(WorkerPool pool, float[] out, int outOffset, float[] x, int xOffset, int n, StoredRows weight,
                    DerivedForm<PackedPanels> packed, float[] bias) {
        if (packed != null && n >= PACKED_MIN_ROWS && !DOT_ONLY) {
            PanelGemm.run(pool, out, outOffset, x, xOffset, n, packed.get(pool, weight), bias);
            return;
        }
        int m = weight.rows();
        if (n <= GEMV_MAX_ROWS && weight.dtype() != DType.F32 && !GEMV_TILE) {
            int taskRows = gemvTaskRows(m, pool.threads());
            pool.run(ceilDiv(m, taskRows), (task, scratch) -> {
                int from = task * taskRows;
                gemv(out, outOffset, x, xOffset, n, weight, bias, from, Math.min(m, from + taskRows), scratch);
            });
            return;
        }
        int weightBlocks = ceilDiv(m, WEIGHT_BLOCK_ROWS);
        int activationBlocks = ceilDiv(n, ACTIVATION_BLOCK_ROWS);
        pool.run(weightBlocks * activationBlocks, (task, scratch) -> {
            int firstWeightRow = (task % weightBlocks) * WEIGHT_BLOCK_ROWS;
            int firstActivationRow = (task / weightBlocks) * ACTIVATION_BLOCK_ROWS;
            block(out, outOffset, x, xOffset, weight, bias, firstWeightRow, Math.min(m, firstWeightRow + WEIGHT_BLOCK_ROWS),
                    firstActivationRow, Math.min(n, firstActivationRow + ACTIVATION_BLOCK_ROWS), scratch);
        });
    }

    private static void block(float[] out, int outOffset, float[] x, int xOffset, StoredRows weight, float[] bias,
                              int weightFrom, int weightTo, int rowFrom, int rowTo, WorkerScratch scratch) {
        int k = weight.cols();
        int m = weight.rows();
        long rowBytes = (long) k * Float.BYTES;
        for (int tileStart = weightFrom; tileStart < weightTo; tileStart += TILE_ROWS) {
            int tileRows = Math.min(TILE_ROWS, weightTo - tileStart);
            MemorySegment tile;
            long tileBase;
            if (weight.dtype() == DType.F32) {
                tile = weight.data();
                tileBase = tileStart * rowBytes;
            } else {
                int elements = tileRows * k;
                weight.readFloats((long) tileStart * k, elements, scratch.weightTile(elements), 0);
                tile = scratch.weightTileSegment();
                tileBase = 0;
            }
            for (int r = rowFrom; r < rowTo; r += MICRO_ACTIVATION_ROWS) {
                int rows = Math.min(MICRO_ACTIVATION_ROWS, rowTo - r);
                int xRow = xOffset + r * k;
                int outRow = outOffset + r * m;
                for (int o = 0; o < tileRows; o += MICRO_WEIGHT_ROWS) {
                    int outputs = Math.min(MICRO_WEIGHT_ROWS, tileRows - o);
                    long w = tileBase + o * rowBytes;
                    int column = tileStart + o;
                    if (outputs == MICRO_WEIGHT_ROWS && rows == MICRO_ACTIVATION_ROWS) {
                        dot4x3(tile, w, rowBytes, x, xRow, k, out, outRow + column, m, bias, column);
                    } else {
                        for (int i = 0; i < rows; i++) {
                            if (outputs == MICRO_WEIGHT_ROWS) {
                                dot4x1(tile, w, rowBytes, x, xRow + i * k, k, out, outRow + i * m + column, bias, column);
                            } else {
                                for (int j = 0; j < outputs; j++) {
                                    out[outRow + i * m + column + j] = dot1x1(tile, w + j * rowBytes, x, xRow + i * k, k,
                                            bias, column + j);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * Rows per GEMV task: at most {@value #GEMV_TASK_ROWS}, whole tiles, and a task count that is a multiple of
     * the thread count, so a 1536-row projection on 2 threads is 768 + 768 rows rather than 1024 + 512 (the
     * decoder's projections would otherwise wait on the longer part).
     */
    static int gemvTaskRows(int rows, int threads) {
        int tasks = threads;
        while (ceilDiv(rows, tasks) > GEMV_TASK_ROWS) {
            tasks += threads;
        }
        return ceilDiv(ceilDiv(rows, tasks), GEMV_TILE_ROWS) * GEMV_TILE_ROWS;
    }

    /**
     * Few activation rows against 16-bit weights: each group of 4 weight rows is widened into a small tile and
     * used at once by every activation row, so the weight makes one trip from memory. The
     * arithmetic is that of {@link #block}'s micro-kernels, operation for operation, so results are identical to it.
     * <p>
     * The task's rows are read as two streams, its first and second half, a tile of each widened in the same loop
     * ({@link StoredRows#readFloatPairs}): one stream leaves the core waiting on memory latency, two keep twice
     * as many reads in flight. Which rows go together changes no output's arithmetic.
     */
    private static void gemv(float[] out, int outOffset, float[] x, int xOffset, int n, StoredRows weight, float[] bias,
                             int weightFrom, int weightTo, WorkerScratch scratch) {
        int k = weight.cols();
        int tileElements = GEMV_TILE_ROWS * k;
        float[] tile = scratch.weightTile(tileElements);
        float[] pairedTile = scratch.pairedWeightTile(tileElements);
        int fullTiles = (weightTo - weightFrom) / GEMV_TILE_ROWS;
        int pairs = fullTiles / 2;
        int secondStream = weightFrom + (fullTiles - pairs) * GEMV_TILE_ROWS;
        for (int p = 0; p < pairs; p++) {
            int first = weightFrom + p * GEMV_TILE_ROWS;
            int paired = secondStream + p * GEMV_TILE_ROWS;
            weight.readFloatPairs((long) first * k, (long) paired * k, tileElements, tile, pairedTile);
            gemvTile(out, outOffset, x, xOffset, n, tile, GEMV_TILE_ROWS, k, weight.rows(), bias, first);
            gemvTile(out, outOffset, x, xOffset, n, pairedTile, GEMV_TILE_ROWS, k, weight.rows(), bias, paired);
        }
        // What the pairs left: the first stream's last tile when the full tiles are odd, then fewer rows than a tile.
        if (fullTiles % 2 == 1) {
            int oddTile = secondStream - GEMV_TILE_ROWS;
            weight.readFloats((long) oddTile * k, tileElements, tile, 0);
            gemvTile(out, outOffset, x, xOffset, n, tile, GEMV_TILE_ROWS, k, weight.rows(), bias, oddTile);
        }
        int tail = weightFrom + fullTiles * GEMV_TILE_ROWS;
        if (tail < weightTo) {
            weight.readFloats((long) tail * k, (weightTo - tail) * k, tile, 0);
            gemvTile(out, outOffset, x, xOffset, n, tile, weightTo - tail, k, weight.rows(), bias, tail);
        }
    }

    /** Every activation row against one widened tile of {@code tileRows} weight rows starting at {@code tileStart}. */
    private static void gemvTile(float[] out, int outOffset, float[] x, int xOffset, int n, float[] tile, int tileRows,
                                 int k, int m, float[] bias, int tileStart) {
        for (int i = 0; i < n; i++) {
            int xRow = xOffset + i * k;
            int outRow = outOffset + i * m + tileStart;
            if (tileRows == GEMV_TILE_ROWS) {
                dot4x1(tile, x, xRow, k, out, outRow, bias, tileStart);
            } else {
                for (int j = 0; j < tileRows; j++) {
                    out[outRow + j] = dot1x1(tile, j * k, x, xRow, k, bias, tileStart + j);
                }
            }
        }
    }

    /**
     * {@link #dot4x1(MemorySegment, long, long, float[], int, int, float[], int, float[], int)} on a widened
     * tile, read from its array rather than through the tile's segment view: 3–10% faster on the vocabulary GEMV
     * (JMH, 1 and 5 rows), which is worth the second copy of these three small kernels.
     */
    private static void dot4x1(float[] w, float[] x, int x0, int k, float[] out, int out0, float[] bias, int column) {
        int w1 = k;
        int w2 = 2 * k;
        int w3 = 3 * k;
        FloatVector a0 = FloatVector.zero(SPECIES);
        FloatVector a1 = a0, a2 = a0, a3 = a0;
        int vectorEnd = SPECIES.loopBound(k);
        for (int i = 0; i < vectorEnd; i += LANES) {
            FloatVector r = FloatVector.fromArray(SPECIES, x, x0 + i);
            a0 = FloatVector.fromArray(SPECIES, w, i).fma(r, a0);
            a1 = FloatVector.fromArray(SPECIES, w, w1 + i).fma(r, a1);
            a2 = FloatVector.fromArray(SPECIES, w, w2 + i).fma(r, a2);
            a3 = FloatVector.fromArray(SPECIES, w, w3 + i).fma(r, a3);
        }
        if (LANES == 16) {
            FloatVector sums = sumLanes4(a0, a1, a2, a3);
            complete4(sums.lane(0), sums.lane(8), sums.lane(4), sums.lane(12), w, k, x, x0, vectorEnd, out, out0, bias, column);
        } else {
            complete4(sumLanes(a0), sumLanes(a1), sumLanes(a2), sumLanes(a3), w, k, x, x0, vectorEnd, out, out0, bias, column);
        }
    }

    /** Completes four outputs from their lane sums, on a widened tile whose rows are {@code k} apart. */
    private static void complete4(float s0, float s1, float s2, float s3, float[] w, int k, float[] x, int x0,
                                  int vectorEnd, float[] out, int out0, float[] bias, int column) {
        out[out0] = complete(s0, w, 0, x, x0, vectorEnd, k, bias, column);
        out[out0 + 1] = complete(s1, w, k, x, x0, vectorEnd, k, bias, column + 1);
        out[out0 + 2] = complete(s2, w, 2 * k, x, x0, vectorEnd, k, bias, column + 2);
        out[out0 + 3] = complete(s3, w, 3 * k, x, x0, vectorEnd, k, bias, column + 3);
    }

    private static float dot1x1(float[] w, int w0, float[] x, int x0, int k, float[] bias, int column) {
        FloatVector a = FloatVector.zero(SPECIES);
        int vectorEnd = SPECIES.loopBound(k);
        for (int i = 0; i < vectorEnd; i += LANES) {
            a = FloatVector.fromArray(SPECIES, w, w0 + i).fma(FloatVector.fromArray(SPECIES, x, x0 + i), a);
        }
        return complete(sumLanes(a), w, w0, x, x0, vectorEnd, k, bias, column);
    }

    /**
     * A dot product whose vector part is summed (lanes by {@link #sumLanes}'s fixed tree): the scalar tail in
     * ascending order, then the bias; the same for every kernel.
     */
    private static float complete(float sum, float[] w, int w0, float[] x, int x0, int vectorEnd, int k, float[] bias,
                                  int column) {
        for (int i = vectorEnd; i < k; i++) {
            sum = Math.fma(w[w0 + i], x[x0 + i], sum);
        }
        return bias == null ? sum : sum + bias[column];
    }

    /** out[r][c + j] for 4 weight rows j and 3 activation rows r (row stride {@code outStride}). */
    private static void dot4x3(MemorySegment w, long w0, long wStride, float[] x, int x0, int k, float[] out, int out0,
                               int outStride, float[] bias, int column) {
        long w1 = w0 + wStride;
        long w2 = w1 + wStride;
        long w3 = w2 + wStride;
        int x1 = x0 + k;
        int x2 = x1 + k;
        FloatVector a00 = FloatVector.zero(SPECIES);
        FloatVector a01 = a00, a02 = a00, a03 = a00;
        FloatVector a10 = a00, a11 = a00, a12 = a00, a13 = a00;
        FloatVector a20 = a00, a21 = a00, a22 = a00, a23 = a00;
        int vectorEnd = SPECIES.loopBound(k);
        for (int i = 0; i < vectorEnd; i += LANES) {
            long byteOffset = (long) i * Float.BYTES;
            FloatVector v0 = FloatVector.fromMemorySegment(SPECIES, w, w0 + byteOffset, LE);
            FloatVector v1 = FloatVector.fromMemorySegment(SPECIES, w, w1 + byteOffset, LE);
            FloatVector v2 = FloatVector.fromMemorySegment(SPECIES, w, w2 + byteOffset, LE);
            FloatVector v3 = FloatVector.fromMemorySegment(SPECIES, w, w3 + byteOffset, LE);
            FloatVector r0 = FloatVector.fromArray(SPECIES, x, x0 + i);
            a00 = v0.fma(r0, a00);
            a01 = v1.fma(r0, a01);
            a02 = v2.fma(r0, a02);
            a03 = v3.fma(r0, a03);
            FloatVector r1 = FloatVector.fromArray(SPECIES, x, x1 + i);
            a10 = v0.fma(r1, a10);
            a11 = v1.fma(r1, a11);
            a12 = v2.fma(r1, a12);
            a13 = v3.fma(r1, a13);
            FloatVector r2 = FloatVector.fromArray(SPECIES, x, x2 + i);
            a20 = v0.fma(r2, a20);
            a21 = v1.fma(r2, a21);
            a22 = v2.fma(r2, a22);
            a23 = v3.fma(r2, a23);
        }
        int o0 = out0;
        int o1 = out0 + outStride;
        int o2 = o1 + outStride;
        if (LANES == 16) {
            FloatVector sums = sumLanes4(a00, a01, a02, a03);
            complete4(sums.lane(0), sums.lane(8), sums.lane(4), sums.lane(12), w, w0, wStride, x, x0, vectorEnd, k, out, o0, bias, column);
        } else {
            complete4(sumLanes(a00), sumLanes(a01), sumLanes(a02), sumLanes(a03), w, w0, wStride, x, x0, vectorEnd, k, out, o0, bias, column);
        }
        if (LANES == 16) {
            FloatVector sums = sumLanes4(a10, a11, a12, a13);
            complete4(sums.lane(0), sums.lane(8), sums.lane(4), sums.lane(12), w, w0, wStride, x, x1, vectorEnd, k, out, o1, bias, column);
        } else {
            complete4(sumLanes(a10), sumLanes(a11), sumLanes(a12), sumLanes(a13), w, w0, wStride, x, x1, vectorEnd, k, out, o1, bias, column);
        }
        if (LANES == 16) {
            FloatVector sums = sumLanes4(a20, a21, a22, a23);
            complete4(sums.lane(0), sums.lane(8), sums.lane(4), sums.lane(12), w, w0, wStride, x, x2, vectorEnd, k, out, o2, bias, column);
        } else {
            complete4(sumLanes(a20), sumLanes(a21), sumLanes(a22), sumLanes(a23), w, w0, wStride, x, x2, vectorEnd, k, out, o2, bias, column);
        }
    }

    /** out[c + j] for 4 weight rows j and one activation row: the GEMV case of the decoder. */
    private static void dot4x1(MemorySegment w, long w0, long wStride, float[] x, int x0, int k, float[] out, int out0,
                               float[] bias, int column) {
        long w1 = w0 + wStride;
        long w2 = w1 + wStride;
        long w3 = w2 + wStride;
        FloatVector a0 = FloatVector.zero(SPECIES);
        FloatVector a1 = a0, a2 = a0, a3 = a0;
        int vectorEnd = SPECIES.loopBound(k);
        for (int i = 0; i < vectorEnd; i += LANES) {
            long byteOffset = (long) i * Float.BYTES;
            FloatVector r = FloatVector.fromArray(SPECIES, x, x0 + i);
            a0 = FloatVector.fromMemorySegment(SPECIES, w, w0 + byteOffset, LE).fma(r, a0);
            a1 = FloatVector.fromMemorySegment(SPECIES, w, w1 + byteOffset, LE).fma(r, a1);
            a2 = FloatVector.fromMemorySegment(SPECIES, w, w2 + byteOffset, LE).fma(r, a2);
            a3 = FloatVector.fromMemorySegment(SPECIES, w, w3 + byteOffset, LE).fma(r, a3);
        }
        if (LANES == 16) {
            FloatVector sums = sumLanes4(a0, a1, a2, a3);
            complete4(sums.lane(0), sums.lane(8), sums.lane(4), sums.lane(12), w, w0, wStride, x, x0, vectorEnd, k, out, out0, bias, column);
        } else {
            complete4(sumLanes(a0), sumLanes(a1), sumLanes(a2), sumLanes(a3), w, w0, wStride, x, x0, vectorEnd, k, out, out0, bias, column);
        }
    }

    private static float dot1x1(MemorySegment w, long w0, float[] x, int x0, int k, float[] bias, int column) {
        FloatVector a = FloatVector.zero(SPECIES);
        int vectorEnd = SPECIES.loopBound(k);
        for (int i = 0; i < vectorEnd; i += LANES) {
            a = FloatVector.fromMemorySegment(SPECIES, w, w0 + (long) i * Float.BYTES, LE)
                    .fma(FloatVector.fromArray(SPECIES, x, x0 + i), a);
        }
        return complete(sumLanes(a), w, w0, x, x0, vectorEnd, k, bias, column);
    }

    /**
     * Completes four outputs from their lane sums: scalars only. The kernels reduce their accumulators themselves
     * (with {@link #sumLanes4}, small enough to be inlined): finish4, which took the four accumulator vectors and did
     * all of this, was compiled on its own into code too large for the JIT to inline afterwards (1 run in 6), and
     * every call then boxed its vectors, 19 MB a token.
     */
    private static void complete4(float s0, float s1, float s2, float s3, MemorySegment w, long w0, long wStride,
                                  float[] x, int x0, int vectorEnd, int k, float[] out, int out0, float[] bias,
                                  int column) {
        out[out0] = complete(s0, w, w0, x, x0, vectorEnd, k, bias, column);
        out[out0 + 1] = complete(s1, w, w0 + wStride, x, x0, vectorEnd, k, bias, column + 1);
        out[out0 + 2] = complete(s2, w, w0 + 2 * wStride, x, x0, vectorEnd, k, bias, column + 2);
        out[out0 + 3] = complete(s3, w, w0 + 3 * wStride, x, x0, vectorEnd, k, bias, column + 3);
    }

    /**
     * A dot product whose vector part is summed (lanes by {@link #sumLanes}'s fixed tree): the scalar tail in
     * ascending order, then the bias; the same for every kernel.
     */
    private static float complete(float sum, MemorySegment w, long w0, float[] x, int x0, int vectorEnd, int k,
                                  float[] bias, int column) {
        for (int i = vectorEnd; i < k; i++) {
            sum = Math.fma(w.get(StoredRows.F32_LE, w0 + (long) i * Float.BYTES), x[x0 + i], sum);
        }
        return bias == null ? sum : sum + bias[column];
    }

    /**
     * The lanes of {@code v} added as a fixed tree: lane i + lane i⊕8, then ⊕4, ⊕2, ⊕1 (for 16 lanes). Not
     * {@code reduceLanes(ADD)}: its order is unspecified and may differ between the interpreter and compiled code,
     * which would make results depend on warm-up; every step here is a lane-wise IEEE add, the same everywhere.
     * Not a store and a serial scalar loop either (the former form): that is a 15-add dependency chain per output,
     * which dominated the decoder's logits GEMV (52k outputs) and its cross-attention scores (1500 per head).
     */
    static float sumLanes(FloatVector v) {
        if (LANES > 8) {
            v = v.add(v.rearrange(XOR_8));
        }
        if (LANES > 4) {
            v = v.add(v.rearrange(XOR_4));
        }
        if (LANES > 2) {
            v = v.add(v.rearrange(XOR_2));
        }
        if (LANES > 1) {
            v = v.add(v.rearrange(XOR_1));
        }
        return v.lane(0);
    }

    /**
     * {@link #sumLanes} of four vectors at once, bit for bit: the sums of a, b, c, d in lanes 0, 8, 4, 12. After
     * the tree's first step a vector's lanes i and i⊕8 hold the same value (addition commutes), so b's step
     * can ride in a's upper half; after the second step the same holds for i⊕4, so c and d ride in the odd
     * quarters. Every lane then sees exactly the adds of its own tree, in 19 shuffles, adds and blends instead of
     * four trees' 32: the reductions were a third of a 512-column GEMV's instructions.
     */
    static FloatVector sumLanes4(FloatVector a, FloatVector b, FloatVector c, FloatVector d) {
        FloatVector ab = a.add(a.rearrange(XOR_8)).blend(b.add(b.rearrange(XOR_8)), UPPER_HALF);
        FloatVector cd = c.add(c.rearrange(XOR_8)).blend(d.add(d.rearrange(XOR_8)), UPPER_HALF);
        ab = ab.add(ab.rearrange(XOR_4));
        cd = cd.add(cd.rearrange(XOR_4));
        FloatVector all = ab.blend(cd, ODD_QUARTERS);
        all = all.add(all.rearrange(XOR_2));
        return all.add(all.rearrange(XOR_1));
    }

    private static VectorShuffle<Float> xorShuffle(int distance) {
        return distance < LANES ? VectorShuffle.fromOp(SPECIES, i -> i ^ distance) : null;
    }

    static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
