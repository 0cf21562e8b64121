package dev.earshot.api.backend;

/**
 * The operations Whisper needs. A backend answers {@link Backend#supports(Op, DType)} for each, with the
 * weight type it would read; the model asks before it relies on a fused form and falls back to the
 * primitives otherwise.
 */
public enum Op {
    /** {@code out = x·Wᵀ + b}, W stored [out_features × in_features] (PyTorch orientation). */
    LINEAR,
    /** 1-D convolution, kernel 3, padding 1, stride 1 or 2. */
    CONV1D,
    /** GELU, erf form, in place. */
    GELU,
    /** Layer normalisation over each row. */
    LAYER_NORM,
    /** Element-wise {@code out = a + b}. */
    ADD,
    /** Multi-head scaled dot-product attention with optional causal mask. */
    ATTENTION,
    /** Row gather from an embedding table. */
    EMBEDDING,
    /** Row copy between tensors (KV-cache reorder for beams, slicing). */
    COPY_ROWS,
    /** Per-row log-softmax. */
    LOG_SOFTMAX
}
