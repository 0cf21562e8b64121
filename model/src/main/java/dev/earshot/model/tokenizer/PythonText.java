package dev.earshot.model.tokenizer;

/** The few Python {@code str} rules that whisper's text handling depends on (whitespace, strip, punctuation). */
public final class PythonText {

    /** Python's {@code string.punctuation}. */
    static final String ASCII_PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    private PythonText() {
    }

    /**
     * {@code str.isspace()}: Unicode White_Space plus the information separators U+001C…U+001F. Neither
     * {@link Character#isWhitespace} nor regex {@code \s} gives exactly this set, so it is spelled out.
     */
    public static boolean isWhitespace(int codePoint) {
        return switch (codePoint) {
            case 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1C, 0x1D, 0x1E, 0x1F, 0x20, 0x85, 0xA0, 0x1680, 0x2028, 0x2029,
                 0x202F, 0x205F, 0x3000 -> true;
            default -> codePoint >= 0x2000 && codePoint <= 0x200A;
        };
    }

    /** {@code str.strip()} with no arguments. */
    public static String strip(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isWhitespace(text.codePointAt(start))) {
            start += Character.charCount(text.codePointAt(start));
        }
        while (end > start && isWhitespace(text.codePointBefore(end))) {
            end -= Character.charCount(text.codePointBefore(end));
        }
        return text.substring(start, end);
    }

    /**
     * Whisper's {@code subword.strip() in string.punctuation}: a substring test, so {@code "()"} and {@code ""}
     * count as punctuation while {@code "?!"} does not.
     */
    static boolean isPunctuationLike(String text) {
        return ASCII_PUNCTUATION.contains(strip(text));
    }
}
