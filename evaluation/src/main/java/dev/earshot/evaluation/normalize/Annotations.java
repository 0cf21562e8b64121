package dev.earshot.evaluation.normalize;

import java.util.regex.Pattern;

/**
 * Removes what transcripts put around the speech rather than in it: {@code [music]}, {@code <noise>} and
 * parenthesised asides. Brackets may be mixed ({@code [a>}) and may span lines, as in whisper.
 */
final class Annotations {

    private static final Pattern BRACKETED = PythonRegex.compile("[<\\[][^>\\]]*[>\\]]");
    private static final Pattern PARENTHESISED = PythonRegex.compile("\\(([^)]+?)\\)");

    private Annotations() {
    }

    static String remove(String text) {
        String withoutBrackets = BRACKETED.matcher(text).replaceAll("");
        return PARENTHESISED.matcher(withoutBrackets).replaceAll("");
    }
}
