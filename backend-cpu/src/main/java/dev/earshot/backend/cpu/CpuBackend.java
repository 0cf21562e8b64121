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

    @Override
    public Tensor rows(Tensor tensor, int firstRow, int rowCount) {
        CpuTensor t = checks.own(tensor, "rows");
        TensorArguments.requireRowRange(t, firstRow, rowCount);
        return t.rowView(firstRow, rowCount);
    }

    @Override
    public void write(Tensor dst, float[] src) {
        ActivationTensor d = checks.activation(dst, "write", "dst");
        TensorArguments.requireSameSize("write", d, src.length);
        System.arraycopy(src, 0, d.values(), d.offset(), src.length);
        transfers.hostToDevice((long) src.length * Float.BYTES);
    }

    @Override
    public void read(Tensor src, float[] dst) {
        CpuTensor s = checks.own(src, "read");
        TensorArguments.requireSameSize("read", s, dst.length);
        if (s instanceof ActivationTensor a) {
            System.arraycopy(a.values(), a.offset(), dst, 0, dst.length);
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
        ActivationTensor o = checks.activation(out, "linear", "out");
        ActivationTensor in = checks.activation(x, "linear", "x");
        CpuTensor w = checks.own(weight, "linear");
        TensorArguments.requireLinearShapes(o, in, w);
        checks.requireDisjoint("linear", o, in, "x");
        float[] b = bias == null ? null : widenedVector(bias, w.rows(), "linear", "bias", shared.bias(w.rows()));
        if (quantized && in.rows() <= LinearKernel.GEMV_MAX_ROWS && w instanceof WeightTensor stored
                && QuantizedRows.fits(w.cols())) {
            QuantizedGemv.run(pool, o.values(), o.offset(), in.values(), in.offset(), in.rows(),
                    stored.quantized().get(pool, w.storedRows()), b);
            return;
        }
        LinearKernel.run(pool, o.values(), o.offset(), in.values(), in.offset(), in.rows(), w.storedRows(), packedForm(w), b);
    }

    @Override
    public void conv1d(Tensor out, Tensor x, Tensor weight, Tensor bias, int stride) {
        ActivationTensor o = checks.activation(out, "conv1d", "out");
        ActivationTensor in = checks.activation(x, "conv1d", "x");
        CpuTensor w = checks.own(weight, "conv1d");
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
        CpuTensor left = checks.own(a, "add");
        CpuTensor right = checks.own(b, "add");
        TensorArguments.requireShape("add", "a", left, o.rows(), o.cols(), "out " + shape(o));
        TensorArguments.requireShape("add", "b", right, o.rows(), o.cols(), "out " + shape(o));
        RowKernels.add(pool, o, left, right);
    }

    @Override
    public void attention(Tensor out, Tensor q, Tensor k, Tensor v, AttentionSpec spec, Tensor scores) {
        ActivationTensor o = checks.activation(out, "attention", "out");
        ActivationTensor query = checks.activation(q, "attention", "q");
        ActivationTensor key = checks.activation(k, "attention", "k");
        ActivationTensor value = checks.activation(v, "attention", "v");
        int heads = spec.heads();
        TensorArguments.requireAttentionShapes(o, query, key, value, spec, scores);
        checks.requireDisjoint("attention", o, key, "k");
        checks.requireDisjoint("attention", o, value, "v");
        ActivationTensor s = null;
        if (scores != null) {
            s = checks.activation(scores, "attention", "scores");
        }
        AttentionKernel.run(pool, shared, o, query, key, value, heads, spec.causal(), s);
    }

    @Override
    public void embedding(Tensor out, Tensor table, int[] ids) {
        ActivationTensor o = checks.activation(out, "embedding", "out");
        CpuTensor t = checks.own(table, "embedding");
        TensorArguments.requireEmbeddingIds(o, t, ids);
        GatherKernels.embedding(pool, o, t, ids);
    }

    @Override
    public void copyRows(Tensor dst, int[] dstRows, Tensor src, int[] srcRows) {
        ActivationTensor d = checks.activation(dst, "copyRows", "dst");
        CpuTensor s = checks.own(src, "copyRows");
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
        CpuTensor v = checks.own(vector, op);
        TensorArguments.requireShape(op, role, v, 1, n, "the " + n + " features it applies to");
        v.storedRows().readFloats(0, n, into, 0);
        return into;
    }
}
