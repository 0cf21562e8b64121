package dev.earshot.backend.tornado;

import dev.earshot.api.backend.AttentionSpec;
import dev.earshot.api.backend.Backend;
import dev.earshot.api.backend.DType;
import dev.earshot.api.backend.DeviceInfo;
import dev.earshot.api.backend.Op;
import dev.earshot.api.backend.Tensor;
import dev.earshot.api.backend.TensorArguments;
import dev.earshot.api.backend.TransferCounter;
import dev.earshot.api.backend.TransferStats;
import dev.earshot.api.backend.WeightData;
import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.common.TornadoDevice;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static dev.earshot.api.backend.TensorArguments.shape;

/**
 * The SPI on one TornadoVM device. Every op is a TornadoVM task graph with one Java kernel ({@link Kernels}),
 * compiled the first time the op runs with a set of weights and replayed afterwards ({@link DevicePlan}); the
 * activations of each call are staged through arrays the graph owns ({@link OpCall}). Arguments are checked here,
 * with messages that name the shapes, before anything reaches TornadoVM.
 */
final class TornadoBackend implements Backend {

    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort HALF = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    /** From this many rows, linear runs the local-memory tiled kernel. */
    private static final int TILED_LINEAR_ROWS = 32;
    /** Largest dims array any kernel reads. */
    private static final int DIMS = 12;

    private final TornadoDevice device;
    private final DeviceInfo info;
    private final TransferCounter transfers = new TransferCounter();
    /** Compiled graphs by op and the weights they hold (see {@link OpCall#key}). */
    private final Map<List<Object>, OpCall.Compiled> compiled = new HashMap<>();
    /** Bound where a kernel takes an optional array (no bias): a weight, so it crosses to each device once. */
    private final Storage placeholder = new Storage(new FloatArray(1), true, "placeholder for a missing bias");
    private int planCount;
    private boolean closed;

    TornadoBackend(TornadoDevice device, DeviceInfo info) {
        this.device = device;
        this.info = info;
    }

    @Override
    public String name() {
        return TornadoBackendProvider.NAME;
    }

    @Override
    public DeviceInfo device() {
        return info;
    }

    /** Every op runs with every stored type: F16 and BF16 weights are widened to F32 when uploaded. */
    @Override
    public boolean supports(Op op, DType weightType) {
        return op != null && weightType != null;
    }

    // ---- memory ----------------------------------------------------------------------------------

    /**
     * Widens to F32 on the host while copying into the TornadoVM array: the kernels are F32 only, because half
     * precision kernels need {@code cl_khr_fp16}, which PoCL (and other devices) lack.
     */
    @Override
    public Tensor upload(WeightData weight) {
        checkOpen();
        int count = elementCount(weight.rows(), weight.cols(), weight.name());
        FloatArray array = new FloatArray(count);
        MemorySegment target = array.getSegment();
        MemorySegment source = weight.data();
        switch (weight.dtype()) {
            case F32 -> MemorySegment.copy(source, FLOAT, 0, target, ValueLayout.JAVA_FLOAT, 0, count);
            case F16 -> {
                for (int i = 0; i < count; i++) {
                    target.setAtIndex(ValueLayout.JAVA_FLOAT, i, Float.float16ToFloat(source.getAtIndex(HALF, i)));
                }
            }
            case BF16 -> {
                for (int i = 0; i < count; i++) {
                    target.setAtIndex(ValueLayout.JAVA_FLOAT, i, Float.intBitsToFloat((source.getAtIndex(HALF, i) & 0xFFFF) << 16));
                }
            }
        }
        Storage storage = new Storage(array, true, "weight " + weight.name() + " [" + weight.rows() + " × " + weight.cols() + "]");
        return new TornadoTensor(this, storage, 0, weight.rows(), weight.cols(), false);
    }

    @Override
    public Tensor allocate(int rows, int cols) {
        checkOpen();
        if (rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException("allocate: [" + rows + " × " + cols + "] must have at least one row and column");
        }
        int count = elementCount(rows, cols, "activation");
        Storage storage = new Storage(new FloatArray(count), false, "activation [" + rows + " × " + cols + "]");
        return new TornadoTensor(this, storage, 0, rows, cols, false);
    }

    @Override
    public Tensor rows(Tensor tensor, int firstRow, int rowCount) {
        TornadoTensor t = own(tensor, "rows");
        TensorArguments.requireRowRange(t, firstRow, rowCount);
        return t.rowView(firstRow, rowCount);
    }

