package dev.earshot.evaluation.wer;

/**
 * How a hypothesis differs from its reference, in tokens (words or characters). The rate is errors per
 * reference token; with no reference tokens it is the number of inserted tokens, as jiwer 4 defines it, so an
 * empty reference and an empty hypothesis score 0.
 */
public record ErrorCounts(int hits, int substitutions, int deletions, int insertions) {

    public static final ErrorCounts ZERO = new ErrorCounts(0, 0, 0, 0);

    public ErrorCounts {
        if (hits < 0 || substitutions < 0 || deletions < 0 || insertions < 0) {
            throw new IllegalArgumentException("counts cannot be negative: H=" + hits + " S=" + substitutions
                    + " D=" + deletions + " I=" + insertions);
        }
    }

    /** The number of reference tokens: hits + substitutions + deletions. */
    public int referenceLength() {
        return hits + substitutions + deletions;
    }

    /** The edit distance: substitutions + deletions + insertions. */
    public int errors() {
        return substitutions + deletions + insertions;
    }

    /** Errors per reference token (WER or CER). */
    public double rate() {
        int n = referenceLength();
        return n == 0 ? insertions : (double) errors() / n;
    }

    /** Both sets of counts together, for corpus totals. */
    public ErrorCounts plus(ErrorCounts other) {
        return new ErrorCounts(hits + other.hits, substitutions + other.substitutions, deletions + other.deletions,
                insertions + other.insertions);
    }
}
