package dev.earshot.backend.tornado;

import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.math.TornadoMath;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;

/**
 * The backend's kernels: plain Java methods that TornadoVM compiles for the device (OpenCL C here). Each is an
 * explicit {@link KernelContext} kernel launched over a {@link uk.ac.manchester.tornado.api.GridScheduler} grid,
 * so the launch shape is ours, not inferred from loop bounds.
 *
 * <p>Sizes and offsets come in an {@link IntArray} ({@code dims}), not as scalar arguments: TornadoVM binds scalar
 * arguments when a task graph is built, while an array transferred every execution lets one compiled graph
 * serve every call with the same tensors (the decoder's growing KV-cache prefix changes sizes each step).
 * Global sizes are rounded up to whole work-groups, so every element kernel guards its index.
 *
 * <p>Reductions stay inside one work-group (one row per group, tree in local memory): reductions that combine
 * work-groups inside one kernel give wrong answers on PoCL.
 */
final class Kernels {

    /** Work-items per group of the one-row-per-group kernels; the local arrays are sized for it. */
    static final int ROW_LANES = 128;
    /** Work-items per group of the element kernels. */
    static final int ELEMENT_GROUP = 64;
    /** Side of linearTiled's square tiles; its work-groups are TILE² work-items. */
    static final int TILE = 16;
    /** Keys one attention row holds in local memory (8 KiB): Whisper attends over at most 1500 (the audio context). */
    static final int MAX_KEYS = 2048;

    /**
     * A dims slot the host leaves at 0. TornadoVM decides from a kernel's code whether it only writes an array, and
     * then allocates its device buffer without copying the host data in; outputs here are often row views (a KV
     * cache row, rows of a larger tensor), whose other rows must survive. A read guarded by this slot, which never
     * runs, makes every output read-write, so its current contents go to the device first.
     */
    static final int NEVER_SET = 11;

    private Kernels() {
    }

    /**
     * {@code out[r, o] = Σ_k x[r, k]·w[o, k] + b[o]}; one work-item per output element, the dot product in order.
     * dims: rows, in, out features, x offset, out offset, has bias, w offset, bias offset.
     */
    static void linear(KernelContext context, FloatArray x, FloatArray w, FloatArray bias, FloatArray out, IntArray dims) {
        if (dims.get(NEVER_SET) < 0) {
            out.set(0, out.get(0));
        }
        int gid = context.globalIdx;
        int rows = dims.get(0);
        int in = dims.get(1);
        int features = dims.get(2);
        if (gid < rows * features) {
            int r = gid / features;
            int o = gid - r * features;
            int xBase = dims.get(3) + r * in;
            int wBase = dims.get(6) + o * in;
            float acc = 0f;
            for (int k = 0; k < in; k++) {
                acc += x.get(xBase + k) * w.get(wBase + k);
            }
            if (dims.get(5) != 0) {
                acc += bias.get(dims.get(7) + o);
            }
            out.set(dims.get(4) + r * features + o, acc);
        }
    }

    /**
     * The same {@code out = x·Wᵀ + b} for many rows (the encoder): a work-group of TILE×TILE work-items computes a
     * TILE×TILE block of out, staging TILE×TILE tiles of x and W in local memory so each element read from global
     * memory serves TILE products. The dot product is summed in the same order as {@link #linear}. Groups are laid
     * out row-of-tiles-major over a 1-D grid. dims as {@link #linear}.
     */
    static void linearTiled(KernelContext context, FloatArray x, FloatArray w, FloatArray bias, FloatArray out, IntArray dims) {
        if (dims.get(NEVER_SET) < 0) {
            out.set(0, out.get(0));
        }
        float[] xTile = context.allocateFloatLocalArray(TILE * TILE);
        float[] wTile = context.allocateFloatLocalArray(TILE * TILE);
        int rows = dims.get(0);
        int in = dims.get(1);
        int features = dims.get(2);
        int xOffset = dims.get(3);
        int wOffset = dims.get(6);
        int tilesAcross = (features + TILE - 1) / TILE;
        int group = context.groupIdx;
        int tileRow = group / tilesAcross;
        int tileColumn = group - tileRow * tilesAcross;
        int lane = context.localIdx;
        int ly = lane / TILE;
        int lx = lane - ly * TILE;
        int r = tileRow * TILE + ly;
        int loadFeature = tileColumn * TILE + ly;
        float acc = 0f;
        for (int k0 = 0; k0 < in; k0 += TILE) {
            int k = k0 + lx;
            float xValue = 0f;
            if (r < rows && k < in) {
                xValue = x.get(xOffset + r * in + k);
            }
            xTile[ly * TILE + lx] = xValue;
            float wValue = 0f;
            if (loadFeature < features && k < in) {
                wValue = w.get(wOffset + loadFeature * in + k);
            }
            wTile[ly * TILE + lx] = wValue;
            context.localBarrier();
            for (int kk = 0; kk < TILE; kk++) {
                acc += xTile[ly * TILE + kk] * wTile[lx * TILE + kk];
            }
            context.localBarrier();
        }
        int o = tileColumn * TILE + lx;
        if (r < rows && o < features) {
            if (dims.get(5) != 0) {
                acc += bias.get(dims.get(7) + o);
            }
            out.set(dims.get(4) + r * features + o, acc);
        }
    }