    /** Into the host copy; the next op that reads the tensor takes it to the device. */
    @Override
    public void write(Tensor dst, float[] src) {
        TornadoTensor d = activation(dst, "write", "dst");
        TensorArguments.requireSameSize("write", d, src.length);
        MemorySegment.copy(src, 0, d.storage.array.getSegment(), ValueLayout.JAVA_FLOAT, (long) d.offset * Float.BYTES, src.length);
    }

    /** From the host copy, which every op brings up to date when it finishes. */
    @Override
    public void read(Tensor src, float[] dst) {
        TornadoTensor s = own(src, "read");
        TensorArguments.requireSameSize("read", s, dst.length);
        MemorySegment.copy(s.storage.array.getSegment(), ValueLayout.JAVA_FLOAT, (long) s.offset * Float.BYTES, dst, 0, dst.length);
    }

    @Override
    public void release(Tensor tensor) {
        TornadoTensor t = own(tensor, "release");
        if (t.view) {
            return;
        }
        t.storage.markReleased();
        for (Iterator<OpCall.Compiled> it = compiled.values().iterator(); it.hasNext(); ) {
            DevicePlan plan = it.next().plan;
            if (plan.uses(t.storage)) {
                plan.close(); // its device copies of the storage go with it
                it.remove();
            }
        }
    }

    /** The copies TornadoVM made for the ops (see {@link DevicePlan}); {@code write} and {@code read} touch host memory only. */
    @Override
    public TransferStats transfers() {
        return transfers.snapshot();
    }

    // ---- ops ---------------------------------------------------------------------------------------

    @Override
    public void linear(Tensor out, Tensor x, Tensor weight, Tensor bias) {
        TornadoTensor o = activation(out, "linear", "out");
        TornadoTensor in = own(x, "linear");
        TornadoTensor w = own(weight, "linear");
        TensorArguments.requireLinearShapes(o, in, w);
        requireDisjoint("linear", o, in, "x");
        TornadoTensor b = bias == null ? null : vector(bias, w.rows(), "linear", "bias");
        OpCall call = new OpCall("linear");
        int xi = call.reads(in);
        int wi = call.reads(w);
        int bi = call.reads(b == null ? placeholderTensor() : b);
        int oi = call.writes(o);
        // Decoder steps (a few rows) read each weight once per row anyway: one work-item per output. Encoder-sized
        // inputs share tiles of x and W through local memory.
        boolean tiled = in.rows() >= TILED_LINEAR_ROWS;
        OpCall.Compiled c = compile(call, call.key(tiled), 0, (arrays, builder, indices) -> {
            IntArray dims = new IntArray(DIMS);
            KernelContext context = new KernelContext();
            builder.parameters(dims).tasks(g -> {
                if (tiled) {
                    g.task("linear", Kernels::linearTiled, context, arrays[xi], arrays[wi], arrays[bi], arrays[oi], dims);
                } else {
                    g.task("linear", Kernels::linear, context, arrays[xi], arrays[wi], arrays[bi], arrays[oi], dims);
                }
            }, "linear");
            return new OpCall.Compiled(arrays, dims, null, null);
        });
        c.dims(in.rows(), in.cols(), w.rows(), call.offset(xi), call.offset(oi), b == null ? 0 : 1, call.offset(wi),
                call.offset(bi));
        long tiles = (long) ((in.rows() + Kernels.TILE - 1) / Kernels.TILE) * ((w.rows() + Kernels.TILE - 1) / Kernels.TILE);
        run(call, c, Map.of("linear", tiled ? new long[] {tiles * Kernels.TILE * Kernels.TILE, Kernels.TILE * Kernels.TILE}
                : elements(in.rows() * w.rows())));
    }

    @Override
    public void conv1d(Tensor out, Tensor x, Tensor weight, Tensor bias, int stride) {
        TornadoTensor o = activation(out, "conv1d", "out");
        TornadoTensor in = own(x, "conv1d");
        TornadoTensor w = own(weight, "conv1d");
        int stepsOut = TensorArguments.requireConv1dShapes(o, in, w, stride);
        requireDisjoint("conv1d", o, in, "x");
        TornadoTensor b = bias == null ? null : vector(bias, w.rows(), "conv1d", "bias");
        OpCall call = new OpCall("conv1d");
        int xi = call.reads(in);
        int wi = call.reads(w);
        int bi = call.reads(b == null ? placeholderTensor() : b);
        int oi = call.writes(o);
        OpCall.Compiled c = compile(call, call.key(), 0, (arrays, builder, indices) -> {
            IntArray dims = new IntArray(DIMS);
            KernelContext context = new KernelContext();
            builder.parameters(dims).tasks(g -> g.task("conv1d", Kernels::conv1d, context, arrays[xi], arrays[wi], arrays[bi],
                    arrays[oi], dims), "conv1d");
            return new OpCall.Compiled(arrays, dims, null, null);
        });
        c.dims(in.rows(), in.cols(), stepsOut, w.rows(), stride, call.offset(xi), call.offset(oi), b == null ? 0 : 1,
                call.offset(wi), call.offset(bi));
        run(call, c, Map.of("conv1d", elements(stepsOut * w.rows())));
    }

