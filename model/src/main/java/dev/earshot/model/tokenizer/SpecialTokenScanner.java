package dev.earshot.model.tokenizer;

import java.util.Map;
import java.util.TreeSet;

/**
 * Finds the spellings of special tokens in text, leftmost first. No special token is a prefix of another, so at a
 * given position at most one can match, and the lengths to try are the few distinct token lengths.
 */
final class SpecialTokenScanner {

    /** A special token found in text: {@code text[start, end)} spells token {@code id}. */
    record Match(int start, int end, int id) {
    }

    private final Map<String, Integer> idsByText;
    private final int[] lengths;
    private final String firstCharacters;

    SpecialTokenScanner(Map<String, Integer> idsByText) {
        this.idsByText = Map.copyOf(idsByText);
        TreeSet<Integer> distinctLengths = new TreeSet<>();
        StringBuilder firsts = new StringBuilder();
        for (String text : idsByText.keySet()) {
            distinctLengths.add(text.length());
            if (firsts.indexOf(text.substring(0, 1)) < 0) {
                firsts.append(text.charAt(0));
            }
        }
        this.lengths = distinctLengths.stream().mapToInt(Integer::intValue).toArray();
        this.firstCharacters = firsts.toString();
    }

    /** The first special token at or after {@code from}, or null. */
    Match find(String text, int from) {
        for (int start = from; start < text.length(); start++) {
            if (firstCharacters.indexOf(text.charAt(start)) < 0) {
                continue;
            }
            for (int length : lengths) {
                if (start + length > text.length()) {
                    break;
                }
                Integer id = idsByText.get(text.substring(start, start + length));
                if (id != null) {
                    return new Match(start, start + length, id);
                }
            }
        }
        return null;
    }
}
