package dev.earshot.api.backend;

/**
 * Tensor operations on one device. The Whisper model is written once against this interface
 * (see {@code package-info} for how each op maps onto OpenCL and TornadoVM).
 *
 * <p>Rules every implementation follows:
 * <ul>
 *   <li>Weights are uploaded once per model ({@link #upload}); activations come from {@link #allocate}.
 *       Ops write into outputs the caller owns and allocate nothing themselves, so a forward pass
 *       allocates nothing after its session is set up.</li>
 *   <li>Host↔device copies happen only in {@link #upload}, {@link #write} and {@link #read}, and are
 *       counted in {@link #transfers()}.</li>
 *   <li>Tensors of another backend are refused with an {@link IllegalArgumentException}.</li>
 *   <li>Shapes are checked; a mismatch is an {@link IllegalArgumentException} naming both shapes.</li>
 *   <li>Ops may run asynchronously on a device; {@link #read} waits for everything before it.</li>
 * </ul>
 * A backend is used by one thread at a time; open one per concurrent stream, or share one model's
 * weights through sessions that serialise on it.
 */
public interface Backend extends AutoCloseable {

    /** The provider's name, e.g. {@code cpu}. */
    String name();

    DeviceInfo device();

    /** Whether {@code op} runs here when its weights are stored as {@code weightType}; asked, never probed. */
    boolean supports(Op op, DType weightType);

    // ---- memory ----------------------------------------------------------------------------------

    /** Makes a weight tensor resident on the device, keeping its storage type if the backend supports it. */
    Tensor upload(WeightData weight);

    /** A new F32 activation tensor [rows × cols], zero-filled. */
    Tensor allocate(int rows, int cols);

    /**
     * A new activation tensor [rows × cols] of {@code type}, zero-filled. F32 is {@link #allocate(int, int)}. F16,
     * where {@link #supportsActivations} says so, holds a cache the model reads far more often than it writes (the
     * decoder's cross-attention keys and values): {@link #linear} may write it as {@code out} (each element the
     * F32 result rounded to nearest-even half) and {@link #write} fill it the same way, {@link #attention} may read
     * it as {@code k} and {@code v} (each element widened exactly), and {@link #rows}, {@link #read} and
     * {@link #release} take it; every other op refuses it with an {@link IllegalArgumentException}.
     *
     * @throws UnsupportedOperationException if this backend does not keep activations of {@code type}
     */
    default Tensor allocate(int rows, int cols, DType type) {
        if (type == DType.F32) {
            return allocate(rows, cols);
        }
        throw new UnsupportedOperationException("the " + name() + " backend keeps activations in F32 only, not " + type
                + "; ask supportsActivations(" + type + ") first, or keep the cache in F32");
    }

    /** Whether {@link #allocate(int, int, DType)} makes activations of {@code type}: F32 always. */
    default boolean supportsActivations(DType type) {
        return type == DType.F32;
    }

    /** Rows [firstRow, firstRow + rowCount) of {@code tensor}, sharing its storage (KV-cache prefixes, last rows). */
    Tensor rows(Tensor tensor, int firstRow, int rowCount);

    /** Host → device: {@code src} fills {@code dst} (row-major, exactly its size). */
    void write(Tensor dst, float[] src);

    /** Device → host: all of {@code src} into {@code dst} (row-major, exactly its size). Waits for pending ops. */
    void read(Tensor src, float[] dst);

    /** Releases a tensor made by {@link #allocate} or {@link #upload}; releasing a view does nothing. */
    void release(Tensor tensor);

    /** Counts of host↔device copies since the backend was opened. */
    TransferStats transfers();

    // ---- ops (outputs first, all caller-owned) ----------------------------------------------------

    /**
     * {@code out[r] = x[r]·Wᵀ + b}: x [n × in], weight [out × in], bias [1 × out] or null, out [n × out].
     * {@code out} must not overlap {@code x}.
     */
    void linear(Tensor out, Tensor x, Tensor weight, Tensor bias);

    /**
     * 1-D convolution with kernel 3 and padding 1 over time-major activations: x [T_in × C_in],
     * weight [C_out × C_in·3] (PyTorch [C_out, C_in, 3]), bias [1 × C_out], out [T_out × C_out] with
     * T_out = (T_in − 1) / stride + 1.
     */
    void conv1d(Tensor out, Tensor x, Tensor weight, Tensor bias, int stride);

    /** {@code x = x · Φ(x)}, the exact (erf) GELU, in place. */
    void gelu(Tensor x);

    /** Per row: {@code out = (x − mean) / sqrt(var + eps) · gamma + beta}, population variance; {@code out} may be {@code x}. */
    void layerNorm(Tensor out, Tensor x, Tensor gamma, Tensor beta, float eps);

    /** {@code out = a + b}, all the same shape; {@code out} may be {@code a} or {@code b}. */
    void add(Tensor out, Tensor a, Tensor b);

    /**
     * Multi-head attention: out [T_q × d] = softmax(scores) · v per head, q [T_q × d], k and v [T_k × d].
     * When {@code scores} is not null it receives the pre-softmax scaled scores, [heads·T_q × T_k]
     * (head-major), which word-level timestamps need; positions the causal mask hides hold −∞, as openai's
     * masked {@code qk}. {@code out} must not overlap {@code q}, {@code k} or {@code v}; T_q ≤ T_k when causal.
     */
    void attention(Tensor out, Tensor q, Tensor k, Tensor v, AttentionSpec spec, Tensor scores);

    /** {@code out[i] = table[ids[i]]}: out [ids.length × d], table [vocab × d] (weights, any stored type). */
    void embedding(Tensor out, Tensor table, int[] ids);

    /** {@code dst[dstRows[i]] = src[srcRows[i]]}; src and dst may be the same tensor (a permutation is done through a copy). */
    void copyRows(Tensor dst, int[] dstRows, Tensor src, int[] srcRows);

    /** Per row: {@code out = x − logsumexp(x)}; {@code out} may be {@code x}. */
    void logSoftmax(Tensor out, Tensor x);

    /** Releases everything this backend holds on the device. */
    @Override
    void close();
}
