package dev.earshot.model.nn;

import dev.earshot.api.backend.Tensor;

/** A linear layer on the device: weight [out × in] and bias [1 × out], or no bias (attention keys). */
public record LinearWeights(Tensor weight, Tensor bias) {
}
