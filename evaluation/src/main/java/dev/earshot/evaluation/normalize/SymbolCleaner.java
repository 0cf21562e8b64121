package dev.earshot.evaluation.normalize;

import java.text.Normalizer;
import java.util.Map;

/**
 * whisper's two ways of blanking out symbols and punctuation: one keeps letters as they are (NFKC), the other
 * also strips their diacritics (NFKD, dropping non-spacing marks, plus letters that have no decomposition).
 */
final class SymbolCleaner {

    /** Letters NFKD does not decompose but that whisper still reduces to plain Latin. */
    private static final Map<Integer, String> UNDECOMPOSABLE_LETTERS = Map.ofEntries(
            Map.entry((int) 'œ', "oe"), Map.entry((int) 'Œ', "OE"),
            Map.entry((int) 'ø', "o"), Map.entry((int) 'Ø', "O"),
            Map.entry((int) 'æ', "ae"), Map.entry((int) 'Æ', "AE"),
            Map.entry((int) 'ß', "ss"), Map.entry((int) 'ẞ', "SS"),
            Map.entry((int) 'đ', "d"), Map.entry((int) 'Đ', "D"),
            Map.entry((int) 'ð', "d"), Map.entry((int) 'Ð', "D"),
            Map.entry((int) 'þ', "th"), Map.entry((int) 'Þ', "th"),
            Map.entry((int) 'ł', "l"), Map.entry((int) 'Ł', "L"));

    private SymbolCleaner() {
    }

    /** NFKC, then every mark, symbol and punctuation character becomes a space. */
    static String removeSymbols(String text) {
        String composed = Normalizer.normalize(text, Normalizer.Form.NFKC);
        StringBuilder out = new StringBuilder(composed.length());
        composed.codePoints().forEach(c -> {
            if (isMarkSymbolOrPunctuation(c)) {
                out.append(' ');
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    /**
     * NFKD; then characters in {@code keep} stay, undecomposable letters are spelled in plain Latin, non-spacing
     * marks (the diacritics NFKD split off) vanish, and other marks, symbols and punctuation become spaces.
     */
    static String removeSymbolsAndDiacritics(String text, String keep) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
        StringBuilder out = new StringBuilder(decomposed.length());
        decomposed.codePoints().forEach(c -> {
            String plain = UNDECOMPOSABLE_LETTERS.get(c);
            if (keep.indexOf(c) >= 0) {
                out.appendCodePoint(c);
            } else if (plain != null) {
                out.append(plain);
            } else if (Character.getType(c) == Character.NON_SPACING_MARK) {
                // dropped: this is the diacritic NFKD separated from its letter
            } else if (isMarkSymbolOrPunctuation(c)) {
                out.append(' ');
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    /** Whether the Unicode general category starts with M, S or P. */
    private static boolean isMarkSymbolOrPunctuation(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK,
                 Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL, Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL,
                 Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                 Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                 Character.OTHER_PUNCTUATION -> true;
            default -> false;
        };
    }
}
