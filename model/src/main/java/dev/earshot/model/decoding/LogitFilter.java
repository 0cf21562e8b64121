package dev.earshot.model.decoding;

/**
 * Edits next-token logits before a token is chosen, like openai's {@code LogitFilter}: sets
 * forbidden ids to −∞. Filters run in a fixed order each step; a task plugin may add its own.
 */
@FunctionalInterface
public interface LogitFilter {

    /**
     * @param logits   [n_vocab] the next-token logits, edited in place
     * @param sequence the whole token sequence so far (prompt included); only the first {@code length} count
     * @param length   how many entries of {@code sequence} are real
     */
    void apply(float[] logits, int[] sequence, int length);
}
