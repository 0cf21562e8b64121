package dev.earshot.model.decoding;

import dev.earshot.api.task.LogitFilter;

/**
 * On the first sampled step only, forbids a blank start: the token for {@code " "} and end-of-text
 * (openai's {@code SuppressBlank}).
 */
public final class SuppressBlank implements LogitFilter {

    private final int[] blankTokens;
    private final int endOfText;
    private final int sampleBegin;

    /** @param blankTokens the encoding of a single space ({@code [220]} in both of Whisper's BPEs) */
    public SuppressBlank(int[] blankTokens, int endOfText, int sampleBegin) {
        this.blankTokens = blankTokens.clone();
        this.endOfText = endOfText;
        this.sampleBegin = sampleBegin;
    }

    @Override
    public void apply(float[] logits, int[] sequence, int length) {
        if (length == sampleBegin) {
            for (int id : blankTokens) {
                logits[id] = Float.NEGATIVE_INFINITY;
            }
            logits[endOfText] = Float.NEGATIVE_INFINITY;
        }
    }
}
