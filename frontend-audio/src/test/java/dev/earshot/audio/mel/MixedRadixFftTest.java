package dev.earshot.audio.mel;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MixedRadixFftTest {

    /** Against the defining sum, computed the slow way, for Whisper's size and other factorisations. */
    @ParameterizedTest(name = "N = {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 8, 12, 30, 49, 97, 400, 512})
    void matchesTheDefinitionOfTheDft(int n) {
        Random random = new Random(n);
        double[] re = new double[n];
        double[] im = new double[n];
        for (int i = 0; i < n; i++) {
            re[i] = random.nextGaussian();
            im[i] = random.nextGaussian();
        }
        double[] outRe = new double[n];
        double[] outIm = new double[n];
        new MixedRadixFft(n).transform(re, im, outRe, outIm);

        for (int k = 0; k < n; k++) {
            double sumRe = 0;
            double sumIm = 0;
            for (int t = 0; t < n; t++) {
                double angle = -2 * Math.PI * ((long) t * k % n) / n;
                sumRe += re[t] * Math.cos(angle) - im[t] * Math.sin(angle);
                sumIm += re[t] * Math.sin(angle) + im[t] * Math.cos(angle);
            }
            assertEquals(sumRe, outRe[k], 1e-9 * n, "Re X[" + k + "]");
            assertEquals(sumIm, outIm[k], 1e-9 * n, "Im X[" + k + "]");
        }
    }
}
