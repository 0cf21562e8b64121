package dev.earshot.backend.cuda;

import dev.earshot.api.backend.AttentionSpec;
import dev.earshot.api.backend.Backend;
import dev.earshot.api.backend.BackendUnavailableException;
import dev.earshot.api.backend.DType;
import dev.earshot.api.backend.DeviceInfo;
import dev.earshot.api.backend.Op;
import dev.earshot.api.backend.Tensor;
import dev.earshot.api.backend.TensorArguments;
import dev.earshot.api.backend.TransferCounter;
import dev.earshot.api.backend.TransferStats;
import dev.earshot.api.backend.WeightData;
import jcuda.Pointer;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.CUstream;
import jcuda.driver.CUstream_flags;
import jcuda.driver.JCudaDriver;
import jcuda.jcublas.JCublas2;
import jcuda.jcublas.cublasHandle;
import jcuda.jcublas.cublasOperation;
import jcuda.runtime.cudaStream_t;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.HashMap;
import java.util.Map;

import static dev.earshot.api.backend.TensorArguments.shape;

/**
 * The CUDA backend on one device: weights, activations and KV caches live in device memory; GEMMs (linear, and conv1d
 * after an im2col) are cuBLAS SGEMMs, every other op is one of the shared kernels (earshot-backend-kernels, the very
 * source the OpenCL backend runs and CI tests on PoCL), compiled to PTX at build time. Everything runs in order on one
 * stream; only {@link #upload}, {@link #write}, {@link #read} and the token ids of {@link #embedding} cross the bus.
 *
 * <p>F16 and BF16 weights go up as stored and a kernel widens them to F32 on the device, so every GEMM is FP32 with FP32
 * accumulation, as on the other backends.
 */
final class CudaBackend implements Backend {

    private static final int ROW_LANES = 256;
    private static final int ELEMENTWISE_GROUP = 64;
    private static final int ATTENTION_LANES = 64;
    private static final int QUERY_BLOCK = 32;
    private static final int KEY_TILE = 32;
    /** attention keeps 4 output channels per thread of its 64; attention_query_block keeps a 64-channel head per thread. */
    static final int MAX_HEAD_DIM = 4 * ATTENTION_LANES;

    private final CudaDevices.Found device;
    private final CUcontext context = new CUcontext();
    private final CUstream stream = new CUstream();
    private final CUmodule module = new CUmodule();
    private final cublasHandle blas = new cublasHandle();
    private final Map<String, CUfunction> functions = new HashMap<>();
    private final DeviceMemory memory;
    private final DeviceMemory.Scratch patches;
    private final DeviceMemory.Scratch stagedRows;
    private final DeviceMemory.Scratch tokenIds;
    private final DeviceMemory.Scratch ones;
    private final DeviceAllocation placeholder;
    private final TransferCounter transfers = new TransferCounter();
    private int onesLength;
    private boolean closed;

    CudaBackend(CudaDevices.Found device, String ptx) {
        this.device = device;
        CUdevice handle = new CUdevice();
        JCudaDriver.cuDeviceGet(handle, device.ordinal());
        JCudaDriver.cuCtxCreate(context, 0, handle);
        try {
            JCudaDriver.cuStreamCreate(stream, CUstream_flags.CU_STREAM_DEFAULT);
            try {
                JCudaDriver.cuModuleLoadData(module, ptx);
            } catch (RuntimeException e) {
                throw new BackendUnavailableException("the CUDA driver could not load earshot's PTX (ISA "
                        + KernelPtx.isaVersion(ptx) + ") for " + device.info().name() + " (" + e.getMessage()
                        + "); update the NVIDIA driver", e);
            }
            JCublas2.cublasCreate(blas);
            JCublas2.cublasSetStream(blas, new cudaStream_t(stream));
        } catch (RuntimeException e) {
            JCudaDriver.cuCtxDestroy(context);
            throw e;
        }
        this.memory = new DeviceMemory(new DeviceMemory.Driver() {
            @Override
            public CUdeviceptr allocate(long bytes) {
                CUdeviceptr pointer = new CUdeviceptr();
                JCudaDriver.cuMemAlloc(pointer, bytes);
                return pointer;
            }

            @Override
            public void free(CUdeviceptr pointer) {
                JCudaDriver.cuMemFree(pointer);
            }
        }, device.info().name());
        this.patches = memory.new Scratch("conv1d im2col patches");
        this.stagedRows = memory.new Scratch("copyRows staging");
        this.tokenIds = memory.new Scratch("embedding token ids");
        this.ones = memory.new Scratch("bias broadcast ones");
        this.placeholder = memory.allocate(Float.BYTES, "placeholder argument");
    }

