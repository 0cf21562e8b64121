package dev.earshot.model.decoding;

/** A finished (or cut-off) sequence and its cumulative log-probability, for the ranker. */
record Candidate(int[] tokens, float sumLogProb) {
}
