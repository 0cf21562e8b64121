package dev.earshot.backend.opencl;

import dev.earshot.api.backend.AttentionSpec;
import dev.earshot.api.backend.Backend;
import dev.earshot.api.backend.BackendUnavailableException;
import dev.earshot.api.backend.DType;
import dev.earshot.api.backend.DeviceInfo;
import dev.earshot.api.backend.Op;
import dev.earshot.api.backend.Tensor;
import dev.earshot.api.backend.TransferCounter;
import dev.earshot.api.backend.TensorArguments;
import dev.earshot.api.backend.TransferStats;
import dev.earshot.api.backend.WeightData;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_device_id;
import org.jocl.cl_mem;

import java.lang.foreign.Arena;
import java.nio.ByteBuffer;

import static dev.earshot.backend.opencl.ClTensor.shape;

/**
 * The OpenCL backend on one device: weights, activations and KV caches live in device buffers, every op is an
 * OpenCL C kernel (see {@link KernelProgram}) on one in-order queue, and only {@link #upload},
 * {@link #write}, {@link #read} and the token ids of {@link #embedding} cross between host and device.
 * Checks arguments here and hands the arithmetic to the kernels.
 */
final class OpenClBackend implements Backend {

    /** Work-group size of the one-row-per-group kernels (the shared rows.c). */
    private static final int ROW_LANES = 256;
    private static final int ELEMENTWISE_GROUP = 64;

    private final OpenClDevice device;
    private final cl_context context;
    private final cl_command_queue queue;
    private final DeviceMemory memory;
    private final KernelProgram program;
    private final KernelQueue kernels;
    private final LinearKernels linearKernels;
    private final AttentionKernels attentionKernels;
    private final TransferCounter transfers = new TransferCounter();
    private final TensorChecks checks = new TensorChecks(this);
    private final ScratchBuffer patches;
    private final ScratchBuffer stagedRows;
    private final ScratchBuffer tokenIds;
    /** Bound to unused buffer arguments (no bias, no scores): kernels never read it. */
    private final DeviceBuffer placeholder;
    private boolean closed;

    OpenClBackend(OpenClDevice device) {
        this(device, KernelShapes.suitedTo(device.info()));
    }

    /** @param shapes the kernel variants to run; tests pick the ones the device would not, to run both on PoCL */
    OpenClBackend(OpenClDevice device, KernelShapes shapes) {
        if (device.maxWorkGroupSize() < KernelProgram.LARGEST_WORK_GROUP) {
            throw new BackendUnavailableException("OpenCL device " + device.describe() + " allows work-groups of "
                    + device.maxWorkGroupSize() + " work-items; the opencl backend's kernels need "
                    + KernelProgram.LARGEST_WORK_GROUP);
        }
        this.device = device;
        try {
            this.context = CL.clCreateContext(null, 1, new cl_device_id[] {device.device()}, null, null, null);
        } catch (CLException e) {
            throw new BackendUnavailableException("cannot open OpenCL device " + device.describe() + " ("
                    + ClErrors.name(e) + "); " + OpenClBackendProvider.INSTALL_HINT, e);
        }
        cl_command_queue created = null;
        KernelProgram built = null;
        try {
            created = createQueue(context, device.device());
            built = KernelProgram.build(context, device);
        } catch (RuntimeException e) {
            if (created != null) {
                CL.clReleaseCommandQueue(created);
            }
            CL.clReleaseContext(context);
            throw e;
        }
        this.queue = created;
        this.program = built;
        this.kernels = new KernelQueue(queue, built);
        this.memory = new DeviceMemory(device, context, queue);
        this.patches = new ScratchBuffer(memory, "conv1d im2col patches");
        this.stagedRows = new ScratchBuffer(memory, "copyRows staging");
        this.tokenIds = new ScratchBuffer(memory, "embedding token ids");
        this.placeholder = memory.allocate(Float.BYTES, "placeholder argument");
        this.linearKernels = new LinearKernels(kernels, shapes, placeholder.memory);
        this.attentionKernels = new AttentionKernels(kernels, shapes, placeholder.memory);
    }

    /** In order (the default): each kernel sees the results of those before it, and a blocking read waits for all. */
    @SuppressWarnings("deprecation") // clCreateCommandQueueWithProperties is OpenCL 2.0; this runs on 1.2 devices too
    private static cl_command_queue createQueue(cl_context context, cl_device_id device) {
        return CL.clCreateCommandQueue(context, device, 0, null);
    }

