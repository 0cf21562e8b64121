package dev.earshot.backend.cpu;

import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Softmax's float exponential: within a few float ulps of Math.exp over its whole domain (s − max, from the clamp at
 * −87.3 up to 0), exact at 0, and clamped below; the power of two assembled in the exponent bits is off by a factor
 * of two or more when its bias is wrong, which this catches.
 */
class FastExpTest {

    private static final int LANES = LinearKernel.LANES;

    @Test
    void accurateOverTheSoftmaxDomain() {
        SplittableRandom random = new SplittableRandom(3);
        float[] x = new float[LANES * 20_000];
        for (int i = 0; i < x.length; i++) {
            x[i] = i % 2 == 0 ? (float) -random.nextDouble(0, 87.3) : (float) -random.nextDouble(0, 2);
        }
        x[0] = 0f;
        x[1] = -0f;
        x[2] = -87.3f;
        float[] e = new float[LANES];
        for (int i = 0; i < x.length; i += LANES) {
            FastExp.exp(FloatVector.fromArray(LinearKernel.SPECIES, x, i)).intoArray(e, 0);
            for (int l = 0; l < LANES; l++) {
                float reference = (float) Math.exp(x[i + l]);
                assertTrue(Math.abs(e[l] - reference) <= 4 * Math.ulp(reference),
                        "exp(" + x[i + l] + ") = " + e[l] + ", Math.exp " + reference);
            }
        }
        FastExp.exp(FloatVector.broadcast(LinearKernel.SPECIES, Float.NEGATIVE_INFINITY)).intoArray(e, 0);
        float atClamp = FastExp.exp(FloatVector.broadcast(LinearKernel.SPECIES, -87.3f)).lane(0);
        assertEquals(atClamp, e[0], "below the clamp: exp(-87.3)");
        assertEquals(1f, FastExp.exp(FloatVector.zero(LinearKernel.SPECIES)).lane(0));
    }
}
