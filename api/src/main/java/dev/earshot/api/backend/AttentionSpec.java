package dev.earshot.api.backend;

/**
 * Shape of one multi-head attention call. Queries [T_q × d], keys and values [T_k × d], d = heads · headDim.
 * Scores are {@code (q·s)(k·s)ᵀ} with {@code s = headDim^−¼} on each side, as openai/whisper scales them.
 * With {@code causal}, query i (the last T_q of T_k positions) sees keys {@code j ≤ i + T_k − T_q}: the
 * self-attention mask for a prompt pass and for a KV-cached step alike.
 */
public record AttentionSpec(int heads, boolean causal) {

    public AttentionSpec {
        if (heads <= 0) {
            throw new IllegalArgumentException("heads must be positive");
        }
    }
}
