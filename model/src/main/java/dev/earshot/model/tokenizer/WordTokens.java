package dev.earshot.model.tokenizer;

import java.util.List;

/**
 * Tokens grouped into words: {@code words.get(i)} is the text of {@code tokens.get(i)}. Concatenated, the words
 * give the decoded text with timestamps (minus any trailing incomplete character, which has no word).
 */
public record WordTokens(List<String> words, List<int[]> tokens) {

    public WordTokens {
        if (words.size() != tokens.size()) {
            throw new IllegalArgumentException(words.size() + " words but " + tokens.size() + " token groups");
        }
        words = List.copyOf(words);
        tokens = tokens.stream().map(int[]::clone).toList();
    }

    public int size() {
        return words.size();
    }

    /** The tokens of word {@code index} (a copy). */
    public int[] tokensOf(int index) {
        return tokens.get(index).clone();
    }
}
