package dev.earshot.api.task;

/**
 * Edits next-token logits before a token is chosen, like openai's {@code LogitFilter}: sets forbidden ids to
 * −∞ (or biases others). The decoder applies its own filters first, then a task's, every step.
 */
@FunctionalInterface
public interface LogitFilter {

    /**
     * @param logits   [n_vocab] the next-token logits of one sequence, edited in place
     * @param sequence the whole token sequence so far (prompt included); only the first {@code length} count
     * @param length   how many entries of {@code sequence} are real
     */
    void apply(float[] logits, int[] sequence, int length);
}
