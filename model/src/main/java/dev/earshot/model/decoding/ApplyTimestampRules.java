package dev.earshot.model.decoding;

import dev.earshot.api.task.LogitFilter;

import dev.earshot.api.prompt.SpecialTokens;

import java.util.Arrays;

/**
 * The timestamp grammar of Whisper's output (openai's {@code ApplyTimestampRules}):
 * <ol>
 *   <li>{@code <|notimestamps|>} is never sampled.</li>
 *   <li>Timestamps come in pairs: after a timestamp that follows a timestamp (or starts the output) text must
 *       come; after a timestamp that follows text only a timestamp or end-of-text may come.</li>
 *   <li>Timestamps never decrease, and a segment that just closed cannot be empty.</li>
 *   <li>The first sampled token is a timestamp no later than {@code maxInitialTimestampIndex}.</li>
 *   <li>When the timestamps together are likelier than the likeliest text token, a timestamp is forced.</li>
 * </ol>
 */
public final class ApplyTimestampRules implements LogitFilter {

    private final SpecialTokens specials;
    private final int sampleBegin;
    private final Integer maxInitialTimestampIndex; // null: no limit

    /**
     * @param maxInitialTimestampIndex the latest allowed first timestamp, in 20 ms steps
     *                                 ({@code round(max_initial_timestamp / 0.02)}), or null for none
     */
    public ApplyTimestampRules(SpecialTokens specials, int sampleBegin, Integer maxInitialTimestampIndex) {
        this.specials = specials;
        this.sampleBegin = sampleBegin;
        this.maxInitialTimestampIndex = maxInitialTimestampIndex;
    }

    @Override
    public void apply(float[] logits, int[] sequence, int length) {
        int timestampBegin = specials.timestampBegin();
        int eot = specials.eot();
        logits[specials.noTimestamps()] = Float.NEGATIVE_INFINITY;

        int sampled = length - sampleBegin;
        boolean lastWasTimestamp = sampled >= 1 && sequence[length - 1] >= timestampBegin;
        boolean penultimateWasTimestamp = sampled < 2 || sequence[length - 2] >= timestampBegin;
        if (lastWasTimestamp) {
            if (penultimateWasTimestamp) {
                fill(logits, timestampBegin, logits.length);
            } else {
                fill(logits, 0, eot);
            }
        }
        int lastTimestamp = -1;
        for (int i = length - 1; i >= sampleBegin; i--) {
            if (sequence[i] >= timestampBegin) {
                lastTimestamp = sequence[i];
                break;
            }
        }
        if (lastTimestamp >= 0) {
            // A segment that just closed may repeat its end as the next start; otherwise move forward.
            int firstAllowed = lastWasTimestamp && !penultimateWasTimestamp ? lastTimestamp : lastTimestamp + 1;
            fill(logits, timestampBegin, firstAllowed);
        }
        if (length == sampleBegin) {
            fill(logits, 0, timestampBegin);
            if (maxInitialTimestampIndex != null) {
                fill(logits, timestampBegin + maxInitialTimestampIndex + 1, logits.length);
            }
        }

        // Compare the timestamps' total probability with the best text token's, in log space.
        double max = Double.NEGATIVE_INFINITY;
        for (float v : logits) {
            max = Math.max(max, v);
        }
        double timestampSum = 0;
        double maxTextLogit = Double.NEGATIVE_INFINITY;
        for (int id = 0; id < logits.length; id++) {
            if (id >= timestampBegin) {
                timestampSum += Math.exp(logits[id] - max);
            } else {
                maxTextLogit = Math.max(maxTextLogit, logits[id]);
            }
        }
        double timestampLogSum = Math.log(timestampSum) + max; // both sides share log_softmax's normaliser
        if (timestampLogSum > maxTextLogit) {
            fill(logits, 0, timestampBegin);
        }
    }

    private static void fill(float[] logits, int from, int to) {
        if (from < to) {
            Arrays.fill(logits, from, Math.min(to, logits.length), Float.NEGATIVE_INFINITY);
        }
    }
}