    /**
     * Kernel-3, padding-1 convolution over time-major x [T_in × C_in] with weight [C_out × C_in·3].
     * dims: T_in, C_in, T_out, C_out, stride, x offset, out offset, has bias, w offset, bias offset.
     */
    static void conv1d(KernelContext context, FloatArray x, FloatArray w, FloatArray bias, FloatArray out, IntArray dims) {
        if (dims.get(NEVER_SET) < 0) {
            out.set(0, out.get(0));
        }
        int gid = context.globalIdx;
        int stepsIn = dims.get(0);
        int channelsIn = dims.get(1);
        int stepsOut = dims.get(2);
        int channelsOut = dims.get(3);
        if (gid < stepsOut * channelsOut) {
            int t = gid / channelsOut;
            int co = gid - t * channelsOut;
            int stride = dims.get(4);
            int xOffset = dims.get(5);
            int wBase = dims.get(8) + co * channelsIn * 3;
            float acc = 0f;
            for (int ci = 0; ci < channelsIn; ci++) {
                for (int k = 0; k < 3; k++) {
                    int ti = t * stride + k - 1;
                    if (ti >= 0 && ti < stepsIn) {
                        acc += w.get(wBase + ci * 3 + k) * x.get(xOffset + ti * channelsIn + ci);
                    }
                }
            }
            if (dims.get(7) != 0) {
                acc += bias.get(dims.get(9) + co);
            }
            out.set(dims.get(6) + t * channelsOut + co, acc);
        }
    }

    /** {@code x = x·Φ(x)} in place. dims: count, offset. */
    static void gelu(KernelContext context, FloatArray x, IntArray dims) {
        int gid = context.globalIdx;
        if (gid < dims.get(0)) {
            int i = dims.get(1) + gid;
            float v = x.get(i);
            x.set(i, v * normalCdf(v));
        }
    }

    /**
     * Φ(v) = ½·erfc(−v/√2), with erfc from Abramowitz and Stegun 7.1.26 (absolute error below 1.5e-7), written
     * for z ≥ 0 and mirrored, so the tail 1 − erf is never formed by cancellation. TornadoMath has no erf.
     */
    private static float normalCdf(float v) {
        float z = TornadoMath.abs(v) * 0.70710678f;
        float t = 1f / (1f + 0.3275911f * z);
        float poly = t * (0.254829592f + t * (-0.284496736f + t * (1.421413741f + t * (-1.453152027f + t * 1.061405429f))));
        float tail = 0.5f * poly * TornadoMath.exp(-z * z); // ½·erfc(z) = P(N > |v|)
        return v >= 0f ? 1f - tail : tail;
    }

