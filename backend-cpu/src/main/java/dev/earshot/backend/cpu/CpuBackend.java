package dev.earshot.backend.cpu;

import dev.earshot.api.backend.AttentionSpec;
import dev.earshot.api.backend.Backend;
import dev.earshot.api.backend.DType;
import dev.earshot.api.backend.DeviceInfo;
import dev.earshot.api.backend.Op;
import dev.earshot.api.backend.Tensor;
import dev.earshot.api.backend.TransferCounter;
import dev.earshot.api.backend.TensorArguments;
import dev.earshot.api.backend.TransferStats;
import dev.earshot.api.backend.WeightData;

import static dev.earshot.backend.cpu.CpuTensor.shape;

/**
 * The pure-Java backend: activations are float arrays on the heap, weights stay in the caller's (memory-mapped)
 * segments and are read in place, every op runs on this backend's own fixed {@link WorkerPool}. Checks
 * arguments here and hands the arithmetic to the kernel classes.
 */
final class CpuBackend implements Backend {

    /** Rows per task when an F32 result is rounded into an F16 cache. */
    private static final int NARROW_ROWS = 64;
    /** Never started: only asked whether a weight's memory may be read by a thread other than its owner. */
    private static final Thread ANOTHER_THREAD = Thread.ofPlatform().unstarted(() -> {
    });

    private final DeviceInfo device;
    private final WorkerPool pool;
    private final SharedScratch shared = new SharedScratch();
    private final TransferCounter transfers = new TransferCounter();
    private final TensorChecks checks = new TensorChecks(this);
    private boolean closed;

    /** Whether token-step products read q8_0 copies of the weights ({@link dev.earshot.api.backend.WeightQuantization}). */
    private final boolean quantized;

    CpuBackend(DeviceInfo device, int threads, boolean quantized) {
        JitInlining.ensureDirective(); // before the kernels run hot enough to be compiled
        this.device = device;
        this.pool = new WorkerPool(threads);
        this.quantized = quantized;
    }

    @Override
    public String name() {
        return CpuBackendProvider.NAME;
    }

    @Override
    public DeviceInfo device() {
        return device;
    }

    int threads() {
        return pool.threads();
    }

    /** Every op reads F32, F16 and BF16 weights as stored; ops without weights do not care. */
    @Override
    public boolean supports(Op op, DType weightType) {
        return op != null && weightType != null;
    }

    // ---- memory ----------------------------------------------------------------------------------

    @Override
    public Tensor upload(WeightData weight) {
        checkOpen();
        if (pool.threads() > 1 && !weight.data().isAccessibleBy(ANOTHER_THREAD)) {
            throw new IllegalArgumentException("weight " + weight.name() + " lives in a thread-confined arena, but the cpu"
                    + " backend reads weights from its " + pool.threads() + " worker threads; map the checkpoint with"
                    + " Arena.ofShared() or Arena.global(), or open the backend with one thread");
        }
        transfers.hostToDevice(weight.data().byteSize());
        return new WeightTensor(this, weight.name(),
                new StoredRows(weight.data(), weight.dtype(), weight.rows(), weight.cols()), new ReleaseFlag(), false,
                DerivedForm.packedPanels(), DerivedForm.quantizedRows());
    }

    @Override
    public Tensor allocate(int rows, int cols) {
        checkOpen();
        int count = TensorArguments.requireAllocatable(rows, cols);
        return new ActivationTensor(this, new ActivationStorage(count), 0, rows, cols, false);
    }

    /** F32, or F16 for a cache: half the memory and half the bytes a decoder step streams from it. */
    @Override
    public Tensor allocate(int rows, int cols, DType type) {
        if (type == DType.F32) {
            return allocate(rows, cols);
        }
        if (type != DType.F16) {
            throw new UnsupportedOperationException("the cpu backend keeps activations in F32 and F16, not " + type);
        }
        checkOpen();
        int count = TensorArguments.requireAllocatable(rows, cols);
        return new HalfActivationTensor(this, new HalfActivationTensor.HalfStorage(count), 0, rows, cols, false);
    }

    @Override
    public boolean supportsActivations(DType type) {
        return type == DType.F32 || type == DType.F16;
    }

    @Override
    public Tensor rows(Tensor tensor, int firstRow, int rowCount) {
        CpuTensor t = checks.own(tensor, "rows");
        TensorArguments.requireRowRange(t, firstRow, rowCount);
        return t.rowView(firstRow, rowCount);
    }

