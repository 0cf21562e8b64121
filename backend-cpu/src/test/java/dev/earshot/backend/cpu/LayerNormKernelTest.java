package dev.earshot.backend.cpu;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Layer norm against an exact computation: mean and variance in BigDecimal, the normalization in double. The kernel's
 * reordered double sums are far more precise than float, so each output must be the exactly computed value rounded
 * to float, give or take one float ulp where the exact value lies next to a rounding boundary.
 */
class LayerNormKernelTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 16, 17, 384, 385, 512, 1280})
    void matchesTheExactComputationToTheLastFloatBit(int d) {
        SplittableRandom random = new SplittableRandom(d);
        float[] gamma = new float[d];
        float[] beta = new float[d];
        for (int c = 0; c < d; c++) {
            gamma[c] = (float) (1 + random.nextGaussian() * 0.2);
            beta[c] = (float) (random.nextGaussian() * 0.1);
        }
        int offset = 3;
        float[] x = new float[offset + d];
        for (int trial = 0; trial < 50; trial++) {
            double scale = Math.pow(10, random.nextInt(-3, 4));
            double shift = trial % 2 == 0 ? 0 : random.nextGaussian() * 50 * scale; // a large mean: cancellation
            for (int c = 0; c < d; c++) {
                x[offset + c] = (float) (shift + random.nextGaussian() * scale);
            }
            float[] out = new float[d + 2];
            LayerNormKernel.row(x, offset, out, 1, d, gamma, beta, 1e-5f, new double[jdk.incubator.vector.DoubleVector.SPECIES_PREFERRED.length()]);

            MathContext context = MathContext.DECIMAL128;
            BigDecimal sum = BigDecimal.ZERO;
            for (int c = 0; c < d; c++) {
                sum = sum.add(new BigDecimal(x[offset + c]));
            }
            BigDecimal mean = sum.divide(BigDecimal.valueOf(d), context);
            BigDecimal squares = BigDecimal.ZERO;
            for (int c = 0; c < d; c++) {
                BigDecimal centred = new BigDecimal(x[offset + c]).subtract(mean);
                squares = squares.add(centred.multiply(centred));
            }
            double variance = squares.divide(BigDecimal.valueOf(d), context).doubleValue();
            double inverseDeviation = 1 / Math.sqrt(variance + 1e-5f);
            double exactMean = mean.doubleValue();
            assertEquals(0f, out[0], "written before the row");
            assertEquals(0f, out[d + 1], "written past the row");
            for (int c = 0; c < d; c++) {
                float expected = (float) ((x[offset + c] - exactMean) * inverseDeviation * gamma[c] + beta[c]);
                int ulps = Math.abs(Float.floatToIntBits(expected) - Float.floatToIntBits(out[1 + c]));
                assertTrue(ulps <= 1 || Math.abs(expected - out[1 + c]) < 1e-6f,
                        "d " + d + ", trial " + trial + ", element " + c + ": " + out[1 + c] + " vs exact " + expected);
            }
        }
    }

    @Test
    void constantRowGivesBeta() {
        int d = 384;
        float[] x = new float[d];
        java.util.Arrays.fill(x, 2.5f);
        float[] gamma = new float[d];
        float[] beta = new float[d];
        for (int c = 0; c < d; c++) {
            gamma[c] = c;
            beta[c] = -c * 0.5f;
        }
        float[] out = new float[d];
        LayerNormKernel.row(x, 0, out, 0, d, gamma, beta, 1e-5f, new double[jdk.incubator.vector.DoubleVector.SPECIES_PREFERRED.length()]);
        for (int c = 0; c < d; c++) {
            assertEquals(beta[c], out[c], "element " + c);
        }
    }
}