    /**
     * Per row: {@code out = (x − mean)/√(var + eps)·γ + β}, population variance, two passes over the row.
     * One work-group of {@link #ROW_LANES} per row. dims: rows, d, x offset, out offset, γ offset, β offset;
     * eps in {@code epsilon[0]}.
     */
    static void layerNorm(KernelContext context, FloatArray x, FloatArray gamma, FloatArray beta, FloatArray out,
                          IntArray dims, FloatArray epsilon) {
        if (dims.get(NEVER_SET) < 0) {
            out.set(0, out.get(0));
        }
        float[] partial = context.allocateFloatLocalArray(ROW_LANES);
        int row = context.groupIdx;
        int lane = context.localIdx;
        int d = dims.get(1);
        int xBase = dims.get(2) + row * d;
        int outBase = dims.get(3) + row * d;

        float sum = 0f;
        for (int i = lane; i < d; i += ROW_LANES) {
            sum += x.get(xBase + i);
        }
        partial[lane] = sum;
        context.localBarrier();
        for (int half = ROW_LANES / 2; half > 0; half /= 2) {
            if (lane < half) {
                partial[lane] += partial[lane + half];
            }
            context.localBarrier();
        }
        float mean = partial[0] / d;
        context.localBarrier();

        float squares = 0f;
        for (int i = lane; i < d; i += ROW_LANES) {
            float centred = x.get(xBase + i) - mean;
            squares += centred * centred;
        }
        partial[lane] = squares;
        context.localBarrier();
        for (int half = ROW_LANES / 2; half > 0; half /= 2) {
            if (lane < half) {
                partial[lane] += partial[lane + half];
            }
            context.localBarrier();
        }
        float inverse = 1f / TornadoMath.sqrt(partial[0] / d + epsilon.get(0));
        int gammaBase = dims.get(4);
        int betaBase = dims.get(5);
        for (int i = lane; i < d; i += ROW_LANES) {
            out.set(outBase + i, (x.get(xBase + i) - mean) * inverse * gamma.get(gammaBase + i) + beta.get(betaBase + i));
        }
    }

    /** {@code out = x − log Σ exp x} per row; one work-group per row. dims: rows, cols, x offset, out offset. */
    static void logSoftmax(KernelContext context, FloatArray x, FloatArray out, IntArray dims) {
        if (dims.get(NEVER_SET) < 0) {
            out.set(0, out.get(0));
        }
        float[] partial = context.allocateFloatLocalArray(ROW_LANES);
        int row = context.groupIdx;
        int lane = context.localIdx;
        int cols = dims.get(1);
        int xBase = dims.get(2) + row * cols;
        int outBase = dims.get(3) + row * cols;

        float largest = Float.NEGATIVE_INFINITY;
        for (int i = lane; i < cols; i += ROW_LANES) {
            largest = TornadoMath.max(largest, x.get(xBase + i));
        }
        partial[lane] = largest;
        context.localBarrier();
        for (int half = ROW_LANES / 2; half > 0; half /= 2) {
            if (lane < half) {
                partial[lane] = TornadoMath.max(partial[lane], partial[lane + half]);
            }
            context.localBarrier();
        }
        float max = partial[0];
        context.localBarrier();

        float sum = 0f;
        for (int i = lane; i < cols; i += ROW_LANES) {
            sum += TornadoMath.exp(x.get(xBase + i) - max);
        }
        partial[lane] = sum;
        context.localBarrier();
        for (int half = ROW_LANES / 2; half > 0; half /= 2) {
            if (lane < half) {
                partial[lane] += partial[lane + half];
            }
            context.localBarrier();
        }
        float logSum = max + TornadoMath.log(partial[0]);
        for (int i = lane; i < cols; i += ROW_LANES) {
            out.set(outBase + i, x.get(xBase + i) - logSum);
        }
    }

    /** {@code out = a + b}. dims: count, a offset, b offset, out offset. */
    static void add(KernelContext context, FloatArray a, FloatArray b, FloatArray out, IntArray dims) {
        if (dims.get(NEVER_SET) < 0) {
            out.set(0, out.get(0));
        }
        int gid = context.globalIdx;
        if (gid < dims.get(0)) {
            out.set(dims.get(3) + gid, a.get(dims.get(1) + gid) + b.get(dims.get(2) + gid));
        }
    }

