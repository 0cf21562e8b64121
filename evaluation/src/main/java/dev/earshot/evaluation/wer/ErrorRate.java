package dev.earshot.evaluation.wer;

import dev.earshot.evaluation.normalize.PythonRegex;

import java.util.ArrayList;
import java.util.List;

/**
 * Word and character error rates of already-normalized text. Words are Python's {@code str.split()}; characters
 * are code points after collapsing whitespace runs to one space and trimming the ends, as jiwer's CER does, so
 * spaces between words count as characters.
 */
public final class ErrorRate {

    private ErrorRate() {
    }

    /** Word-level alignment and counts. */
    public static Alignment words(String reference, String hypothesis) {
        return Aligner.align(PythonRegex.split(reference), PythonRegex.split(hypothesis));
    }

    /** Character-level alignment and counts. */
    public static Alignment characters(String reference, String hypothesis) {
        return Aligner.align(characterTokens(reference), characterTokens(hypothesis));
    }

    private static List<String> characterTokens(String text) {
        String spaced = String.join(" ", PythonRegex.split(text));
        List<String> tokens = new ArrayList<>(spaced.length());
        spaced.codePoints().forEach(c -> tokens.add(Character.toString(c)));
        return tokens;
    }
}
