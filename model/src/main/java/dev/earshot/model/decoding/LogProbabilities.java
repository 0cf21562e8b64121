package dev.earshot.model.decoding;

/** Softmax arithmetic over one row of a [batch × n_vocab] logits array, in double. */
final class LogProbabilities {

    private LogProbabilities() {
    }

    /** First index of the largest value, as torch's argmax. */
    static int argmax(float[] logits, int offset, int count) {
        int best = 0;
        for (int i = 1; i < count; i++) {
            if (logits[offset + i] > logits[offset + best]) {
                best = i;
            }
        }
        return best;
    }

    static double logSumExp(float[] logits, int offset, int count) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < count; i++) {
            max = Math.max(max, logits[offset + i]);
        }
        double sum = 0;
        for (int i = 0; i < count; i++) {
            sum += Math.exp(logits[offset + i] - max);
        }
        return max + Math.log(sum);
    }

    static double logSoftmaxAt(float[] logits, int offset, int count, int index) {
        return logits[offset + index] - logSumExp(logits, offset, count);
    }

    /** Indices of the k largest values, largest first (lower index first on ties). */
    static int[] topK(float[] logits, int offset, int count, int k) {
        int n = Math.min(k, count);
        int[] best = new int[n];
        int filled = 0;
        for (int i = 0; i < count; i++) {
            float v = logits[offset + i];
            if (filled == n && !(v > logits[offset + best[n - 1]])) {
                continue;
            }
            int position = filled < n ? filled++ : n - 1;
            while (position > 0 && v > logits[offset + best[position - 1]]) {
                best[position] = best[position - 1];
                position--;
            }
            best[position] = i;
        }
        return best;
    }
}
