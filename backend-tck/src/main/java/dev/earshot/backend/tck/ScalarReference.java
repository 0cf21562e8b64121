package dev.earshot.backend.tck;

/**
 * The ops of the backend SPI written for clarity, one output element at a time, accumulating in double. Inputs are
 * the float values the backend sees (weights already rounded to their stored type), so the only difference
 * between a backend and this reference is the backend's own float32 arithmetic. Alongside each dot product the
 * reference returns its magnitude Σ|terms|, the scale float32 rounding errors are proportional to.
 * Every matrix is row-major: element (r, c) of an [R × C] matrix is at r·C + c.
 */
public final class ScalarReference {

    private ScalarReference() {
    }

    /**
     * out[r][o] = Σ_i x[r][i]·w[o][i] + b[o].
     *
     * @param x          [n × in]
     * @param w          [out × in]
     * @param b          [out] or null
     * @param magnitudes [n × out] receives Σ_i |x·w| + |b|
     * @return [n × out]
     */
    public static double[] linear(float[] x, int n, int in, float[] w, int out, float[] b, double[] magnitudes) {
        double[] result = new double[n * out];
        for (int r = 0; r < n; r++) {
            for (int o = 0; o < out; o++) {
                double sum = b == null ? 0 : b[o];
                double magnitude = b == null ? 0 : Math.abs(b[o]);
                for (int i = 0; i < in; i++) {
                    double term = (double) x[r * in + i] * w[o * in + i];
                    sum += term;
                    magnitude += Math.abs(term);
                }
                result[r * out + o] = sum;
                magnitudes[r * out + o] = magnitude;
            }
        }
        return result;
    }

    /**
     * One output step of a kernel-3, padding-1 convolution: out[o] = b[o] + Σ_c Σ_j w[o][c·3 + j]·x[t·stride + j − 1][c].
     *
     * @param x          [tIn × cIn]
     * @param w          [cOut × cIn·3] (PyTorch [cOut, cIn, 3])
     * @param magnitudes [cOut] receives Σ|terms| + |b|
     * @return [cOut]
     */
    public static double[] conv1dStep(float[] x, int tIn, int cIn, float[] w, int cOut, float[] b, int stride, int t,
                                      double[] magnitudes) {
        double[] result = new double[cOut];
        for (int o = 0; o < cOut; o++) {
            double sum = b == null ? 0 : b[o];
            double magnitude = b == null ? 0 : Math.abs(b[o]);
            for (int j = 0; j < 3; j++) {
                int source = t * stride + j - 1;
                if (source < 0 || source >= tIn) {
                    continue; // zero padding
                }
                for (int c = 0; c < cIn; c++) {
                    double term = (double) w[o * cIn * 3 + c * 3 + j] * x[source * cIn + c];
                    sum += term;
                    magnitude += Math.abs(term);
                }
            }
            result[o] = sum;
            magnitudes[o] = magnitude;
        }
        return result;
    }

    /** GELU(x) = x·Φ(x), Φ the standard normal CDF. */
    public static double gelu(double x) {
        return x * normalCdf(x);
    }

    /**
     * Φ(x) = ½·erfc(−x/√2), with erfc taken from the series or the continued fraction so that the lower tail keeps
     * its relative accuracy (1 − erf would cancel).
     */
    public static double normalCdf(double x) {
        double z = -x / Math.sqrt(2);
        return 0.5 * erfc(z);
    }

    /**
     * erfc(z) to about 1e-15 relative: for |z| < 1 as 1 − erf(z) with erf(z) = (2/√π)·e^{−z²}·Σ_n 2ⁿz^{2n+1}/(1·3·…·(2n+1))
     * (all terms positive, so no cancellation); for z ≥ 1 by the continued fraction
     * erfc(z) = e^{−z²}/√π · 1/(z + (1/2)/(z + 1/(z + (3/2)/(z + …)))), evaluated bottom-up from a fixed depth.
     */
    public static double erfc(double z) {
        if (Double.isNaN(z)) {
            return z;
        }
        if (z <= -1) {
            return 2 - erfc(-z);
        }
        if (z < 1) {
            double term = z;
            double sum = z;
            for (int n = 1; n < 200 && Math.abs(term) > 1e-17 * Math.abs(sum); n++) {
                term *= 2 * z * z / (2 * n + 1);
                sum += term;
            }
            return 1 - 2 / Math.sqrt(Math.PI) * Math.exp(-z * z) * sum;
        }
        double fraction = z;
        for (int k = 200; k >= 1; k--) {
            fraction = z + (k / 2.0) / fraction;
        }
        return Math.exp(-z * z) / Math.sqrt(Math.PI) / fraction;
    }

