package dev.earshot.model.decoding;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Argmax at temperature 0, otherwise a sample from softmax(logits / T) (openai's {@code GreedyDecoder}).
 * A sequence that produced EOT keeps producing EOT and stops adding to its log-probability.
 */
final class GreedyDecoder implements TokenDecoder {

    private final double temperature;
    private final int eot;
    private final RandomGenerator random;

    GreedyDecoder(double temperature, int eot, RandomGenerator random) {
        this.temperature = temperature;
        this.eot = eot;
        this.random = random;
    }

    @Override
    public Step update(Sequences sequences, float[] logits) {
        int vocabulary = logits.length / sequences.batch();
        boolean completed = true;
        int[] identity = new int[sequences.batch()];
        for (int b = 0; b < sequences.batch(); b++) {
            identity[b] = b;
            int offset = b * vocabulary;
            int token = temperature == 0 ? LogProbabilities.argmax(logits, offset, vocabulary) : sample(logits, offset, vocabulary);
            boolean finishedBefore = sequences.last(b) == eot;
            if (!finishedBefore) {
                sequences.sumLogProbs[b] += (float) LogProbabilities.logSoftmaxAt(logits, offset, vocabulary, token);
            } else {
                token = eot;
            }
            sequences.tokens[b][sequences.length] = token;
            completed &= token == eot;
        }
        sequences.length++;
        return new Step(identity, completed);
    }

    /** Inverse-CDF sampling from softmax(logits / T). */
    private int sample(float[] logits, int offset, int vocabulary) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < vocabulary; i++) {
            max = Math.max(max, logits[offset + i]);
        }
        double[] weights = new double[vocabulary];
        double total = 0;
        for (int i = 0; i < vocabulary; i++) {
            weights[i] = Math.exp((logits[offset + i] - max) / temperature);
            total += weights[i];
        }
        double target = random.nextDouble() * total;
        int last = -1;
        for (int i = 0; i < vocabulary; i++) {
            if (weights[i] > 0) {
                last = i;
                target -= weights[i];
                if (target < 0) {
                    return i;
                }
            }
        }
        return last; // rounding left a sliver: the last possible token
    }

    @Override
    public List<Candidate> finish(Sequences sequences) {
        List<Candidate> candidates = new ArrayList<>();
        for (int b = 0; b < sequences.batch(); b++) {
            int[] tokens = Arrays.copyOf(sequences.tokens[b], sequences.length + 1);
            tokens[sequences.length] = eot;
            candidates.add(new Candidate(tokens, sequences.sumLogProbs[b]));
        }
        return candidates;
    }
}
