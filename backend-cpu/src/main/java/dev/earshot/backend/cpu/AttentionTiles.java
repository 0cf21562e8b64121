package dev.earshot.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;

/**
 * The register-blocked inner loops of attention over many queries (the encoder, long prompts): 6 queries × 4
 * vectors in 24 accumulators (of AVX-512's 32 registers), as in {@link PanelGemm}. At each step 4 vectors are
 * loaded and 6 scalars broadcast for 24 fused multiply-adds; the 3 × 2 blocks they replace did 6 per 5 loads and
 * left attention at a sixth of the encoder GEMM's speed.
 *
 * <p>Each output is the same chain of operations as in {@link AttentionKernel}'s one-query loops, so the block
 * shape changes no result.
 */
final class AttentionTiles {

    static final VectorSpecies<Float> SPECIES = LinearKernel.SPECIES;
    static final int LANES = LinearKernel.LANES;
    /** Queries per tile. */
    static final int QUERIES = 6;
    /** Keys per score tile, and value columns per value tile. */
    static final int WIDTH = 4 * LANES;

    private AttentionTiles() {
    }

    /**
     * Scores of 6 queries against a tile of 4 vectors of keys: rows[rowsAt + i·rowStride …] =
     * scale·(Σ_c q_i[c]·keys[c][…]), the sum a chain of fused multiply-adds in ascending c from zero.
     *
     * <p>The tile's rows are {@link #WIDTH} apart, a constant rather than a parameter: the JIT removes a segment
     * load's bounds check from the loop only when the index steps by a constant, and with a variable stride each
     * step paid four compare-and-branches (and a multiply) for its 24 fused multiply-adds.
     *
     * @param keys   transposed keys, the tile's element [c][jj] at {@code keysAt + c·WIDTH + jj}
     * @param q      query i's element c at {@code q0 + i·qStride + c}
     * @param rowsAt where query 0's score against the tile's first key goes
     */
    static void scores6(MemorySegment keys, long keysAt, float[] q, int q0, int qStride, int depth,
                        float scale, float[] rows, int rowsAt, int rowStride) {
        int q1 = q0 + qStride;
        int q2 = q1 + qStride;
        int q3 = q2 + qStride;
        int q4 = q3 + qStride;
        int q5 = q4 + qStride;
        FloatVector a00, a01, a02, a03, a10, a11, a12, a13, a20, a21, a22, a23, a30, a31, a32, a33, a40, a41, a42, a43, a50, a51, a52, a53;
        a00 = a01 = a02 = a03 = a10 = a11 = a12 = a13 = a20 = a21 = a22 = a23 = a30 = a31 = a32 = a33 = a40 = a41 = a42 = a43 = a50 = a51 = a52 = a53 = FloatVector.zero(SPECIES);
        for (int c = 0; c < depth; c++) {
            long at = keysAt + (long) c * WIDTH; // long arithmetic and a constant step: no bounds check in the loop
            FloatVector k0 = AlignedFloats.load(keys, at + 0 * LANES);
            FloatVector k1 = AlignedFloats.load(keys, at + 1 * LANES);
            FloatVector k2 = AlignedFloats.load(keys, at + 2 * LANES);
            FloatVector k3 = AlignedFloats.load(keys, at + 3 * LANES);
            FloatVector b0 = FloatVector.broadcast(SPECIES, q[q0 + c]);
            a00 = k0.fma(b0, a00);
            a01 = k1.fma(b0, a01);
            a02 = k2.fma(b0, a02);
            a03 = k3.fma(b0, a03);
            FloatVector b1 = FloatVector.broadcast(SPECIES, q[q1 + c]);
            a10 = k0.fma(b1, a10);
            a11 = k1.fma(b1, a11);
            a12 = k2.fma(b1, a12);
            a13 = k3.fma(b1, a13);
            FloatVector b2 = FloatVector.broadcast(SPECIES, q[q2 + c]);
            a20 = k0.fma(b2, a20);
            a21 = k1.fma(b2, a21);
            a22 = k2.fma(b2, a22);
            a23 = k3.fma(b2, a23);
            FloatVector b3 = FloatVector.broadcast(SPECIES, q[q3 + c]);
            a30 = k0.fma(b3, a30);
            a31 = k1.fma(b3, a31);
            a32 = k2.fma(b3, a32);
            a33 = k3.fma(b3, a33);
            FloatVector b4 = FloatVector.broadcast(SPECIES, q[q4 + c]);
            a40 = k0.fma(b4, a40);
            a41 = k1.fma(b4, a41);
            a42 = k2.fma(b4, a42);
            a43 = k3.fma(b4, a43);
            FloatVector b5 = FloatVector.broadcast(SPECIES, q[q5 + c]);
            a50 = k0.fma(b5, a50);
            a51 = k1.fma(b5, a51);
            a52 = k2.fma(b5, a52);
            a53 = k3.fma(b5, a53);
        }
        a00.mul(scale).intoArray(rows, rowsAt + 0 * rowStride + 0 * LANES);
        a01.mul(scale).intoArray(rows, rowsAt + 0 * rowStride + 1 * LANES);
        a02.mul(scale).intoArray(rows, rowsAt + 0 * rowStride + 2 * LANES);
        a03.mul(scale).intoArray(rows, rowsAt + 0 * rowStride + 3 * LANES);
        a10.mul(scale).intoArray(rows, rowsAt + 1 * rowStride + 0 * LANES);
        a11.mul(scale).intoArray(rows, rowsAt + 1 * rowStride + 1 * LANES);
        a12.mul(scale).intoArray(rows, rowsAt + 1 * rowStride + 2 * LANES);
        a13.mul(scale).intoArray(rows, rowsAt + 1 * rowStride + 3 * LANES);
        a20.mul(scale).intoArray(rows, rowsAt + 2 * rowStride + 0 * LANES);
        a21.mul(scale).intoArray(rows, rowsAt + 2 * rowStride + 1 * LANES);
        a22.mul(scale).intoArray(rows, rowsAt + 2 * rowStride + 2 * LANES);
        a23.mul(scale).intoArray(rows, rowsAt + 2 * rowStride + 3 * LANES);
        a30.mul(scale).intoArray(rows, rowsAt + 3 * rowStride + 0 * LANES);
        a31.mul(scale).intoArray(rows, rowsAt + 3 * rowStride + 1 * LANES);
        a32.mul(scale).intoArray(rows, rowsAt + 3 * rowStride + 2 * LANES);
        a33.mul(scale).intoArray(rows, rowsAt + 3 * rowStride + 3 * LANES);
        a40.mul(scale).intoArray(rows, rowsAt + 4 * rowStride + 0 * LANES);
        a41.mul(scale).intoArray(rows, rowsAt + 4 * rowStride + 1 * LANES);
        a42.mul(scale).intoArray(rows, rowsAt + 4 * rowStride + 2 * LANES);
        a43.mul(scale).intoArray(rows, rowsAt + 4 * rowStride + 3 * LANES);
        a50.mul(scale).intoArray(rows, rowsAt + 5 * rowStride + 0 * LANES);
        a51.mul(scale).intoArray(rows, rowsAt + 5 * rowStride + 1 * LANES);
        a52.mul(scale).intoArray(rows, rowsAt + 5 * rowStride + 2 * LANES);
        a53.mul(scale).intoArray(rows, rowsAt + 5 * rowStride + 3 * LANES);
    }