    @Override
    public void gelu(Tensor x) {
        TornadoTensor t = activation(x, "gelu", "x");
        OpCall call = new OpCall("gelu");
        int xi = call.writes(t);
        OpCall.Compiled c = compile(call, call.key(), 0, (arrays, builder, indices) -> {
            IntArray dims = new IntArray(DIMS);
            KernelContext context = new KernelContext();
            builder.parameters(dims).tasks(g -> g.task("gelu", Kernels::gelu, context, arrays[xi], dims), "gelu");
            return new OpCall.Compiled(arrays, dims, null, null);
        });
        c.dims(t.count(), call.offset(xi));
        run(call, c, Map.of("gelu", elements(t.count())));
    }

    @Override
    public void layerNorm(Tensor out, Tensor x, Tensor gamma, Tensor beta, float eps) {
        TornadoTensor o = activation(out, "layerNorm", "out");
        TornadoTensor in = own(x, "layerNorm");
        TensorArguments.requireShape("layerNorm", "out", o, in.rows(), in.cols(), "x " + shape(in));
        TornadoTensor g = vector(gamma, in.cols(), "layerNorm", "gamma");
        TornadoTensor b = vector(beta, in.cols(), "layerNorm", "beta");
        OpCall call = new OpCall("layerNorm");
        int xi = call.reads(in);
        int gi = call.reads(g);
        int bi = call.reads(b);
        int oi = call.writes(o);
        OpCall.Compiled c = compile(call, call.key(), 0, (arrays, builder, indices) -> {
            IntArray dims = new IntArray(DIMS);
            FloatArray epsilon = new FloatArray(1);
            KernelContext context = new KernelContext();
            builder.parameters(dims, epsilon).tasks(graph -> graph.task("layerNorm", Kernels::layerNorm, context, arrays[xi],
                    arrays[gi], arrays[bi], arrays[oi], dims, epsilon), "layerNorm");
            return new OpCall.Compiled(arrays, dims, epsilon, null);
        });
        c.dims(in.rows(), in.cols(), call.offset(xi), call.offset(oi), call.offset(gi), call.offset(bi));
        c.reals.set(0, eps);
        run(call, c, Map.of("layerNorm", rowGroups(in.rows())));
    }

    @Override
    public void add(Tensor out, Tensor a, Tensor b) {
        TornadoTensor o = activation(out, "add", "out");
        TornadoTensor left = own(a, "add");
        TornadoTensor right = own(b, "add");
        TensorArguments.requireShape("add", "a", left, o.rows(), o.cols(), "out " + shape(o));
        TensorArguments.requireShape("add", "b", right, o.rows(), o.cols(), "out " + shape(o));
        OpCall call = new OpCall("add");
        int ai = call.reads(left);
        int bi = call.reads(right);
        int oi = call.writes(o);
        OpCall.Compiled c = compile(call, call.key(), 0, (arrays, builder, indices) -> {
            IntArray dims = new IntArray(DIMS);
            KernelContext context = new KernelContext();
            builder.parameters(dims).tasks(g -> g.task("add", Kernels::add, context, arrays[ai], arrays[bi], arrays[oi], dims),
                    "add");
            return new OpCall.Compiled(arrays, dims, null, null);
        });
        c.dims(o.count(), call.offset(ai), call.offset(bi), call.offset(oi));
        run(call, c, Map.of("add", elements(o.count())));
    }

