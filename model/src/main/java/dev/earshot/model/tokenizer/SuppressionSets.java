package dev.earshot.model.tokenizer;

import dev.earshot.api.prompt.SpecialTokens;

import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * The token sets whisper's decoding suppresses, computed from the vocabulary as whisper does, so that they are
 * right for any rank file rather than copied from one model's config.
 */
final class SuppressionSets {

    /**
     * Symbols a transcript should not contain because they stand for sounds or speaker changes in the training
     * subtitles rather than speech; suppressed when they are one token, with or without a leading space.
     */
    private static final List<String> SYMBOLS = List.of(
            "\"", "#", "(", ")", "*", "+", "/", ":", ";", "<", "=", ">", "@", "[", "\\", "]", "^", "_", "`", "{",
            "|", "}", "~", "「", "」", "『", "』",
            "<<", ">>", "<<<", ">>>", "--", "---", "-(", "-[", "('", "(\"", "((", "))", "(((", ")))", "[[", "]]",
            "{{", "}}", "♪♪", "♪♪♪");

    /** Musical symbols U+2640…U+267F: their first token is suppressed even when they take several tokens. */
    private static final List<String> MUSIC_SYMBOLS = List.of("♩", "♪", "♫", "♬", "♭", "♮", "♯");

    private SuppressionSets() {
    }

    /**
     * whisper's {@code non_speech_tokens}: the tokens of {@link #SYMBOLS} and the music symbols, plus the first
     * tokens of " -" and " '" (hyphens and quotes are kept inside words but not at a word start).
     */
    static int[] nonSpeech(WhisperTokenizer tokenizer) {
        TreeSet<Integer> result = new TreeSet<>();
        result.add(tokenizer.encode(" -", SpecialTokenPolicy.PLAIN)[0]);
        result.add(tokenizer.encode(" '", SpecialTokenPolicy.PLAIN)[0]);
        for (String symbol : SYMBOLS) {
            addIfSingleToken(tokenizer.encode(symbol, SpecialTokenPolicy.PLAIN), result);
            addIfSingleToken(tokenizer.encode(" " + symbol, SpecialTokenPolicy.PLAIN), result);
        }
        for (String symbol : MUSIC_SYMBOLS) {
            result.add(tokenizer.encode(symbol, SpecialTokenPolicy.PLAIN)[0]);
            result.add(tokenizer.encode(" " + symbol, SpecialTokenPolicy.PLAIN)[0]);
        }
        return result.stream().mapToInt(Integer::intValue).toArray();
    }

    private static void addIfSingleToken(int[] tokens, TreeSet<Integer> result) {
        if (tokens.length == 1) {
            result.add(tokens[0]);
        }
    }

    /**
     * What {@code suppress_tokens="-1"} expands to: the non-speech tokens plus the control tokens a transcript
     * must never contain (task, start-of-transcript, start-of-prev, start-of-lm and no-speech).
     */
    static int[] defaults(WhisperTokenizer tokenizer) {
        SpecialTokens special = tokenizer.specialTokens();
        TreeSet<Integer> result = new TreeSet<>();
        for (int token : nonSpeech(tokenizer)) {
            result.add(token);
        }
        result.addAll(List.of(special.transcribe(), special.translate(), special.sot(), special.sotPrev(),
                special.sotLm(), special.noSpeech()));
        return result.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Suppressed at the first sampled position so that a transcript does not begin with a blank or end at once. */
    static int[] blank(WhisperTokenizer tokenizer) {
        int[] space = tokenizer.encode(" ", SpecialTokenPolicy.PLAIN);
        int[] result = Arrays.copyOf(space, space.length + 1);
        result[space.length] = tokenizer.specialTokens().eot();
        return result;
    }
}