    @Override
    public void write(Tensor dst, float[] src) {
        CpuTensor target = checks.activationOrHalf(dst, "write", "dst");
        TensorArguments.requireSameSize("write", target, src.length);
        switch (target) {
            case ActivationTensor d -> System.arraycopy(src, 0, d.values(), d.offset(), src.length);
            case HalfActivationTensor h -> h.narrowFrom(src, 0, 0, h.rows());
            case WeightTensor w -> throw new IllegalStateException(w + " passed the activation check");
        }
        transfers.hostToDevice((long) src.length * Float.BYTES);
    }

    @Override
    public void read(Tensor src, float[] dst) {
        CpuTensor s = checks.own(src, "read");
        TensorArguments.requireSameSize("read", s, dst.length);
        if (s instanceof ActivationTensor a) {
            System.arraycopy(a.values(), a.offset(), dst, 0, dst.length);
        } else if (s instanceof HalfActivationTensor h) {
            h.widenRows(0, h.rows(), dst, 0);
        } else {
            s.storedRows().readFloats(0, dst.length, dst, 0);
        }
        transfers.deviceToHost((long) dst.length * Float.BYTES);
    }

    /** Frees an allocated tensor's array (the garbage collector reclaims it) or forgets a weight; views are ignored. */
    @Override
    public void release(Tensor tensor) {
        CpuTensor t = checks.own(tensor, "release");
        switch (t) {
            case ActivationTensor a when !a.isView() -> a.storage().released.release();
            case HalfActivationTensor h when !h.isView() -> h.storage().released.release();
            case WeightTensor w when !w.isView() -> {
                w.released().release();
                w.packed().clear();
                w.quantized().clear();
            }
            default -> {
            }
        }
    }

    @Override
    public TransferStats transfers() {
        return transfers.snapshot();
    }

    // ---- ops ---------------------------------------------------------------------------------------

    @Override
    public void linear(Tensor out, Tensor x, Tensor weight, Tensor bias) {
        CpuTensor target = checks.activationOrHalf(out, "linear", "out");
        ActivationTensor in = checks.activation(x, "linear", "x");
        CpuTensor w = checks.operand(weight, "linear", "weight");
        TensorArguments.requireLinearShapes(target, in, w);
        float[] b = bias == null ? null : widenedVector(bias, w.rows(), "linear", "bias", shared.bias(w.rows()));
        if (target instanceof HalfActivationTensor half) {
            // computed in F32 as for any output, then rounded: the cache is written once per window
            float[] staged = shared.halfStaging(half.rows() * half.cols());
            linear(staged, 0, in, w, b);
            pool.run(LinearKernel.ceilDiv(half.rows(), NARROW_ROWS), (task, scratch) -> {
                int first = task * NARROW_ROWS;
                half.narrowFrom(staged, first * half.cols(), first, Math.min(NARROW_ROWS, half.rows() - first));
            });
            return;
        }
        ActivationTensor o = (ActivationTensor) target;
        checks.requireDisjoint("linear", o, in, "x");
        linear(o.values(), o.offset(), in, w, b);
    }

    private void linear(float[] out, int outOffset, ActivationTensor in, CpuTensor w, float[] b) {
        if (quantized && in.rows() <= LinearKernel.GEMV_MAX_ROWS && w instanceof WeightTensor stored
                && QuantizedRows.fits(w.cols())) {
            QuantizedGemv.run(pool, out, outOffset, in.values(), in.offset(), in.rows(),
                    stored.quantized().get(pool, w.storedRows()), b);
            return;
        }
        LinearKernel.run(pool, out, outOffset, in.values(), in.offset(), in.rows(), w.storedRows(), packedForm(w), b);
    }

    @Override
    public void conv1d(Tensor out, Tensor x, Tensor weight, Tensor bias, int stride) {
        ActivationTensor o = checks.activation(out, "conv1d", "out");
        ActivationTensor in = checks.activation(x, "conv1d", "x");
        CpuTensor w = checks.operand(weight, "conv1d", "weight");
        TensorArguments.requireConv1dShapes(o, in, w, stride);
        float[] b = bias == null ? null : widenedVector(bias, w.rows(), "conv1d", "bias", shared.bias(w.rows()));
        Conv1dKernel.run(pool, shared, o, in, w.storedRows(), packedForm(w), b, stride);
    }