    /**
     * Per row: (x − mean)/sqrt(var + eps)·gamma + beta, population variance.
     *
     * @param x          [n × d]
     * @param normalized [n × d] receives (x − mean)/sqrt(var + eps), for the tolerance
     * @param spread     [n] receives Σ|x| / (d·sqrt(var + eps)): how much a float error in the mean is magnified
     */
    public static double[] layerNorm(float[] x, int n, int d, float[] gamma, float[] beta, float eps, double[] normalized,
                                     double[] spread) {
        double[] result = new double[n * d];
        for (int r = 0; r < n; r++) {
            double mean = 0;
            double absolute = 0;
            for (int c = 0; c < d; c++) {
                mean += x[r * d + c];
                absolute += Math.abs(x[r * d + c]);
            }
            mean /= d;
            double variance = 0;
            for (int c = 0; c < d; c++) {
                variance += (x[r * d + c] - mean) * (x[r * d + c] - mean);
            }
            variance /= d;
            double deviation = Math.sqrt(variance + eps);
            spread[r] = absolute / (d * deviation);
            for (int c = 0; c < d; c++) {
                double z = (x[r * d + c] - mean) / deviation;
                normalized[r * d + c] = z;
                result[r * d + c] = z * gamma[c] + beta[c];
            }
        }
        return result;
    }

    /** Per row: x − log Σ exp(x); {@code logSumExps} [n] receives each row's log Σ exp. */
    public static double[] logSoftmax(float[] x, int n, int cols, double[] logSumExps) {
        double[] result = new double[n * cols];
        for (int r = 0; r < n; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < cols; c++) {
                max = Math.max(max, x[r * cols + c]);
            }
            double sum = 0;
            for (int c = 0; c < cols; c++) {
                sum += Math.exp(x[r * cols + c] - max);
            }
            logSumExps[r] = max + Math.log(sum);
            for (int c = 0; c < cols; c++) {
                result[r * cols + c] = x[r * cols + c] - logSumExps[r];
            }
        }
        return result;
    }

    /**
     * Multi-head attention for the queries listed in {@code queryRows} (all others are left 0): per head h,
     * score[i][j] = Σ_c (q[i][h,c]·s)(k[j][h,c]·s) with s = headDim^−¼, masked to j ≤ i + tK − tQ when causal,
     * softmax over j, out[i][h,·] = Σ_j p·v[j][h,·].
     *
     * @param q [tQ × d], k and v [tK × d]
     */
    public static AttentionResult attention(float[] q, float[] k, float[] v, int tQ, int tK, int d, int heads,
                                            boolean causal, int[] queryRows) {
        int headDim = d / heads;
        double s = Math.pow(headDim, -0.25);
        AttentionResult result = new AttentionResult(tQ, tK, d, heads);
        for (int h = 0; h < heads; h++) {
            for (int i : queryRows) {
                int lastKey = causal ? i + tK - tQ : tK - 1;
                double[] scores = new double[lastKey + 1];
                double max = Double.NEGATIVE_INFINITY;
                double largestMagnitude = 0;
                for (int j = 0; j <= lastKey; j++) {
                    double dot = 0;
                    double magnitude = 0;
                    for (int c = 0; c < headDim; c++) {
                        double term = (q[i * d + h * headDim + c] * s) * (k[j * d + h * headDim + c] * s);
                        dot += term;
                        magnitude += Math.abs(term);
                    }
                    scores[j] = dot;
                    max = Math.max(max, dot);
                    largestMagnitude = Math.max(largestMagnitude, magnitude);
                    result.scores[(h * tQ + i) * tK + j] = dot;
                    result.scoreMagnitudes[(h * tQ + i) * tK + j] = magnitude;
                }
                for (int j = lastKey + 1; j < tK; j++) {
                    result.scores[(h * tQ + i) * tK + j] = Double.NEGATIVE_INFINITY;
                }
                result.largestScoreMagnitude[h * tQ + i] = largestMagnitude;
                double sum = 0;
                for (int j = 0; j <= lastKey; j++) {
                    scores[j] = Math.exp(scores[j] - max);
                    sum += scores[j];
                }
                for (int c = 0; c < headDim; c++) {
                    double value = 0;
                    double magnitude = 0;
                    for (int j = 0; j <= lastKey; j++) {
                        double p = scores[j] / sum;
                        value += p * v[j * d + h * headDim + c];
                        magnitude += p * Math.abs(v[j * d + h * headDim + c]);
                    }
                    result.out[i * d + h * headDim + c] = value;
                    result.outMagnitudes[i * d + h * headDim + c] = magnitude;
                }
            }
        }
        return result;
    }

    /** What {@link #attention} computes, with the magnitudes the tolerances scale with. */
    public static final class AttentionResult {
        /** [tQ × d] */
        public final double[] out;
        /** [tQ × d] Σ_j p_j·|v_j| per output element */
        public final double[] outMagnitudes;
        /** [heads·tQ × tK] scaled scores, −∞ where masked */
        public final double[] scores;
        /** [heads·tQ × tK] Σ_c |(q·s)(k·s)| per score */
        public final double[] scoreMagnitudes;
        /** [heads·tQ] the largest score magnitude of each (head, query) row */
        public final double[] largestScoreMagnitude;

        AttentionResult(int tQ, int tK, int d, int heads) {
            out = new double[tQ * d];
            outMagnitudes = new double[tQ * d];
            scores = new double[heads * tQ * tK];
            scoreMagnitudes = new double[heads * tQ * tK];
            largestScoreMagnitude = new double[heads * tQ];
        }
    }
}
