package dev.earshot.model.decoding;

import dev.earshot.api.prompt.Language;

/**
 * What decoding one window gave (openai's {@code DecodingResult}).
 *
 * @param language         the language decoded in (given, or detected)
 * @param tokens           the sampled tokens, timestamps included, without the final end-of-text
 * @param text             {@code decode(tokens).strip()}: timestamps dropped
 * @param averageLogProbability {@code sumLogProbability / (tokens.length + 1)}
 * @param sumLogProbability the float32 running sum of the chosen tokens' log-probabilities
 * @param noSpeechProbability probability of {@code <|nospeech|>} at the {@code <|startoftranscript|>} position
 * @param temperature      the sampling temperature used
 * @param compressionRatio UTF-8 length of the text over its zlib-compressed length
 */
public record DecodingResult(Language language, int[] tokens, String text, double averageLogProbability,
                             float sumLogProbability, float noSpeechProbability, double temperature,
                             double compressionRatio) {
}
