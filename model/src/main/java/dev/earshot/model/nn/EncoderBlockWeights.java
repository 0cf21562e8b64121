package dev.earshot.model.nn;

/** One encoder block: pre-norm self-attention, then pre-norm MLP, each added to the residual stream. */
public record EncoderBlockWeights(NormWeights attentionNorm, AttentionWeights attention, NormWeights mlpNorm, MlpWeights mlp) {
}
