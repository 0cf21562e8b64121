package dev.earshot.model.tokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits text into the pieces BPE runs on, with the GPT-2 pattern tiktoken uses for Whisper. Java needs
 * {@link Pattern#UNICODE_CHARACTER_CLASS} so that {@code \s} is Unicode White_Space (U+0085 and U+00A0 included,
 * U+FEFF and U+200B not) as in tiktoken's regex engine; without it {@code \s} is ASCII-only and pieces differ.
 * The contractions are case-sensitive and use the ASCII apostrophe only, as in the original.
 */
public final class PreTokenizer {

    static final String PATTERN =
            "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+";

    private static final Pattern PIECE = Pattern.compile(PATTERN, Pattern.UNICODE_CHARACTER_CLASS);

    private PreTokenizer() {
    }

    /** The pieces of a text, in order; concatenated they give the text back. */
    public static List<String> pieces(String text) {
        List<String> pieces = new ArrayList<>();
        Matcher matcher = PIECE.matcher(text);
        while (matcher.find()) {
            pieces.add(matcher.group());
        }
        return pieces;
    }

    /** A matcher over the pieces of a text, for callers that consume them one by one. */
    static Matcher matcher(CharSequence text) {
        return PIECE.matcher(text);
    }
}