    @Override
    public void attention(Tensor out, Tensor q, Tensor k, Tensor v, AttentionSpec spec, Tensor scores) {
        TornadoTensor o = activation(out, "attention", "out");
        TornadoTensor query = own(q, "attention");
        TornadoTensor key = own(k, "attention");
        TornadoTensor value = own(v, "attention");
        int heads = spec.heads();
        TensorArguments.requireAttentionShapes(o, query, key, value, spec, scores);
        int d = query.cols();
        requireDisjoint("attention", o, query, "q");
        requireDisjoint("attention", o, key, "k");
        requireDisjoint("attention", o, value, "v");
        TornadoTensor s = null;
        if (scores != null) {
            s = activation(scores, "attention", "scores");
        }
        if (key.rows() > Kernels.MAX_KEYS) {
            throw new IllegalArgumentException("attention: k " + shape(key) + " has more than " + Kernels.MAX_KEYS
                    + " positions, the most the tornado kernel holds in local memory (Whisper needs 1500)");
        }
        OpCall call = new OpCall("attention");
        int qi = call.reads(query);
        int ki = call.reads(key);
        int vi = call.reads(value);
        int oi = call.writes(o);
        int si = s == null ? call.reads(placeholderTensor()) : call.writes(s);
        OpCall.Compiled c = compile(call, call.key(), 0, (arrays, builder, indices) -> {
            IntArray dims = new IntArray(DIMS);
            FloatArray scale = new FloatArray(1);
            KernelContext context = new KernelContext();
            builder.parameters(dims, scale).tasks(g -> g.task("attention", Kernels::attention, context, arrays[qi], arrays[ki],
                    arrays[vi], arrays[oi], arrays[si], dims, scale), "attention");
            return new OpCall.Compiled(arrays, dims, scale, null);
        });
        c.dims(heads, query.rows(), key.rows(), d, call.offset(qi), call.offset(ki), spec.causal() ? 1 : 0, call.offset(vi),
                call.offset(oi), s == null ? 0 : 1, call.offset(si));
        c.reals.set(0, (float) (1.0 / Math.sqrt((double) d / heads)));
        run(call, c, Map.of("attention", rowGroups(heads * query.rows())));
    }

    @Override
    public void embedding(Tensor out, Tensor table, int[] ids) {
        TornadoTensor o = activation(out, "embedding", "out");
        TornadoTensor t = own(table, "embedding");
        TensorArguments.requireEmbeddingIds(o, t, ids);
        OpCall call = new OpCall("embedding");
        int ti = call.reads(t);
        int oi = call.writes(o);
        OpCall.Compiled c = compile(call, call.key(), ids.length, (arrays, builder, indices) -> {
            IntArray dims = new IntArray(DIMS);
            KernelContext context = new KernelContext();
            builder.parameters(dims, indices).tasks(g -> g.task("gather", Kernels::gatherRows, context, arrays[ti], arrays[oi],
                    indices, dims), "gather");
            return new OpCall.Compiled(arrays, dims, null, indices);
        });
        for (int i = 0; i < ids.length; i++) {
            c.indices.set(i, ids[i]);
        }
        c.dims(ids.length, t.cols(), call.offset(ti), call.offset(oi));
        run(call, c, Map.of("gather", elements(ids.length * t.cols())));
    }

    @Override
    public void copyRows(Tensor dst, int[] dstRows, Tensor src, int[] srcRows) {
        TornadoTensor d = activation(dst, "copyRows", "dst");
        TornadoTensor s = own(src, "copyRows");
        TensorArguments.requireCopyRows(d, dstRows, s, srcRows);
        int n = dstRows.length;
        if (n == 0) {
            return;
        }
        OpCall call = new OpCall("copyRows");
        int si = call.reads(s);
        int di = call.writes(d);
        OpCall.Compiled c = compile(call, call.key(), 2 * n, (arrays, builder, indices) -> {
            IntArray dims = new IntArray(DIMS);
            KernelContext context = new KernelContext();
            builder.parameters(dims, indices).tasks(g -> g.task("copyRows", Kernels::copyRows, context, arrays[si], arrays[di],
                    indices, dims), "copyRows");
            return new OpCall.Compiled(arrays, dims, null, indices);
        });
        for (int i = 0; i < n; i++) {
            c.indices.set(i, srcRows[i]);
            c.indices.set(n + i, dstRows[i]);
        }
        c.dims(n, s.cols(), call.offset(si), call.offset(di));
        run(call, c, Map.of("copyRows", elements(n * s.cols())));
    }

    @Override
    public void logSoftmax(Tensor out, Tensor x) {
        TornadoTensor o = activation(out, "logSoftmax", "out");
        TornadoTensor in = own(x, "logSoftmax");
        TensorArguments.requireShape("logSoftmax", "out", o, in.rows(), in.cols(), "x " + shape(in));
        OpCall call = new OpCall("logSoftmax");
        int xi = call.reads(in);
        int oi = call.writes(o);
        OpCall.Compiled c = compile(call, call.key(), 0, (arrays, builder, indices) -> {
            IntArray dims = new IntArray(DIMS);
            KernelContext context = new KernelContext();
            builder.parameters(dims).tasks(g -> g.task("logSoftmax", Kernels::logSoftmax, context, arrays[xi], arrays[oi], dims),
                    "logSoftmax");
            return new OpCall.Compiled(arrays, dims, null, null);
        });
        c.dims(in.rows(), in.cols(), call.offset(xi), call.offset(oi));
        run(call, c, Map.of("logSoftmax", rowGroups(in.rows())));
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        compiled.values().forEach(c -> c.plan.close());
        compiled.clear();
    }

