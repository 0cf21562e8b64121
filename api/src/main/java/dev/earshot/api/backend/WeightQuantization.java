package dev.earshot.api.backend;

/**
 * Whether a backend may trade exactness for speed by reading some weights in a quantized copy.
 *
 * <p>{@link #NONE} (the default) computes with the checkpoint's weights as stored, and gives openai/whisper's
 * tokens. {@link #Q8_0} lets the backend keep an 8-bit copy, blocks of 32 elements with one scale each, like
 * ggml's q8_0, of the weights a decoded token streams from memory (the decoder's projections and the logits);
 * a token step is bound by that stream, so about half the bytes make it faster, and the results change by the
 * rounding of each weight to 1/254 of its block's largest magnitude. Only the cpu backend implements it; the
 * others refuse it when opened.
 */
public enum WeightQuantization {
    NONE,
    Q8_0
}
