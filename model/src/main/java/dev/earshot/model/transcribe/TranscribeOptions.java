package dev.earshot.model.transcribe;

import dev.earshot.model.decoding.DecodingOptions;

import java.util.List;

/**
 * Options of openai's {@code transcribe()} beyond the per-window decoding options, with its defaults.
 *
 * @param decoding               per-window options; their language null means "detect on the first window",
 *                               their prompt is replaced by the previous windows' text
 * @param noSpeechThreshold      skip a window whose no-speech probability is above this (and whose average
 *                               log-probability is below {@code logProbThreshold}); null to never skip
 * @param logProbThreshold       see above; null disables the exception
 * @param conditionOnPreviousText feed each window the text of the previous ones as a prompt
 * @param initialPrompt          text tokens to start the prompt with, or empty
 * @param carryInitialPrompt     keep {@code initialPrompt} at the start of every window's prompt
 * @param clipTimestamps         seconds: start,end pairs of the parts to transcribe (an odd last start runs
 *                               to the end); empty for the whole audio
 */
public record TranscribeOptions(DecodingOptions decoding, Double noSpeechThreshold, Double logProbThreshold,
                                boolean conditionOnPreviousText, int[] initialPrompt, boolean carryInitialPrompt,
                                List<Double> clipTimestamps) {

    public TranscribeOptions {
        initialPrompt = initialPrompt == null ? new int[0] : initialPrompt.clone();
        clipTimestamps = List.copyOf(clipTimestamps);
        for (double t : clipTimestamps) {
            if (!(t >= 0)) {
                throw new IllegalArgumentException("clip timestamps must be seconds >= 0, not " + t);
            }
        }
    }

    /** openai's defaults: thresholds 0.6 and −1.0, conditioned on previous text, whole audio. */
    public static TranscribeOptions defaults(DecodingOptions decoding) {
        return new TranscribeOptions(decoding, 0.6, -1.0, true, new int[0], false, List.of());
    }

    public TranscribeOptions withDecoding(DecodingOptions newDecoding) {
        return new TranscribeOptions(newDecoding, noSpeechThreshold, logProbThreshold, conditionOnPreviousText,
                initialPrompt, carryInitialPrompt, clipTimestamps);
    }
}
