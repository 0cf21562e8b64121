package dev.earshot.model.decoding;

import dev.earshot.api.prompt.Language;
import dev.earshot.api.prompt.SpecialTokens;
import dev.earshot.api.result.LanguageProbabilities;
import dev.earshot.model.WhisperSession;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * openai's {@code detect_language}: one decoder pass over {@code <|startoftranscript|>} alone, logits at
 * that position restricted to the language tokens, softmax. Leaves the session's token cache empty.
 */
public final class LanguageDetector {

    private LanguageDetector() {
    }

    /**
     * @throws IllegalArgumentException for an English-only model, which was not trained to identify languages
     */
    public static LanguageProbabilities detect(WhisperSession session, SpecialTokens specials) {
        if (!specials.layout().isMultilingual()) {
            throw new IllegalArgumentException("this model is English-only and cannot identify languages; "
                    + "pass the language (en) instead");
        }
        session.rewind(0);
        float[] logits = session.decode(specials.sot());
        session.rewind(0);
        int[] languageTokens = specials.languageTokens();
        double max = Double.NEGATIVE_INFINITY;
        for (int id : languageTokens) {
            max = Math.max(max, logits[id]);
        }
        double sum = 0;
        double[] weights = new double[languageTokens.length];
        for (int i = 0; i < languageTokens.length; i++) {
            weights[i] = Math.exp(logits[languageTokens[i]] - max);
            sum += weights[i];
        }
        Map<Language, Double> probabilities = new LinkedHashMap<>();
        for (int i = 0; i < languageTokens.length; i++) {
            Language language = specials.languageOf(languageTokens[i]).orElseThrow();
            probabilities.put(language, weights[i] / sum);
        }
        return new LanguageProbabilities(probabilities);
    }
}