    @Override
    public String name() {
        return OpenClBackendProvider.NAME;
    }

    OpenClDevice openedDevice() {
        return device;
    }

    @Override
    public DeviceInfo device() {
        return device.info();
    }

    /** Every op runs with any stored weight type: F16 and BF16 weights are widened to F32 on upload. */
    @Override
    public boolean supports(Op op, DType weightType) {
        return op != null && weightType != null;
    }

    /** The OpenCL C source of the backend's kernels compiled for this device; for tests of build failures. */
    void compileForTest(String source) {
        CL.clReleaseProgram(KernelProgram.compile(context, device, source, "test program"));
    }

    // ---- memory ----------------------------------------------------------------------------------

    @Override
    public Tensor upload(WeightData weight) {
        checkOpen();
        int count = TensorArguments.requireAllocatable(weight.rows(), weight.cols());
        String what = "weight " + weight.name() + " [" + weight.rows() + " × " + weight.cols() + "]";
        DeviceBuffer widened = memory.allocate((long) count * Float.BYTES, what);
        try (Arena arena = Arena.ofConfined()) {
            // every write below blocks, so the driver is done with a heap weight's copy before the arena closes
            ByteBuffer stored = weight.nativeData(arena).asByteBuffer();
            if (weight.dtype() == DType.F32) {
                writeBytes(widened.memory, 0, stored.capacity(), Pointer.to(stored));
            } else {
                // the stored halves go up as they are and a kernel widens them: one copy, no host loop
                DeviceBuffer staging = memory.allocate(stored.capacity(), what + " as stored " + weight.dtype());
                try {
                    writeBytes(staging.memory, 0, stored.capacity(), Pointer.to(stored));
                    String kernel = weight.dtype() == DType.F16 ? "widen_f16" : "widen_bf16";
                    launch(kernel).buffer(widened.memory).buffer(staging.memory).integer(count).runOver(count, ELEMENTWISE_GROUP);
                } finally {
                    memory.release(staging);
                }
            }
            transfers.hostToDevice(stored.capacity());
        } catch (RuntimeException e) {
            memory.release(widened);
            throw e;
        }
        return new ClTensor(this, widened, 0, weight.rows(), weight.cols(), true, false);
    }

    @Override
    public Tensor allocate(int rows, int cols) {
        checkOpen();
        int count = TensorArguments.requireAllocatable(rows, cols);
        DeviceBuffer buffer = memory.allocate((long) count * Float.BYTES, "activation [" + rows + " × " + cols + "]");
        return new ClTensor(this, buffer, 0, rows, cols, false, false);
    }

    @Override
    public Tensor rows(Tensor tensor, int firstRow, int rowCount) {
        ClTensor t = checks.own(tensor, "rows");
        TensorArguments.requireRowRange(t, firstRow, rowCount);
        return t.rowView(firstRow, rowCount);
    }

    @Override
    public void write(Tensor dst, float[] src) {
        ClTensor d = checks.activation(dst, "write", "dst");
        TensorArguments.requireSameSize("write", d, src.length);
        writeBytes(d.buffer().memory, (long) d.offset() * Float.BYTES, (long) src.length * Float.BYTES, Pointer.to(src));
        transfers.hostToDevice((long) src.length * Float.BYTES);
    }

    @Override
    public void read(Tensor src, float[] dst) {
        ClTensor s = checks.own(src, "read");
        TensorArguments.requireSameSize("read", s, dst.length);
        try {
            CL.clEnqueueReadBuffer(queue, s.buffer().memory, CL.CL_TRUE, (long) s.offset() * Float.BYTES,
                    (long) dst.length * Float.BYTES, Pointer.to(dst), 0, null, null);
        } catch (CLException e) {
            throw new IllegalStateException("reading " + s + " from OpenCL device " + device.info().name() + " failed ("
                    + ClErrors.name(e) + "); an earlier kernel may have failed", e);
        }
        transfers.deviceToHost((long) dst.length * Float.BYTES);
    }

    @Override
    public void release(Tensor tensor) {
        ClTensor t = checks.own(tensor, "release");
        if (!t.isView()) {
            memory.release(t.buffer());
        }
    }

    @Override
    public TransferStats transfers() {
        return transfers.snapshot();
    }

    // ---- ops ---------------------------------------------------------------------------------------

