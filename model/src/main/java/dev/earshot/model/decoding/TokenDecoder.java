package dev.earshot.model.decoding;

import java.util.List;

/** How the next tokens are chosen from filtered logits (openai's {@code TokenDecoder}). */
interface TokenDecoder {

    /**
     * Appends one token to every sequence.
     *
     * @param logits [batch × n_vocab] after the logit filters
     * @return the source sequence of each new sequence (the identity unless beams were re-ranked), and
     *         whether decoding is complete
     */
    Step update(Sequences sequences, float[] logits);

    /** The candidates to rank when the loop ends: full sequences (prompt included), each ending in EOT. */
    List<Candidate> finish(Sequences sequences);

    record Step(int[] sources, boolean completed) {
    }
}
