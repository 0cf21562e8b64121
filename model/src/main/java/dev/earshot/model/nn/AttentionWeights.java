package dev.earshot.model.nn;

/** Multi-head attention projections; the key projection has no bias in Whisper. */
public record AttentionWeights(LinearWeights query, LinearWeights key, LinearWeights value, LinearWeights out) {
}
