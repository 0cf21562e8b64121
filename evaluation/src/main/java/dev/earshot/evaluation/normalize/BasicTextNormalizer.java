package dev.earshot.evaluation.normalize;

import java.util.Locale;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * whisper's language-independent normalizer: lower case, no annotations, symbols and punctuation blanked out,
 * optionally without diacritics and with every grapheme cluster as its own word (for languages written without
 * spaces). Whitespace runs become one space; like whisper, the result is not stripped.
 */
public final class BasicTextNormalizer implements TextNormalizer {

    private static final Pattern WHITESPACE_RUN = PythonRegex.compile("\\s+");
    private static final Pattern GRAPHEME_CLUSTER = Pattern.compile("\\X");

    private final boolean removeDiacritics;
    private final boolean splitLetters;

    public BasicTextNormalizer(boolean removeDiacritics, boolean splitLetters) {
        this.removeDiacritics = removeDiacritics;
        this.splitLetters = splitLetters;
    }

    /** Neither option: whisper's {@code BasicTextNormalizer()}. */
    public BasicTextNormalizer() {
        this(false, false);
    }

    @Override
    public String normalize(String text) {
        String s = Annotations.remove(text.toLowerCase(Locale.ROOT));
        s = removeDiacritics ? SymbolCleaner.removeSymbolsAndDiacritics(s, "") : SymbolCleaner.removeSymbols(s);
        s = s.toLowerCase(Locale.ROOT);
        if (splitLetters) {
            s = spaceOutGraphemeClusters(s);
        }
        return WHITESPACE_RUN.matcher(s).replaceAll(" ");
    }

    private static String spaceOutGraphemeClusters(String text) {
        StringJoiner joined = new StringJoiner(" ");
        Matcher cluster = GRAPHEME_CLUSTER.matcher(text);
        while (cluster.find()) {
            joined.add(cluster.group());
        }
        return joined.toString();
    }
}
