package dev.earshot.evaluation.wer;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ErrorRateTest {

    @Test
    void emptyReferenceScoresTheInsertedWords() {
        assertEquals(0.0, ErrorRate.words("", "").rate());
        assertEquals(2.0, ErrorRate.words("", "two words").rate());
    }

    @Test
    void characterRateCountsSpacesBetweenWordsButNotExtraWhitespace() {
        Alignment alignment = ErrorRate.characters("  ab  c ", "ab d");
        // reference "ab c" (4 characters), hypothesis "ab d": one substitution
        assertEquals(new ErrorCounts(3, 1, 0, 0), alignment.counts());
        assertEquals(0.25, alignment.rate());
    }

    @Test
    void tieBreakPrefersSubstitutionOverDeletionPlusInsertion() {
        Alignment alignment = Aligner.align(List.of("a", "b"), List.of("a", "c"));
        assertEquals(List.of(
                new AlignedToken(EditOperation.HIT, "a", "a"),
                new AlignedToken(EditOperation.SUBSTITUTION, "b", "c")), alignment.steps());
    }

    @Test
    void substitutionsWinOverADeletionAndInsertionAroundAHit() {
        // "x a" vs "a y" costs 2 as S+S or as D+H+I; walking back from the end meets "a"/"y" first, a substitution
        Alignment alignment = Aligner.align(List.of("x", "a"), List.of("a", "y"));
        assertEquals(2, alignment.counts().errors());
        assertEquals(new ErrorCounts(0, 2, 0, 0), alignment.counts());
    }

    @Test
    void corpusRateIsNotTheMeanOfUtteranceRates() {
        CorpusErrorRate corpus = new CorpusErrorRate();
        corpus.add(ErrorRate.words("a", "b").counts());          // 1 error in 1 word
        corpus.add(ErrorRate.words("a b c d", "a b c d").counts()); // 0 errors in 4 words
        assertEquals(0.2, corpus.rate(), 1e-12);
        assertEquals(2, corpus.utterances());
    }
}
