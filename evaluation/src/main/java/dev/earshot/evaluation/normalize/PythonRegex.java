package dev.earshot.evaluation.normalize;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Python {@code re} and {@code str} semantics where Java's regex differs, so whisper's patterns can be written as
 * whisper wrote them. Java's default classes are ASCII-only, and {@code UNICODE_CHARACTER_CLASS} counts marks and
 * join controls as word characters and leaves out U+001C–U+001F from whitespace; Python does neither.
 */
public final class PythonRegex {

    /** {@code str.isspace()}: Unicode White_Space plus the information separators U+001C–U+001F. */
    static final String WHITESPACE = "[\\t\\n\\x0B\\f\\r\\x1C-\\x1F \\x85\\xA0\\u1680\\u2000-\\u200A\\u2028\\u2029"
            + "\\u202F\\u205F\\u3000]";
    /** Python's {@code \w} on str: letters, numbers of any kind, and the underscore. */
    static final String WORD_CHARACTER = "[\\p{L}\\p{N}_]";
    /** Python's {@code \d} on str: a decimal digit of any script. */
    static final String DIGIT = "\\p{Nd}";
    /** Python's {@code \b}, defined from its {@code \w}; the ends of the text count as non-word. */
    static final String WORD_BOUNDARY = "(?:(?<=" + WORD_CHARACTER + ")(?!" + WORD_CHARACTER + ")|(?<!"
            + WORD_CHARACTER + ")(?=" + WORD_CHARACTER + "))";

    private PythonRegex() {
    }

    /**
     * Compiles a pattern written in Python syntax, giving {@code \s \S \d \w \b} Python's meaning. Those escapes
     * are only translated outside character classes; the patterns here never use them inside one.
     */
    static Pattern compile(String pythonPattern) {
        StringBuilder java = new StringBuilder(pythonPattern.length() * 2);
        for (int i = 0; i < pythonPattern.length(); i++) {
            char c = pythonPattern.charAt(i);
            if (c != '\\' || i + 1 == pythonPattern.length()) {
                java.append(c);
                continue;
            }
            char escaped = pythonPattern.charAt(++i);
            switch (escaped) {
                case 's' -> java.append(WHITESPACE);
                case 'S' -> java.append("[^").append(WHITESPACE, 1, WHITESPACE.length());
                case 'd' -> java.append(DIGIT);
                case 'w' -> java.append(WORD_CHARACTER);
                case 'b' -> java.append(WORD_BOUNDARY);
                default -> java.append('\\').append(escaped);
            }
        }
        return Pattern.compile(java.toString());
    }

    /** Whether {@code str.isspace()} holds for this code point. */
    public static boolean isWhitespace(int codePoint) {
        return switch (codePoint) {
            case '\t', '\n', 0x0B, '\f', '\r', 0x1C, 0x1D, 0x1E, 0x1F, ' ', 0x85, 0xA0, 0x1680, 0x2028, 0x2029,
                 0x202F, 0x205F, 0x3000 -> true;
            default -> codePoint >= 0x2000 && codePoint <= 0x200A;
        };
    }

    /** {@code str.split()}: the runs of non-whitespace, never an empty word. */
    public static List<String> split(String text) {
        List<String> words = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            boolean space = isWhitespace(codePoint);
            if (space && start >= 0) {
                words.add(text.substring(start, i));
                start = -1;
            } else if (!space && start < 0) {
                start = i;
            }
            i += Character.charCount(codePoint);
        }
        if (start >= 0) {
            words.add(text.substring(start));
        }
        return words;
    }

    /** {@code str.strip()} is empty: the text is only whitespace. */
    static boolean isBlank(String text) {
        return text.codePoints().allMatch(PythonRegex::isWhitespace);
    }
}