    @Override
    public void linear(Tensor out, Tensor x, Tensor weight, Tensor bias) {
        ClTensor o = checks.activation(out, "linear", "out");
        ClTensor in = checks.own(x, "linear");
        ClTensor w = checks.own(weight, "linear");
        TensorArguments.requireLinearShapes(o, in, w);
        checks.requireDisjoint("linear", o, in, "x");
        ClTensor b = bias == null ? null : vector(bias, w.rows(), "linear", "bias");
        linearKernels.run(o.buffer().memory, o.offset(), in.buffer().memory, in.offset(), in.rows(), w, b);
    }

    @Override
    public void conv1d(Tensor out, Tensor x, Tensor weight, Tensor bias, int stride) {
        ClTensor o = checks.activation(out, "conv1d", "out");
        ClTensor in = checks.own(x, "conv1d");
        ClTensor w = checks.own(weight, "conv1d");
        int stepsOut = TensorArguments.requireConv1dShapes(o, in, w, stride);
        ClTensor b = bias == null ? null : vector(bias, w.rows(), "conv1d", "bias");
        int patchCount = TensorArguments.requireAllocatable(stepsOut, w.cols());
        DeviceBuffer unfolded = patches.atLeast((long) patchCount * Float.BYTES); // [T_out × C_in·3]
        launch("im2col").buffer(unfolded.memory).tensor(in).integer(in.rows()).integer(in.cols()).integer(stepsOut)
                .integer(stride).runOver(patchCount, ELEMENTWISE_GROUP);
        linearKernels.run(o.buffer().memory, o.offset(), unfolded.memory, 0, stepsOut, w, b);
    }

    @Override
    public void gelu(Tensor x) {
        ClTensor t = checks.activation(x, "gelu", "x");
        launch("gelu").tensor(t).integer(t.count()).runOver(t.count(), ELEMENTWISE_GROUP);
    }

    @Override
    public void layerNorm(Tensor out, Tensor x, Tensor gamma, Tensor beta, float eps) {
        ClTensor o = checks.activation(out, "layerNorm", "out");
        ClTensor in = checks.own(x, "layerNorm");
        TensorArguments.requireShape("layerNorm", "out", o, in.rows(), in.cols(), "x " + shape(in));
        ClTensor g = vector(gamma, in.cols(), "layerNorm", "gamma");
        ClTensor b = vector(beta, in.cols(), "layerNorm", "beta");
        launch("layer_norm").tensor(o).tensor(in).tensor(g).tensor(b).integer(in.cols()).real(eps)
                .run(new long[] {(long) in.rows() * ROW_LANES}, new long[] {ROW_LANES});
    }

    @Override
    public void add(Tensor out, Tensor a, Tensor b) {
        ClTensor o = checks.activation(out, "add", "out");
        ClTensor left = checks.own(a, "add");
        ClTensor right = checks.own(b, "add");
        TensorArguments.requireShape("add", "a", left, o.rows(), o.cols(), "out " + shape(o));
        TensorArguments.requireShape("add", "b", right, o.rows(), o.cols(), "out " + shape(o));
        launch("add").tensor(o).tensor(left).tensor(right).integer(o.count()).runOver(o.count(), ELEMENTWISE_GROUP);
    }

    @Override
    public void attention(Tensor out, Tensor q, Tensor k, Tensor v, AttentionSpec spec, Tensor scores) {
        ClTensor o = checks.activation(out, "attention", "out");
        ClTensor query = checks.own(q, "attention");
        ClTensor key = checks.own(k, "attention");
        ClTensor value = checks.own(v, "attention");
        int heads = spec.heads();
        int headDim = TensorArguments.requireAttentionShapes(o, query, key, value, spec, scores);
        if (headDim > AttentionKernels.MAX_HEAD_DIM) {
            throw new IllegalArgumentException("attention: heads of " + headDim + " channels; the opencl kernel handles"
                    + " up to " + AttentionKernels.MAX_HEAD_DIM + " (Whisper's are 64)");
        }
        checks.requireDisjoint("attention", o, query, "q");
        checks.requireDisjoint("attention", o, key, "k");
        checks.requireDisjoint("attention", o, value, "v");
        ClTensor s = null;
        if (scores != null) {
            s = checks.activation(scores, "attention", "scores");
        }
        attentionKernels.run(o, query, key, value, heads, spec.causal(), s);
    }

