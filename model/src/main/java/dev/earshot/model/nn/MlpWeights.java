package dev.earshot.model.nn;

/** The block MLP: d → width, GELU, width → d. */
public record MlpWeights(LinearWeights up, LinearWeights down) {
}
