package dev.earshot.api.task;

import java.util.List;

/**
 * One decoded window.
 *
 * @param tokens              the sampled tokens, timestamps included, without end-of-text
 * @param text                the decoded text, timestamps dropped, stripped
 * @param averageLogProbability mean log-probability of the sampled tokens (openai's avg_logprob)
 * @param noSpeechProbability probability of {@code <|nospeech|>} at {@code <|startoftranscript|>}
 */
public record WindowResult(List<Integer> tokens, String text, double averageLogProbability, double noSpeechProbability) {

    public WindowResult {
        tokens = List.copyOf(tokens);
    }
}