    @Override
    public String name() {
        return CudaBackendProvider.NAME;
    }

    @Override
    public DeviceInfo device() {
        return device.info();
    }

    @Override
    public boolean supports(Op op, DType weightType) {
        return true; // every op, every stored type (F16/BF16 widened on the device at upload)
    }

    // ---- memory ----------------------------------------------------------------------------------------

    @Override
    public Tensor upload(WeightData weight) {
        checkOpen();
        int count = TensorArguments.requireAllocatable(weight.rows(), weight.cols());
        DeviceAllocation widened = memory.allocate((long) count * Float.BYTES, weight.name());
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment stored = weight.nativeData(arena);
            long bytes = stored.byteSize();
            if (weight.dtype() == DType.F32) {
                JCudaDriver.cuMemcpyHtoD(widened.pointer(), Pointer.to(stored.asByteBuffer()), bytes);
            } else {
                DeviceAllocation staging = memory.allocate(bytes, weight.name() + " as stored " + weight.dtype());
                try {
                    JCudaDriver.cuMemcpyHtoD(staging.pointer(), Pointer.to(stored.asByteBuffer()), bytes);
                    String kernel = weight.dtype() == DType.F16 ? "widen_f16" : "widen_bf16";
                    launch(kernel).pointer(widened).pointer(staging).integer(count)
                            .run(LaunchGeometry.over(count, ELEMENTWISE_GROUP));
                    JCudaDriver.cuStreamSynchronize(stream); // the staging block is freed next
                } finally {
                    memory.release(staging);
                }
            }
            transfers.hostToDevice(bytes);
        } catch (RuntimeException e) {
            memory.release(widened);
            throw e;
        }
        return new CudaTensor(this, widened, 0, weight.rows(), weight.cols(), true, false);
    }

    @Override
    public Tensor allocate(int rows, int cols) {
        checkOpen();
        int count = TensorArguments.requireAllocatable(rows, cols);
        DeviceAllocation allocation = memory.allocate((long) count * Float.BYTES, "activation [" + rows + " × " + cols + "]");
        JCudaDriver.cuMemsetD32Async(allocation.pointer(), 0, count, stream);
        return new CudaTensor(this, allocation, 0, rows, cols, false, false);
    }

    @Override
    public Tensor rows(Tensor tensor, int firstRow, int rowCount) {
        CudaTensor t = own(tensor, "rows");
        TensorArguments.requireRowRange(t, firstRow, rowCount);
        return t.rowView(firstRow, rowCount);
    }

    /** Synchronous with respect to the host, and ordered after the stream's work (a blocking stream syncs with it). */
    @Override
    public void write(Tensor dst, float[] src) {
        CudaTensor d = activation(dst, "write", "dst");
        TensorArguments.requireSameSize("write", d, src.length);
        JCudaDriver.cuMemcpyHtoD(d.pointer(), Pointer.to(src), (long) src.length * Float.BYTES);
        transfers.hostToDevice((long) src.length * Float.BYTES);
    }

    @Override
    public void read(Tensor src, float[] dst) {
        CudaTensor s = own(src, "read");
        TensorArguments.requireSameSize("read", s, dst.length);
        try {
            JCudaDriver.cuMemcpyDtoHAsync(Pointer.to(dst), s.pointer(), (long) dst.length * Float.BYTES, stream);
            JCudaDriver.cuStreamSynchronize(stream);
        } catch (RuntimeException e) {
            throw new IllegalStateException("reading " + s + " from CUDA device " + device.info().name() + " failed ("
                    + e.getMessage() + "); an earlier kernel may have failed", e);
        }
        transfers.deviceToHost((long) dst.length * Float.BYTES);
    }

    @Override
    public void release(Tensor tensor) {
        CudaTensor t = own(tensor, "release");
        if (!t.isView()) {
            JCudaDriver.cuStreamSynchronize(stream); // a kernel in flight may still use it
            memory.release(t.allocation());
        }
    }

    @Override
    public TransferStats transfers() {
        return transfers.snapshot();
    }

    // ---- ops ---------------------------------------------------------------------------------------

    @Override
    public void linear(Tensor out, Tensor x, Tensor weight, Tensor bias) {
        CudaTensor o = activation(out, "linear", "out");
        CudaTensor in = own(x, "linear");
        CudaTensor w = own(weight, "linear");
        TensorArguments.requireLinearShapes(o, in, w);
        requireDisjoint("linear", o, in, "x");
        CudaTensor b = bias == null ? null : vector(bias, w.rows(), "linear", "bias");
        gemm(o.pointer(), in.pointer(), in.rows(), w, b);
    }

    /** out [rows × W.rows] = x·Wᵀ (+ b) through cuBLAS; see {@link GemmPlan} for the row-/column-major mapping. */
    private void gemm(CUdeviceptr out, CUdeviceptr x, int rows, CudaTensor w, CudaTensor bias) {
        GemmPlan plan = GemmPlan.linear(rows, w.rows(), w.cols());
        Pointer one = Pointer.to(new float[] {1f});
        JCublas2.cublasSgemm(blas, plan.transposeA() ? cublasOperation.CUBLAS_OP_T : cublasOperation.CUBLAS_OP_N,
                plan.transposeB() ? cublasOperation.CUBLAS_OP_T : cublasOperation.CUBLAS_OP_N, plan.m(), plan.n(), plan.k(),
                one, w.pointer(), plan.lda(), x, plan.ldb(), Pointer.to(new float[] {0f}), out, plan.ldc());
        if (bias != null) {
            JCublas2.cublasSger(blas, plan.biasRows(), plan.biasColumns(), one, bias.pointer(), 1,
                    onesOfLength(plan.biasColumns()), 1, out, plan.ldc());
        }
    }

    /** A device vector of at least {@code n} ones, the y of the bias's rank-1 update. */
    private CUdeviceptr onesOfLength(int n) {
        DeviceAllocation vector = ones.atLeast((long) n * Float.BYTES);
        int length = (int) (vector.bytes() / Float.BYTES);
        if (length != onesLength) {
            JCudaDriver.cuMemsetD32Async(vector.pointer(), Float.floatToRawIntBits(1f), length, stream);
            onesLength = length;
        }
        return vector.pointer();
    }

    @Override
    public void conv1d(Tensor out, Tensor x, Tensor weight, Tensor bias, int stride) {
        CudaTensor o = activation(out, "conv1d", "out");
        CudaTensor in = own(x, "conv1d");
        CudaTensor w = own(weight, "conv1d");
        int stepsOut = TensorArguments.requireConv1dShapes(o, in, w, stride);
        CudaTensor b = bias == null ? null : vector(bias, w.rows(), "conv1d", "bias");
        int patchCount = TensorArguments.requireAllocatable(stepsOut, w.cols());
        DeviceAllocation unfolded = patches.atLeast((long) patchCount * Float.BYTES); // [T_out × C_in·3]
        launch("im2col").pointer(unfolded).tensor(in).integer(in.rows()).integer(in.cols()).integer(stepsOut)
                .integer(stride).run(LaunchGeometry.over(patchCount, ELEMENTWISE_GROUP));
        gemm(o.pointer(), unfolded.pointer(), stepsOut, w, b);
    }

    @Override
    public void gelu(Tensor x) {
        CudaTensor t = activation(x, "gelu", "x");
        launch("gelu").tensor(t).integer(t.count()).run(LaunchGeometry.over(t.count(), ELEMENTWISE_GROUP));
    }

    @Override
    public void layerNorm(Tensor out, Tensor x, Tensor gamma, Tensor beta, float eps) {
        CudaTensor o = activation(out, "layerNorm", "out");
        CudaTensor in = own(x, "layerNorm");
        TensorArguments.requireShape("layerNorm", "out", o, in.rows(), in.cols(), "x " + shape(in));
        CudaTensor g = vector(gamma, in.cols(), "layerNorm", "gamma");
        CudaTensor b = vector(beta, in.cols(), "layerNorm", "beta");
        launch("layer_norm").tensor(o).tensor(in).tensor(g).tensor(b).integer(in.cols()).real(eps)
                .run(rowGroups(in.rows()));
    }

    @Override
    public void add(Tensor out, Tensor a, Tensor b) {
        CudaTensor o = activation(out, "add", "out");
        CudaTensor left = own(a, "add");
        CudaTensor right = own(b, "add");
        TensorArguments.requireShape("add", "a", left, o.rows(), o.cols(), "out " + shape(o));
        TensorArguments.requireShape("add", "b", right, o.rows(), o.cols(), "out " + shape(o));
        launch("add").tensor(o).tensor(left).tensor(right).integer(o.count())
                .run(LaunchGeometry.over(o.count(), ELEMENTWISE_GROUP));
    }

    @Override
    public void attention(Tensor out, Tensor q, Tensor k, Tensor v, AttentionSpec spec, Tensor scores) {
        CudaTensor o = activation(out, "attention", "out");
        CudaTensor query = own(q, "attention");
        CudaTensor key = own(k, "attention");
        CudaTensor value = own(v, "attention");
        int heads = spec.heads();
        int headDim = TensorArguments.requireAttentionShapes(o, query, key, value, spec, scores);
        int d = query.cols();
        if (headDim > MAX_HEAD_DIM) {
            throw new IllegalArgumentException("attention: heads of " + headDim + " channels; the cuda kernel handles up to "
                    + MAX_HEAD_DIM + " (Whisper's are 64)");
        }
        requireDisjoint("attention", o, query, "q");
        requireDisjoint("attention", o, key, "k");
        requireDisjoint("attention", o, value, "v");
        CudaTensor s = null;
        if (scores != null) {
            s = activation(scores, "attention", "scores");
        }
        // Many queries (encoder, prompts): one thread per query with keys staged in shared memory; few queries (a
        // decode step): a block per query, so the keys of one step are still read by many threads at once.
        boolean queryBlocks = query.rows() >= QUERY_BLOCK && headDim <= 64;
        CudaLaunch launch = launch(queryBlocks ? "attention_query_block" : "attention").tensor(o).tensor(query).tensor(key)
                .tensor(value);
        if (s == null) {
            launch.pointer(placeholder).integer(0).integer(0);
        } else {
            launch.tensor(s).integer(1);
        }
        // openai scales q and k by headDim^−¼ each; one factor of headDim^−½ on q is the same up to rounding
        launch.integer(query.rows()).integer(key.rows()).integer(d).integer(headDim).integer(spec.causal() ? 1 : 0)
                .real((float) (1 / Math.sqrt(headDim)));
        if (queryBlocks) {
            launch.run(LaunchGeometry.of(new long[] {LaunchGeometry.roundUp(query.rows(), QUERY_BLOCK), heads},
                    new long[] {QUERY_BLOCK, 1}, 2L * KEY_TILE * headDim * Float.BYTES));
        } else {
            launch.run(LaunchGeometry.of(new long[] {(long) query.rows() * ATTENTION_LANES, heads},
                    new long[] {ATTENTION_LANES, 1}, (long) headDim * Float.BYTES));
        }
    }

    @Override
    public void embedding(Tensor out, Tensor table, int[] ids) {
        CudaTensor o = activation(out, "embedding", "out");
        CudaTensor t = own(table, "embedding");
        TensorArguments.requireEmbeddingIds(o, t, ids);
        DeviceAllocation idBuffer = tokenIds.atLeast((long) ids.length * Integer.BYTES);
        JCudaDriver.cuMemcpyHtoD(idBuffer.pointer(), Pointer.to(ids), (long) ids.length * Integer.BYTES);
        transfers.hostToDevice((long) ids.length * Integer.BYTES);
        launch("gather_rows").tensor(o).tensor(t).pointer(idBuffer).integer(t.cols()).integer(ids.length)
                .run(LaunchGeometry.of(new long[] {LaunchGeometry.roundUp(t.cols(), ELEMENTWISE_GROUP), ids.length},
                        new long[] {ELEMENTWISE_GROUP, 1}, 0));
    }

    /** Device-side copies only: every source row to staging, then to its destination (so permutations in place work). */
    @Override
    public void copyRows(Tensor dst, int[] dstRows, Tensor src, int[] srcRows) {
        CudaTensor d = activation(dst, "copyRows", "dst");
        CudaTensor s = own(src, "copyRows");
        TensorArguments.requireCopyRows(d, dstRows, s, srcRows);
        if (dstRows.length == 0) {
            return;
        }
        long rowBytes = (long) d.cols() * Float.BYTES;
        DeviceAllocation staging = stagedRows.atLeast(rowBytes * srcRows.length);
        for (int i = 0; i < srcRows.length; i++) {
            JCudaDriver.cuMemcpyDtoDAsync(staging.pointer().withByteOffset(i * rowBytes),
                    s.pointer().withByteOffset(srcRows[i] * rowBytes), rowBytes, stream);
        }
        for (int i = 0; i < dstRows.length; i++) {
            JCudaDriver.cuMemcpyDtoDAsync(d.pointer().withByteOffset(dstRows[i] * rowBytes),
                    staging.pointer().withByteOffset(i * rowBytes), rowBytes, stream);
        }
    }

    @Override
    public void logSoftmax(Tensor out, Tensor x) {
        CudaTensor o = activation(out, "logSoftmax", "out");
        CudaTensor in = own(x, "logSoftmax");
        TensorArguments.requireShape("logSoftmax", "out", o, in.rows(), in.cols(), "x " + shape(in));
        launch("log_softmax").tensor(o).tensor(in).integer(in.cols()).run(rowGroups(in.rows()));
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            JCudaDriver.cuStreamSynchronize(stream);
        } finally {
            memory.releaseAll();
            JCublas2.cublasDestroy(blas);
            JCudaDriver.cuModuleUnload(module);
            JCudaDriver.cuStreamDestroy(stream);
            JCudaDriver.cuCtxDestroy(context);
        }
    }

    /** Bytes allocated on the device right now (tensors and scratch). */
    long deviceBytesInUse() {
        return memory.allocatedBytes();
    }

    // ---- helpers -------------------------------------------------------------------------------------

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the cuda backend is closed");
        }
    }

    /** Binds this backend's context to the calling thread (the driver API keeps a current context per thread). */
    private CudaLaunch launch(String kernel) {
        JCudaDriver.cuCtxSetCurrent(context);
        CUfunction function = functions.computeIfAbsent(kernel, name -> {
            CUfunction f = new CUfunction();
            JCudaDriver.cuModuleGetFunction(f, module, name);
            return f;
        });
        return new CudaLaunch(kernel, function, stream);
    }

    private static LaunchGeometry rowGroups(int rows) {
        return LaunchGeometry.of(new long[] {(long) rows * ROW_LANES}, new long[] {ROW_LANES}, 0);
    }

    private CudaTensor own(Tensor tensor, String op) {
        checkOpen();
        JCudaDriver.cuCtxSetCurrent(context);
        if (tensor == null) {
            throw new IllegalArgumentException(op + ": a tensor argument is null");
        }
        if (!(tensor instanceof CudaTensor t) || t.owner() != this) {
            throw new IllegalArgumentException(op + ": tensor " + shape(tensor) + " (" + tensor.getClass().getSimpleName()
                    + ") belongs to another backend; tensors cannot be shared between backends");
        }
        if (t.allocation().isReleased()) {
            throw new IllegalStateException(op + ": " + t + " was released");
        }
        return t;
    }

    private CudaTensor activation(Tensor tensor, String op, String role) {
        CudaTensor t = own(tensor, op);
        if (t.isWeight()) {
            throw new IllegalArgumentException(op + ": " + role + " must be an activation from allocate(), not " + t
                    + " (weights are read-only)");
        }
        return t;
    }

    private static void requireDisjoint(String op, CudaTensor out, CudaTensor input, String role) {
        if (out.overlaps(input)) {
            throw new IllegalArgumentException(op + ": out " + shape(out) + " overlaps " + role + " " + shape(input)
                    + "; this op cannot run in place");
        }
    }

    private CudaTensor vector(Tensor vector, int n, String op, String role) {
        CudaTensor v = own(vector, op);
        TensorArguments.requireShape(op, role, v, 1, n, "the " + n + " features it applies to");
        return v;
    }
}
