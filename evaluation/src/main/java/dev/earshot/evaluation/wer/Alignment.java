package dev.earshot.evaluation.wer;

import java.util.List;

/** A minimum-edit alignment of a hypothesis to its reference, and the counts it gives. */
public record Alignment(List<AlignedToken> steps, ErrorCounts counts) {

    public Alignment {
        steps = List.copyOf(steps);
    }

    /** Errors per reference token. */
    public double rate() {
        return counts.rate();
    }
}
