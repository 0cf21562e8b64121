package dev.earshot.evaluation.normalize;

import dev.earshot.model.assets.AssetResolver;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * whisper's English normalizer, the one every published English WER is computed with: lower case, no annotations
 * or fillers, contractions and titles spelled out, symbols removed (numeric ones kept), numbers as digits, American
 * spellings, single spaces. The steps and their order are whisper's; the result is not stripped.
 */
public final class EnglishTextNormalizer implements TextNormalizer {

    private static final Pattern FILLERS = PythonRegex.compile("\\b(hmm|mm|mhm|mmm|uh|um)\\b");
    private static final Pattern SPACE_BEFORE_APOSTROPHE = PythonRegex.compile("\\s+'");
    private static final Pattern COMMA_BETWEEN_DIGITS = PythonRegex.compile("(\\d),(\\d)");
    // Python's "$" here can only match at the very end: any final newline is taken by [^0-9] first.
    private static final Pattern PERIOD_NOT_BEFORE_DIGIT = PythonRegex.compile("\\.([^0-9]|\\z)");
    private static final Pattern SYMBOL_NOT_BEFORE_DIGIT = PythonRegex.compile("[.$¢€£]([^0-9])");
    private static final Pattern PERCENT_NOT_AFTER_DIGIT = PythonRegex.compile("([^0-9])%");
    private static final Pattern WHITESPACE_RUN = PythonRegex.compile("\\s+");
    private static final String NUMERIC_SYMBOLS = ".%$¢€£";

    private final EnglishNumberNormalizer numbers = new EnglishNumberNormalizer();
    private final EnglishSpellingNormalizer spellings;

    public EnglishTextNormalizer(EnglishSpellingNormalizer spellings) {
        this.spellings = spellings;
    }

    /** With whisper's spelling map, found by the resolver. */
    public static EnglishTextNormalizer fromAssets(AssetResolver resolver) {
        return new EnglishTextNormalizer(EnglishSpellingNormalizer.fromAssets(resolver));
    }

    /** With whisper's spelling map, found the way this process's environment says ({@code $EARSHOT_ASSETS} …). */
    public static EnglishTextNormalizer fromEnvironment() {
        return fromAssets(AssetResolver.fromEnvironment());
    }

    @Override
    public String normalize(String text) {
        String s = Annotations.remove(text.toLowerCase(Locale.ROOT));
        s = FILLERS.matcher(s).replaceAll("");
        s = SPACE_BEFORE_APOSTROPHE.matcher(s).replaceAll("'");
        s = Contractions.expand(s);
        s = COMMA_BETWEEN_DIGITS.matcher(s).replaceAll("$1$2");
        s = PERIOD_NOT_BEFORE_DIGIT.matcher(s).replaceAll(" $1");
        s = SymbolCleaner.removeSymbolsAndDiacritics(s, NUMERIC_SYMBOLS);
        s = numbers.normalize(s);
        s = spellings.normalize(s);
        // currency and percent signs only mean something next to a number
        s = SYMBOL_NOT_BEFORE_DIGIT.matcher(s).replaceAll(" $1");
        s = PERCENT_NOT_AFTER_DIGIT.matcher(s).replaceAll("$1 ");
        return WHITESPACE_RUN.matcher(s).replaceAll(" ");
    }
}
