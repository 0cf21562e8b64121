package dev.earshot.model.tokenizer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Groups tokens into words for word-level timestamps, as whisper's {@code split_to_word_tokens}: languages written
 * without spaces are split into characters, the others at spaces and punctuation.
 */
final class WordSplitter {

    private static final int REPLACEMENT = 0xFFFD;

    private final WhisperTokenizer tokenizer;

    WordSplitter(WhisperTokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    /**
     * Cuts after every token at which the text decoded so far is complete: it contains no U+FFFD, or its first
     * U+FFFD is really in the full decode (then it is not a partial character). Python indexes the full decode in
     * code points, so this does too.
     */
    WordTokens splitOnUnicode(int[] tokens) {
        int[] full = tokenizer.decodeWithTimestamps(tokens).codePoints().toArray();
        List<String> words = new ArrayList<>();
        List<int[]> groups = new ArrayList<>();
        int groupStart = 0;
        int offset = 0;
        for (int end = 1; end <= tokens.length; end++) {
            String decoded = tokenizer.decodeWithTimestamps(Arrays.copyOfRange(tokens, groupStart, end));
            int replacementAt = codePointIndexOf(decoded, REPLACEMENT);
            if (replacementAt < 0
                    || (offset + replacementAt < full.length && full[offset + replacementAt] == REPLACEMENT)) {
                words.add(decoded);
                groups.add(Arrays.copyOfRange(tokens, groupStart, end));
                groupStart = end;
                offset += decoded.codePointCount(0, decoded.length());
            }
        }
        return new WordTokens(words, groups);
    }

    /**
     * Joins the unicode subwords into words: a subword starts a new word when it begins with a space, is a special
     * token or timestamp, or is punctuation (after Python's strip); otherwise it continues the previous word.
     */
    WordTokens splitOnSpaces(int[] tokens) {
        WordTokens subwords = splitOnUnicode(tokens);
        List<String> words = new ArrayList<>();
        List<int[]> groups = new ArrayList<>();
        int eot = tokenizer.specialTokens().eot();
        for (int i = 0; i < subwords.size(); i++) {
            String subword = subwords.words().get(i);
            int[] subwordTokens = subwords.tokens().get(i);
            boolean startsWord = subwordTokens[0] >= eot
                    || subword.startsWith(" ")
                    || PythonText.isPunctuationLike(subword)
                    || words.isEmpty();
            if (startsWord) {
                words.add(subword);
                groups.add(subwordTokens);
            } else {
                int last = words.size() - 1;
                words.set(last, words.get(last) + subword);
                int[] previous = groups.get(last);
                int[] joined = Arrays.copyOf(previous, previous.length + subwordTokens.length);
                System.arraycopy(subwordTokens, 0, joined, previous.length, subwordTokens.length);
                groups.set(last, joined);
            }
        }
        return new WordTokens(words, groups);
    }

    private static int codePointIndexOf(String text, int codePoint) {
        int charIndex = text.indexOf(codePoint);
        return charIndex < 0 ? -1 : text.codePointCount(0, charIndex);
    }
}
