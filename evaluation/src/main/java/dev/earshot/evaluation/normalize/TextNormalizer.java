package dev.earshot.evaluation.normalize;

/** Turns a transcript into the form that word error rates are computed on. */
@FunctionalInterface
public interface TextNormalizer {

    String normalize(String text);

    /** Leaves the text as it is, for scoring raw transcripts. */
    static TextNormalizer none() {
        return text -> text;
    }
}
