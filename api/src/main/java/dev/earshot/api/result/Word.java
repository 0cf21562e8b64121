package dev.earshot.api.result;

/**
 * One word with its time span (word-level timestamps), as openai's {@code words} entries.
 *
 * @param word        the word's text, with its leading space and merged punctuation
 * @param start       seconds from the start of the audio
 * @param end         seconds from the start of the audio
 * @param probability mean probability of the word's tokens
 */
public record Word(String word, double start, double end, double probability) {
}
