package dev.earshot.model.nn;

import dev.earshot.api.backend.Tensor;

/** LayerNorm scale and shift, [1 × d] each. */
public record NormWeights(Tensor gamma, Tensor beta) {
}
