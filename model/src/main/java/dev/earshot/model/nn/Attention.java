package dev.earshot.model.nn;

import dev.earshot.api.backend.AttentionSpec;
import dev.earshot.api.backend.Backend;
import dev.earshot.api.backend.Tensor;

/** The attention sub-layer shared by encoder and decoder blocks, over caller-owned buffers. */
final class Attention {

    private Attention() {
    }

    /**
     * {@code residual += out(attention(query(input), keys, values))}.
     *
     * @param query    [T × d] scratch for the projected queries
     * @param context  [T × d] scratch for the attention output
     * @param projected [T × d] scratch for the output projection
     * @param scores   null, or [heads·T × T_k] to receive pre-softmax scores
     */
    static void addAttention(Backend backend, AttentionWeights weights, AttentionSpec spec, Tensor residual, Tensor input,
                             Tensor keys, Tensor values, Tensor query, Tensor context, Tensor projected, Tensor scores) {
        backend.linear(query, input, weights.query().weight(), weights.query().bias());
        backend.attention(context, query, keys, values, spec, scores);
        backend.linear(projected, context, weights.out().weight(), weights.out().bias());
        backend.add(residual, residual, projected);
    }

    /** {@code residual += down(GELU(up(input)))}; hidden is [T × width], projected [T × d]. */
    static void addMlp(Backend backend, MlpWeights weights, Tensor residual, Tensor input, Tensor hidden, Tensor projected) {
        backend.linear(hidden, input, weights.up().weight(), weights.up().bias());
        backend.gelu(hidden);
        backend.linear(projected, hidden, weights.down().weight(), weights.down().bias());
        backend.add(residual, residual, projected);
    }

    static void norm(Backend backend, NormWeights weights, Tensor out, Tensor x) {
        backend.layerNorm(out, x, weights.gamma(), weights.beta(), LAYER_NORM_EPS);
    }

    /** PyTorch's LayerNorm default, which Whisper uses everywhere. */
    static final float LAYER_NORM_EPS = 1e-5f;
}
