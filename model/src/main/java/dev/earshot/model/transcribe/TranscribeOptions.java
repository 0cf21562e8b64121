package dev.earshot.model.transcribe;

import dev.earshot.model.decoding.DecodingOptions;

import java.util.List;

/**
 * Options of openai's {@code transcribe()} beyond the per-window decoding options, with its defaults.
 *
 * @param decoding               per-window options; their language null means "detect on the first window",
 *                               their prompt is replaced by the previous windows' text, their temperature by
 *                               each of {@code temperatures} in turn
 * @param temperatures           tried in order until a window's result passes the thresholds below (openai's
 *                               fallback); beam size applies at 0, best-of above 0
 * @param compressionRatioThreshold retry hotter when the text compresses better than this (a repetition loop);
 *                               null to never
 * @param noSpeechThreshold      skip a window whose no-speech probability is above this (and whose average
 *                               log-probability is below {@code logProbThreshold}); null to never skip
 * @param logProbThreshold       see above; null disables the exception
 * @param conditionOnPreviousText feed each window the text of the previous ones as a prompt
 * @param initialPrompt          text tokens to start the prompt with, or empty
 * @param carryInitialPrompt     keep {@code initialPrompt} at the start of every window's prompt
 * @param clipTimestamps         seconds: start,end pairs of the parts to transcribe (an odd last start runs
 *                               to the end); empty for the whole audio
 * @param wordTimestamps         word-level timestamps and their options, or null for segments only
 */
public record TranscribeOptions(DecodingOptions decoding, List<Double> temperatures, Double compressionRatioThreshold,
                                Double noSpeechThreshold, Double logProbThreshold,
                                boolean conditionOnPreviousText, int[] initialPrompt, boolean carryInitialPrompt,
                                List<Double> clipTimestamps, WordTimestampOptions wordTimestamps) {

    public TranscribeOptions {
        temperatures = List.copyOf(temperatures);
        if (temperatures.isEmpty()) {
            throw new IllegalArgumentException("give at least one temperature");
        }
        for (double t : temperatures) {
            if (!(t >= 0)) {
                throw new IllegalArgumentException("temperatures must be >= 0, not " + t);
            }
        }
        initialPrompt = initialPrompt == null ? new int[0] : initialPrompt.clone();
        clipTimestamps = List.copyOf(clipTimestamps);
        for (double t : clipTimestamps) {
            if (!(t >= 0)) {
                throw new IllegalArgumentException("clip timestamps must be seconds >= 0, not " + t);
            }
        }
    }

    /** openai's fallback temperatures: 0, 0.2, …, 1.0. */
    public static final List<Double> FALLBACK_TEMPERATURES = List.of(0.0, 0.2, 0.4, 0.6, 0.8, 1.0);

    /**
     * openai's {@code transcribe()} defaults: the fallback temperatures, thresholds 2.4 / 0.6 / −1.0,
     * conditioned on previous text, the whole audio.
     */
    public static TranscribeOptions defaults(DecodingOptions decoding) {
        return new TranscribeOptions(decoding, FALLBACK_TEMPERATURES, 2.4, 0.6, -1.0, true, new int[0], false, List.of(), null);
    }
}