    @Override
    public void gelu(Tensor x) {
        RowKernels.gelu(pool, checks.activation(x, "gelu", "x"));
    }

    @Override
    public void layerNorm(Tensor out, Tensor x, Tensor gamma, Tensor beta, float eps) {
        ActivationTensor o = checks.activation(out, "layerNorm", "out");
        ActivationTensor in = checks.activation(x, "layerNorm", "x");
        TensorArguments.requireShape("layerNorm", "out", o, in.rows(), in.cols(), "x " + shape(in));
        float[] g = widenedVector(gamma, in.cols(), "layerNorm", "gamma", shared.gamma(in.cols()));
        float[] b = widenedVector(beta, in.cols(), "layerNorm", "beta", shared.beta(in.cols()));
        RowKernels.layerNorm(pool, o, in, g, b, eps);
    }

    @Override
    public void add(Tensor out, Tensor a, Tensor b) {
        ActivationTensor o = checks.activation(out, "add", "out");
        CpuTensor left = checks.operand(a, "add", "a");
        CpuTensor right = checks.operand(b, "add", "b");
        TensorArguments.requireShape("add", "a", left, o.rows(), o.cols(), "out " + shape(o));
        TensorArguments.requireShape("add", "b", right, o.rows(), o.cols(), "out " + shape(o));
        RowKernels.add(pool, o, left, right);
    }

    @Override
    public void attention(Tensor out, Tensor q, Tensor k, Tensor v, AttentionSpec spec, Tensor scores) {
        ActivationTensor o = checks.activation(out, "attention", "out");
        ActivationTensor query = checks.activation(q, "attention", "q");
        CpuTensor key = checks.activationOrHalf(k, "attention", "k");
        CpuTensor value = checks.activationOrHalf(v, "attention", "v");
        int heads = spec.heads();
        TensorArguments.requireAttentionShapes(o, query, key, value, spec, scores);
        if (key instanceof ActivationTensor f32) {
            checks.requireDisjoint("attention", o, f32, "k");
        }
        if (value instanceof ActivationTensor f32) {
            checks.requireDisjoint("attention", o, f32, "v");
        }
        ActivationTensor s = null;
        if (scores != null) {
            s = checks.activation(scores, "attention", "scores");
        }
        AttentionKernel.run(pool, shared, o, query, key, value, heads, spec.causal(), s);
    }

    @Override
    public void embedding(Tensor out, Tensor table, int[] ids) {
        ActivationTensor o = checks.activation(out, "embedding", "out");
        CpuTensor t = checks.operand(table, "embedding", "table");
        TensorArguments.requireEmbeddingIds(o, t, ids);
        GatherKernels.embedding(pool, o, t, ids);
    }

    @Override
    public void copyRows(Tensor dst, int[] dstRows, Tensor src, int[] srcRows) {
        ActivationTensor d = checks.activation(dst, "copyRows", "dst");
        CpuTensor s = checks.operand(src, "copyRows", "src");
        TensorArguments.requireCopyRows(d, dstRows, s, srcRows);
        GatherKernels.copyRows(shared, d, dstRows, s, srcRows);
    }

    @Override
    public void logSoftmax(Tensor out, Tensor x) {
        ActivationTensor o = checks.activation(out, "logSoftmax", "out");
        ActivationTensor in = checks.activation(x, "logSoftmax", "x");
        TensorArguments.requireShape("logSoftmax", "out", o, in.rows(), in.cols(), "x " + shape(in));
        RowKernels.logSoftmax(pool, o, in);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            pool.close();
        }
    }

    void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the cpu backend is closed");
        }
    }

    /** Where a weight's packed form is kept; null for an activation used as a weight (its values change). */
    private static DerivedForm<PackedPanels> packedForm(CpuTensor weight) {
        return weight instanceof WeightTensor w ? w.packed() : null;
    }

    /** A [1 × n] vector operand (bias, gamma, beta) of any stored type, widened into {@code into}. */
    private float[] widenedVector(Tensor vector, int n, String op, String role, float[] into) {
        CpuTensor v = checks.operand(vector, op, role);
        TensorArguments.requireShape(op, role, v, 1, n, "the " + n + " features it applies to");
        v.storedRows().readFloats(0, n, into, 0);
        return into;
    }
}
