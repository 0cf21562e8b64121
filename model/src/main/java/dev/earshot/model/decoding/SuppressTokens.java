package dev.earshot.model.decoding;

import dev.earshot.api.task.LogitFilter;

/** Forbids a fixed set of ids at every step (openai's {@code SuppressTokens}). */
public final class SuppressTokens implements LogitFilter {

    private final int[] ids;

    public SuppressTokens(int[] ids) {
        this.ids = ids.clone();
    }

    @Override
    public void apply(float[] logits, int[] sequence, int length) {
        for (int id : ids) {
            logits[id] = Float.NEGATIVE_INFINITY;
        }
    }
}
