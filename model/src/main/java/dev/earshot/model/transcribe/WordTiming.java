package dev.earshot.model.transcribe;

import java.util.List;

/**
 * A word as the alignment placed it, before punctuation merging and openai's duration adjustments.
 *
 * @param tokens      the word's text tokens
 * @param start       seconds from the start of the window
 * @param end         seconds from the start of the window
 * @param probability mean probability of its tokens
 */
public record WordTiming(String word, List<Integer> tokens, double start, double end, double probability) {

    public WordTiming {
        tokens = List.copyOf(tokens);
    }
}
