package dev.earshot.api.result;

import dev.earshot.api.prompt.Language;

import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The language distribution Whisper predicts after {@code <|startoftranscript|>}: a softmax over the
 * language tokens only. Iterates in the vocabulary's language order.
 */
public record LanguageProbabilities(Map<Language, Double> probabilities) {

    public LanguageProbabilities {
        if (probabilities.isEmpty()) {
            throw new IllegalArgumentException("no languages");
        }
        probabilities = Collections.unmodifiableMap(new LinkedHashMap<>(probabilities));
    }

    /** The most probable language; the first in vocabulary order on a tie, as an argmax would pick. */
    public Language mostLikely() {
        Language best = null;
        double bestProbability = Double.NEGATIVE_INFINITY;
        for (Map.Entry<Language, Double> e : probabilities.entrySet()) {
            if (e.getValue() > bestProbability) {
                best = e.getKey();
                bestProbability = e.getValue();
            }
        }
        return best;
    }

    public double probability(Language language) {
        return probabilities.getOrDefault(language, 0.0);
    }

    /** The {@code n} most probable languages, most probable first. */
    public List<Map.Entry<Language, Double>> top(int n) {
        return probabilities.entrySet().stream()
                .sorted(Map.Entry.<Language, Double>comparingByValue(Comparator.reverseOrder()))
                .limit(n).toList();
    }
}