    /**
     * Fused attention, one work-group per (head, query): the row's scores go to local memory (pre-softmax copy to
     * {@code scores} when asked), the softmax is reduced inside the group, and the lanes then weight the values, so no
     * [heads·T_q × T_k] matrix is ever written to global memory unless the caller wants it.
     * Scale headDim^−½ is openai's headDim^−¼ applied to q and to k, applied once. Causal: query i sees keys
     * j ≤ i + T_k − T_q, hidden ones hold −∞.
     * dims: heads, T_q, T_k, d, q offset, k offset, causal, v offset, out offset, keep scores, scores offset;
     * scale in {@code scale[0]}.
     */
    static void attention(KernelContext context, FloatArray q, FloatArray k, FloatArray v, FloatArray out, FloatArray scores,
                          IntArray dims, FloatArray scale) {
        if (dims.get(NEVER_SET) < 0) {
            out.set(0, out.get(0));
            scores.set(0, scores.get(0));
        }
        float[] weights = context.allocateFloatLocalArray(MAX_KEYS);
        float[] partial = context.allocateFloatLocalArray(ROW_LANES);
        int group = context.groupIdx;
        int lane = context.localIdx;
        int heads = dims.get(0);
        int queries = dims.get(1);
        int keys = dims.get(2);
        int d = dims.get(3);
        int headDim = d / heads;
        int h = group / queries;
        int i = group - h * queries;
        // Straight-line masking on purpose: TornadoVM 5.2 emitted a wrong merge for a masked branch joined with ||.
        int lastVisible = keys - 1;
        if (dims.get(6) != 0) {
            lastVisible = i + keys - queries;
        }
        int qBase = dims.get(4) + i * d + h * headDim;
        float factor = scale.get(0);
        float largest = Float.NEGATIVE_INFINITY;
        for (int j = lane; j < keys; j += ROW_LANES) {
            int kBase = dims.get(5) + j * d + h * headDim;
            float dot = 0f;
            for (int c = 0; c < headDim; c++) {
                dot += q.get(qBase + c) * k.get(kBase + c);
            }
            float value = dot * factor;
            if (j > lastVisible) {
                value = Float.NEGATIVE_INFINITY;
            }
            weights[j] = value;
            largest = TornadoMath.max(largest, value);
        }
        if (dims.get(9) != 0) {
            int scoresBase = dims.get(10) + group * keys;
            for (int j = lane; j < keys; j += ROW_LANES) {
                scores.set(scoresBase + j, weights[j]);
            }
        }
        partial[lane] = largest;
        context.localBarrier();
        for (int half = ROW_LANES / 2; half > 0; half /= 2) {
            if (lane < half) {
                partial[lane] = TornadoMath.max(partial[lane], partial[lane + half]);
            }
            context.localBarrier();
        }
        float max = partial[0];
        context.localBarrier();

        float sum = 0f;
        for (int j = lane; j < keys; j += ROW_LANES) {
            float e = TornadoMath.exp(weights[j] - max);
            weights[j] = e;
            sum += e;
        }
        partial[lane] = sum;
        context.localBarrier();
        for (int half = ROW_LANES / 2; half > 0; half /= 2) {
            if (lane < half) {
                partial[lane] += partial[lane + half];
            }
            context.localBarrier();
        }
        float inverse = 1f / partial[0];
        int vBase = dims.get(7) + h * headDim;
        int outBase = dims.get(8) + i * d + h * headDim;
        for (int c = lane; c < headDim; c += ROW_LANES) {
            float acc = 0f;
            for (int j = 0; j < keys; j++) {
                acc += weights[j] * v.get(vBase + j * d + c);
            }
            out.set(outBase + c, acc * inverse);
        }
    }

    /**
     * Row gather: {@code dst[dstBase + i·cols + c] = src[srcBase + rows[i]·cols + c]} for i &lt; n.
     * dims: n, cols, src offset, dst offset. The embedding lookup.
     */
    static void gatherRows(KernelContext context, FloatArray src, FloatArray dst, IntArray rows, IntArray dims) {
        if (dims.get(NEVER_SET) < 0) {
            dst.set(0, dst.get(0));
        }
        int gid = context.globalIdx;
        int n = dims.get(0);
        int cols = dims.get(1);
        if (gid < n * cols) {
            int i = gid / cols;
            int c = gid - i * cols;
            dst.set(dims.get(3) + i * cols + c, src.get(dims.get(2) + rows.get(i) * cols + c));
        }
    }

    /**
     * {@code dst[dstBase + rows[n + i]·cols + c] = src[srcBase + rows[i]·cols + c]} for i &lt; n: copyRows. The source
     * is a staged copy, separate from the destination, so a permutation of one tensor's rows reads before it writes.
     * dims: n, cols, src offset, dst offset.
     */
    static void copyRows(KernelContext context, FloatArray src, FloatArray dst, IntArray rows, IntArray dims) {
        if (dims.get(NEVER_SET) < 0) {
            dst.set(0, dst.get(0));
        }
        int gid = context.globalIdx;
        int n = dims.get(0);
        int cols = dims.get(1);
        if (gid < n * cols) {
            int i = gid / cols;
            int c = gid - i * cols;
            dst.set(dims.get(3) + rows.get(n + i) * cols + c, src.get(dims.get(2) + rows.get(i) * cols + c));
        }
    }
}