    @Override
    public void embedding(Tensor out, Tensor table, int[] ids) {
        ClTensor o = checks.activation(out, "embedding", "out");
        ClTensor t = checks.own(table, "embedding");
        TensorArguments.requireEmbeddingIds(o, t, ids);
        DeviceBuffer idBuffer = tokenIds.atLeast((long) ids.length * Sizeof.cl_int);
        writeBytes(idBuffer.memory, 0, (long) ids.length * Sizeof.cl_int, Pointer.to(ids));
        transfers.hostToDevice((long) ids.length * Sizeof.cl_int);
        launch("gather_rows").tensor(o).tensor(t).buffer(idBuffer.memory).integer(t.cols()).integer(ids.length)
                .run(new long[] {KernelLaunch.roundUp(t.cols(), ELEMENTWISE_GROUP), ids.length},
                        new long[] {ELEMENTWISE_GROUP, 1});
    }

    /** Device-side copies only (no indices cross to the device): every source row to staging, then to its destination. */
    @Override
    public void copyRows(Tensor dst, int[] dstRows, Tensor src, int[] srcRows) {
        ClTensor d = checks.activation(dst, "copyRows", "dst");
        ClTensor s = checks.own(src, "copyRows");
        TensorArguments.requireCopyRows(d, dstRows, s, srcRows);
        if (dstRows.length == 0) {
            return;
        }
        long rowBytes = (long) d.cols() * Float.BYTES;
        DeviceBuffer staging = stagedRows.atLeast(rowBytes * srcRows.length); // [rows × cols]
        try {
            for (int i = 0; i < srcRows.length; i++) {
                CL.clEnqueueCopyBuffer(queue, s.buffer().memory, staging.memory,
                        ((long) s.offset() + (long) srcRows[i] * s.cols()) * Float.BYTES, i * rowBytes, rowBytes, 0, null, null);
            }
            for (int i = 0; i < dstRows.length; i++) {
                CL.clEnqueueCopyBuffer(queue, staging.memory, d.buffer().memory, i * rowBytes,
                        ((long) d.offset() + (long) dstRows[i] * d.cols()) * Float.BYTES, rowBytes, 0, null, null);
            }
        } catch (CLException e) {
            throw new IllegalStateException("copyRows on OpenCL device " + device.info().name() + " failed ("
                    + ClErrors.name(e) + ")", e);
        }
    }

    @Override
    public void logSoftmax(Tensor out, Tensor x) {
        ClTensor o = checks.activation(out, "logSoftmax", "out");
        ClTensor in = checks.own(x, "logSoftmax");
        TensorArguments.requireShape("logSoftmax", "out", o, in.rows(), in.cols(), "x " + shape(in));
        launch("log_softmax").tensor(o).tensor(in).integer(in.cols())
                .run(new long[] {(long) in.rows() * ROW_LANES}, new long[] {ROW_LANES});
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            CL.clFinish(queue);
        } finally {
            memory.releaseAll();
            program.close();
            CL.clReleaseCommandQueue(queue);
            CL.clReleaseContext(context);
        }
    }

    void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the opencl backend is closed");
        }
    }

    /** Bytes allocated on the device right now (tensors and scratch). */
    long deviceBytesInUse() {
        return memory.allocatedBytes();
    }

    // ---- helpers -------------------------------------------------------------------------------------

    private KernelLaunch launch(String kernel) {
        return kernels.launch(kernel);
    }

    /** A [1 × n] operand (bias, gamma, beta), weight or activation. */
    private ClTensor vector(Tensor vector, int n, String op, String role) {
        ClTensor v = checks.own(vector, op);
        TensorArguments.requireShape(op, role, v, 1, n, "the " + n + " features it applies to");
        return v;
    }

    /** Blocking, so the host memory may change or be unmapped as soon as this returns. */
    private void writeBytes(cl_mem target, long offsetBytes, long bytes, Pointer source) {
        try {
            CL.clEnqueueWriteBuffer(queue, target, CL.CL_TRUE, offsetBytes, bytes, source, 0, null, null);
        } catch (CLException e) {
            if (ClErrors.isOutOfDeviceMemory(e)) {
                throw new BackendUnavailableException("out of OpenCL device memory writing " + bytes + " bytes to device "
                        + device.info().name() + " (" + ClErrors.name(e) + ")", e);
            }
            throw new IllegalStateException("writing to OpenCL device " + device.info().name() + " failed ("
                    + ClErrors.name(e) + "); an earlier kernel may have failed", e);
        }
    }
}
