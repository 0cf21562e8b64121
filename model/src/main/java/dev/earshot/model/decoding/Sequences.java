package dev.earshot.model.decoding;

import java.util.Arrays;

/**
 * The token sequences of one decode, side by side (one for greedy, n for beams or best-of), all of equal
 * length, with their cumulative log-probabilities summed in float32 as openai's tensor does.
 */
final class Sequences {

    final int[][] tokens;      // [batch][capacity]
    final float[] sumLogProbs; // [batch]
    int length;

    Sequences(int[] initial, int batch, int capacity) {
        tokens = new int[batch][];
        for (int b = 0; b < batch; b++) {
            tokens[b] = Arrays.copyOf(initial, capacity);
        }
        sumLogProbs = new float[batch];
        length = initial.length;
    }

    int batch() {
        return tokens.length;
    }

    int last(int sequence) {
        return tokens[sequence][length - 1];
    }

    /** The last token of every sequence, sequence-major: the next decoder input. */
    int[] lastTokens() {
        int[] out = new int[batch()];
        for (int b = 0; b < out.length; b++) {
            out[b] = last(b);
        }
        return out;
    }

    int[] prefix(int sequence) {
        return Arrays.copyOf(tokens[sequence], length);
    }
}