    /**
     * Probability-weighted values of 6 queries over 4 vectors of columns, keys {@code firstKey … lastKey}:
     * out_i[…] (+)= Σ_j p_i[j]·v[j][…], each a chain of fused multiply-adds in ascending j that starts from zero
     * ({@code accumulate} false) or from what {@code out} holds (the chain so far, from the keys before
     * {@code firstKey}: a float stored and reloaded is unchanged, so the chain is the same as in one call).
     * Probabilities past a query's own last key must be 0.
     *
     * <p>Value rows are {@link #WIDTH} apart (a tile of the packed values), for the reason given at {@link #scores6}.
     *
     * @param values value row j's first column at {@code v0 + j·WIDTH}
     * @param rows   query i's probability j at {@code r0 + i·rowStride + j}
     * @param out    query i's first column at {@code o0 + i·oStride}
     */
    static void values6(MemorySegment values, long v0, int firstKey, int lastKey, float[] rows, int r0,
                        int rowStride, float[] out, int o0, int oStride, boolean accumulate) {
        int r1 = r0 + rowStride;
        int r2 = r1 + rowStride;
        int r3 = r2 + rowStride;
        int r4 = r3 + rowStride;
        int r5 = r4 + rowStride;
        FloatVector a00, a01, a02, a03, a10, a11, a12, a13, a20, a21, a22, a23, a30, a31, a32, a33, a40, a41, a42, a43, a50, a51, a52, a53;
        if (accumulate) {
            a00 = FloatVector.fromArray(SPECIES, out, o0 + 0 * oStride + 0 * LANES);
            a01 = FloatVector.fromArray(SPECIES, out, o0 + 0 * oStride + 1 * LANES);
            a02 = FloatVector.fromArray(SPECIES, out, o0 + 0 * oStride + 2 * LANES);
            a03 = FloatVector.fromArray(SPECIES, out, o0 + 0 * oStride + 3 * LANES);
            a10 = FloatVector.fromArray(SPECIES, out, o0 + 1 * oStride + 0 * LANES);
            a11 = FloatVector.fromArray(SPECIES, out, o0 + 1 * oStride + 1 * LANES);
            a12 = FloatVector.fromArray(SPECIES, out, o0 + 1 * oStride + 2 * LANES);
            a13 = FloatVector.fromArray(SPECIES, out, o0 + 1 * oStride + 3 * LANES);
            a20 = FloatVector.fromArray(SPECIES, out, o0 + 2 * oStride + 0 * LANES);
            a21 = FloatVector.fromArray(SPECIES, out, o0 + 2 * oStride + 1 * LANES);
            a22 = FloatVector.fromArray(SPECIES, out, o0 + 2 * oStride + 2 * LANES);
            a23 = FloatVector.fromArray(SPECIES, out, o0 + 2 * oStride + 3 * LANES);
            a30 = FloatVector.fromArray(SPECIES, out, o0 + 3 * oStride + 0 * LANES);
            a31 = FloatVector.fromArray(SPECIES, out, o0 + 3 * oStride + 1 * LANES);
            a32 = FloatVector.fromArray(SPECIES, out, o0 + 3 * oStride + 2 * LANES);
            a33 = FloatVector.fromArray(SPECIES, out, o0 + 3 * oStride + 3 * LANES);
            a40 = FloatVector.fromArray(SPECIES, out, o0 + 4 * oStride + 0 * LANES);
            a41 = FloatVector.fromArray(SPECIES, out, o0 + 4 * oStride + 1 * LANES);
            a42 = FloatVector.fromArray(SPECIES, out, o0 + 4 * oStride + 2 * LANES);
            a43 = FloatVector.fromArray(SPECIES, out, o0 + 4 * oStride + 3 * LANES);
            a50 = FloatVector.fromArray(SPECIES, out, o0 + 5 * oStride + 0 * LANES);
            a51 = FloatVector.fromArray(SPECIES, out, o0 + 5 * oStride + 1 * LANES);
            a52 = FloatVector.fromArray(SPECIES, out, o0 + 5 * oStride + 2 * LANES);
            a53 = FloatVector.fromArray(SPECIES, out, o0 + 5 * oStride + 3 * LANES);
        } else {
            a00 = a01 = a02 = a03 = a10 = a11 = a12 = a13 = a20 = a21 = a22 = a23 = a30 = a31 = a32 = a33 = a40 = a41 = a42 = a43 = a50 = a51 = a52 = a53 = FloatVector.zero(SPECIES);
        }
        for (int j = firstKey; j <= lastKey; j++) {
            long at = v0 + (long) j * WIDTH;
            FloatVector x0 = AlignedFloats.load(values, at + 0 * LANES);
            FloatVector x1 = AlignedFloats.load(values, at + 1 * LANES);
            FloatVector x2 = AlignedFloats.load(values, at + 2 * LANES);
            FloatVector x3 = AlignedFloats.load(values, at + 3 * LANES);
            FloatVector p0 = FloatVector.broadcast(SPECIES, rows[r0 + j]);
            a00 = x0.fma(p0, a00);
            a01 = x1.fma(p0, a01);
            a02 = x2.fma(p0, a02);
            a03 = x3.fma(p0, a03);
            FloatVector p1 = FloatVector.broadcast(SPECIES, rows[r1 + j]);
            a10 = x0.fma(p1, a10);
            a11 = x1.fma(p1, a11);
            a12 = x2.fma(p1, a12);
            a13 = x3.fma(p1, a13);
            FloatVector p2 = FloatVector.broadcast(SPECIES, rows[r2 + j]);
            a20 = x0.fma(p2, a20);
            a21 = x1.fma(p2, a21);
            a22 = x2.fma(p2, a22);
            a23 = x3.fma(p2, a23);
            FloatVector p3 = FloatVector.broadcast(SPECIES, rows[r3 + j]);
            a30 = x0.fma(p3, a30);
            a31 = x1.fma(p3, a31);
            a32 = x2.fma(p3, a32);
            a33 = x3.fma(p3, a33);
            FloatVector p4 = FloatVector.broadcast(SPECIES, rows[r4 + j]);
            a40 = x0.fma(p4, a40);
            a41 = x1.fma(p4, a41);
            a42 = x2.fma(p4, a42);
            a43 = x3.fma(p4, a43);
            FloatVector p5 = FloatVector.broadcast(SPECIES, rows[r5 + j]);
            a50 = x0.fma(p5, a50);
            a51 = x1.fma(p5, a51);
            a52 = x2.fma(p5, a52);
            a53 = x3.fma(p5, a53);
        }
        a00.intoArray(out, o0 + 0 * oStride + 0 * LANES);
        a01.intoArray(out, o0 + 0 * oStride + 1 * LANES);
        a02.intoArray(out, o0 + 0 * oStride + 2 * LANES);
        a03.intoArray(out, o0 + 0 * oStride + 3 * LANES);
        a10.intoArray(out, o0 + 1 * oStride + 0 * LANES);
        a11.intoArray(out, o0 + 1 * oStride + 1 * LANES);
        a12.intoArray(out, o0 + 1 * oStride + 2 * LANES);
        a13.intoArray(out, o0 + 1 * oStride + 3 * LANES);
        a20.intoArray(out, o0 + 2 * oStride + 0 * LANES);
        a21.intoArray(out, o0 + 2 * oStride + 1 * LANES);
        a22.intoArray(out, o0 + 2 * oStride + 2 * LANES);
        a23.intoArray(out, o0 + 2 * oStride + 3 * LANES);
        a30.intoArray(out, o0 + 3 * oStride + 0 * LANES);
        a31.intoArray(out, o0 + 3 * oStride + 1 * LANES);
        a32.intoArray(out, o0 + 3 * oStride + 2 * LANES);
        a33.intoArray(out, o0 + 3 * oStride + 3 * LANES);
        a40.intoArray(out, o0 + 4 * oStride + 0 * LANES);
        a41.intoArray(out, o0 + 4 * oStride + 1 * LANES);
        a42.intoArray(out, o0 + 4 * oStride + 2 * LANES);
        a43.intoArray(out, o0 + 4 * oStride + 3 * LANES);
        a50.intoArray(out, o0 + 5 * oStride + 0 * LANES);
        a51.intoArray(out, o0 + 5 * oStride + 1 * LANES);
        a52.intoArray(out, o0 + 5 * oStride + 2 * LANES);
        a53.intoArray(out, o0 + 5 * oStride + 3 * LANES);
    }
}
