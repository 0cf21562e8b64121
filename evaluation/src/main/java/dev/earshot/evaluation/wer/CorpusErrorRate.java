package dev.earshot.evaluation.wer;

/**
 * Totals over a dataset: the corpus rate is all errors over all reference tokens, not the mean of per-utterance
 * rates (how whisper's evaluation scores a dataset). Not thread-safe.
 */
public final class CorpusErrorRate {

    private ErrorCounts totals = ErrorCounts.ZERO;
    private int utterances;

    public void add(ErrorCounts counts) {
        totals = totals.plus(counts);
        utterances++;
    }

    public ErrorCounts totals() {
        return totals;
    }

    public int utterances() {
        return utterances;
    }

    /** Errors over reference tokens across everything added. */
    public double rate() {
        return totals.rate();
    }
}
