package dev.earshot.model.nn;

/** One decoder block: causal self-attention, cross-attention to the audio, MLP; each pre-norm and residual. */
public record DecoderBlockWeights(NormWeights selfAttentionNorm, AttentionWeights selfAttention,
                                  NormWeights crossAttentionNorm, AttentionWeights crossAttention,
                                  NormWeights mlpNorm, MlpWeights mlp) {
}
