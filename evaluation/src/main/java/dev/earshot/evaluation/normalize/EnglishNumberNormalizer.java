package dev.earshot.evaluation.normalize;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * whisper's English number normalizer: spelled-out numbers, ordinals, currencies and percentages become digits
 * and symbols ("two and a half dollars" → "$2.5"), with whisper's tidying before and after.
 */
public final class EnglishNumberNormalizer implements TextNormalizer {

    private static final Pattern AND_A_HALF = PythonRegex.compile("\\band\\s+a\\s+half\\b");
    private static final Pattern LETTER_THEN_DIGIT = PythonRegex.compile("([a-z])([0-9])");
    private static final Pattern DIGIT_THEN_LETTER = PythonRegex.compile("([0-9])([a-z])");
    private static final Pattern DETACHED_SUFFIX = PythonRegex.compile("([0-9])\\s+(st|nd|rd|th|s)\\b");
    private static final Pattern AMOUNT_AND_CENTS = PythonRegex.compile("([€£$])([0-9]+) (?:and )?¢([0-9]{1,2})\\b");
    // Python's "." is anything but a newline; Java's would also refuse \r, U+0085, U+2028 and U+2029.
    private static final Pattern ZERO_AMOUNT = PythonRegex.compile("[€£$]0[^\\n]([0-9]{1,2})\\b");
    private static final Pattern STANDALONE_ONE = PythonRegex.compile("\\b1(s?)\\b");

    @Override
    public String normalize(String text) {
        List<String> words = PythonRegex.split(preprocess(text));
        return postprocess(String.join(" ", SpokenNumberReader.read(words)));
    }

    private static String preprocess(String text) {
        String s = halvesAsDecimals(text);
        s = LETTER_THEN_DIGIT.matcher(s).replaceAll("$1 $2");
        s = DIGIT_THEN_LETTER.matcher(s).replaceAll("$1 $2");
        return DETACHED_SUFFIX.matcher(s).replaceAll("$1$2");
    }

    /**
     * "two and a half" → "two point five", but only after a spelled-out number; segments that are only whitespace
     * are dropped along with their "and a half", as in whisper.
     */
    private static String halvesAsDecimals(String text) {
        String[] segments = AND_A_HALF.split(text, -1);
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            if (PythonRegex.isBlank(segment)) {
                continue;
            }
            parts.add(segment);
            if (i < segments.length - 1) {
                List<String> words = PythonRegex.split(segment);
                String lastWord = words.getLast();
                boolean spelledNumber = NumberWords.DECIMALS.contains(lastWord)
                        || NumberWords.MULTIPLIERS.containsKey(lastWord);
                parts.add(spelledNumber ? "point five" : "and a half");
            }
        }
        return String.join(" ", parts);
    }

    private static String postprocess(String text) {
        String s = replace(AMOUNT_AND_CENTS, text,
                m -> m.group(1) + m.group(2) + "." + twoDigits(Integer.parseInt(m.group(3))));
        s = replace(ZERO_AMOUNT, s, m -> "¢" + Integer.parseInt(m.group(1)));
        return STANDALONE_ONE.matcher(s).replaceAll("one$1");
    }

    private static String twoDigits(int cents) {
        return cents < 10 ? "0" + cents : Integer.toString(cents);
    }

    private static String replace(Pattern pattern, String text, Function<MatchResult, String> with) {
        return pattern.matcher(text).replaceAll(m -> Matcher.quoteReplacement(with.apply(m)));
    }
}