    /** Compiled graphs held right now; for tests that check graphs are reused and released. */
    int planCount() {
        return compiled.size();
    }

    // ---- helpers -------------------------------------------------------------------------------------

    /** Builds a graph for a call: adds its parameter arrays and tasks to the builder, binding {@code arrays}. */
    @FunctionalInterface
    private interface GraphFactory {
        OpCall.Compiled create(FloatArray[] arrays, DevicePlan.Builder builder, IntArray indices);
    }

    /**
     * The compiled graph for {@code call}: the one built for its key, or a new one when there is none yet or its
     * staging arrays (or index array) are too small for this call, in which case the old graph is freed.
     */
    private OpCall.Compiled compile(OpCall call, List<Object> key, int indexCount, GraphFactory factory) {
        OpCall.Compiled existing = compiled.get(key);
        if (existing != null && call.fits(existing) && (indexCount == 0 || existing.indices.getSize() >= indexCount)) {
            return existing;
        }
        if (existing != null) {
            existing.plan.close();
            compiled.remove(key);
        }
        FloatArray[] arrays = call.arrays(existing);
        int indexRoom = Math.max(indexCount, existing == null || existing.indices == null ? 0 : existing.indices.getSize());
        IntArray indices = indexCount == 0 ? null : new IntArray(OpCall.roomFor(Math.max(64, indexRoom)));
        DevicePlan.Builder builder = new DevicePlan.Builder(call.op + planCount++);
        call.declare(builder, arrays);
        OpCall.Compiled created = factory.create(arrays, builder, indices);
        created.plan = builder.build(device);
        compiled.put(key, created);
        return created;
    }

    /** Activations into the staging arrays, the graph on the device, written staging arrays back into their tensors. */
    private void run(OpCall call, OpCall.Compiled c, Map<String, long[]> geometry) {
        call.stageIn(c);
        c.plan.execute(geometry, transfers);
        call.stageOut(c);
    }

    private TornadoTensor placeholderTensor() {
        return new TornadoTensor(this, placeholder, 0, 1, 1, false);
    }

    private static long[] elements(int count) {
        long groups = (count + Kernels.ELEMENT_GROUP - 1) / Kernels.ELEMENT_GROUP;
        return new long[] {groups * Kernels.ELEMENT_GROUP, Kernels.ELEMENT_GROUP};
    }

    private static long[] rowGroups(int rows) {
        return new long[] {(long) rows * Kernels.ROW_LANES, Kernels.ROW_LANES};
    }

    private static int elementCount(int rows, int cols, String what) {
        long count = (long) rows * cols;
        if (count > Integer.MAX_VALUE - 64) {
            throw new IllegalArgumentException(what + ": [" + rows + " × " + cols + "] has more elements than one TornadoVM"
                    + " array holds (" + (Integer.MAX_VALUE - 64) + ")");
        }
        return (int) count;
    }

    TornadoTensor own(Tensor tensor, String op) {
        checkOpen();
        if (tensor == null) {
            throw new IllegalArgumentException(op + ": a tensor argument is null");
        }
        if (!(tensor instanceof TornadoTensor t) || t.owner != this) {
            throw new IllegalArgumentException(op + ": tensor " + shape(tensor) + " (" + tensor.getClass().getSimpleName()
                    + ") belongs to another backend; tensors cannot be shared between backends");
        }
        if (t.storage.isReleased()) {
            throw new IllegalStateException(op + ": " + t + " was released");
        }
        return t;
    }

    private TornadoTensor activation(Tensor tensor, String op, String role) {
        TornadoTensor t = own(tensor, op);
        if (t.storage.weight) {
            throw new IllegalArgumentException(op + ": " + role + " must be an activation from allocate(), not " + t
                    + " (weights are read-only)");
        }
        return t;
    }

    private TornadoTensor vector(Tensor vector, int n, String op, String role) {
        TornadoTensor v = own(vector, op);
        TensorArguments.requireShape(op, role, v, 1, n, "the " + n + " features it applies to");
        return v;
    }

    private static void requireDisjoint(String op, TornadoTensor out, TornadoTensor input, String role) {
        if (out.overlaps(input)) {
            throw new IllegalArgumentException(op + ": out " + shape(out) + " overlaps " + role + " " + shape(input)
                    + "; this op cannot run in place");
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the tornado backend is closed");
        }
    }
}
