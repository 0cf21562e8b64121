package dev.earshot.backend.cpu;

import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Softmax's float exponential: within 1 float ulp of Math.exp over its domain (s − max, from the cut at −64 up
 * to 0; 1 ulp is also the largest error over every float of that domain, measured once), exact at 0, and exactly 0
 * below the cut, never a subnormal float; the power of two assembled in the exponent bits is off by a factor of two
 * or more when its bias is wrong, which this catches.
 */
class FastExpTest {

    private static final int LANES = LinearKernel.LANES;

    @Test
    void accurateOverTheSoftmaxDomain() {
        SplittableRandom random = new SplittableRandom(3);
        float[] x = new float[LANES * 20_000];
        for (int i = 0; i < x.length; i++) {
            x[i] = i % 2 == 0 ? (float) -random.nextDouble(0, 64) : (float) -random.nextDouble(0, 2);
        }
        x[0] = 0f;
        x[1] = -0f;
        x[2] = -64f;
        float[] e = new float[LANES];
        for (int i = 0; i < x.length; i += LANES) {
            FastExp.exp(FloatVector.fromArray(LinearKernel.SPECIES, x, i)).intoArray(e, 0);
            for (int l = 0; l < LANES; l++) {
                float reference = (float) Math.exp(x[i + l]);
                assertTrue(Math.abs(e[l] - reference) <= Math.ulp(reference),
                        "exp(" + x[i + l] + ") = " + e[l] + ", Math.exp " + reference);
            }
        }
        assertEquals(1f, FastExp.exp(FloatVector.zero(LinearKernel.SPECIES)).lane(0));
    }

    @Test
    void zeroBelowTheCutAndNeverSubnormal() {
        float[] below = {Math.nextDown(-64f), -70f, -87.3f, -88f, -103f, -1000f, -Float.MAX_VALUE, Float.NEGATIVE_INFINITY};
        for (float input : below) {
            float e = FastExp.exp(FloatVector.broadcast(LinearKernel.SPECIES, input)).lane(0);
            assertEquals(0, Float.floatToRawIntBits(e), "exp(" + input + ") = " + e + ", expected +0");
        }
        assertTrue(Float.isNaN(FastExp.exp(FloatVector.broadcast(LinearKernel.SPECIES, Float.NaN)).lane(0)));
        float[] e = new float[LANES];
        for (float input = -64f; input <= 0f; input += 0.0009765625f) {
            FastExp.exp(FloatVector.broadcast(LinearKernel.SPECIES, input)).intoArray(e, 0);
            assertTrue(e[0] >= Float.MIN_NORMAL, "exp(" + input + ") = " + e[0]);
        }
    }
}
