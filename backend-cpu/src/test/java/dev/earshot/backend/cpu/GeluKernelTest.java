package dev.earshot.backend.cpu;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The vector GELU must give the scalar code's bits for every input, in and out of the polynomial range. */
class GeluKernelTest {

    @Test
    void vectorLanesMatchTheScalarBitsEverywhere() {
        SplittableRandom random = new SplittableRandom(20261122);
        float[] special = {0f, -0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MIN_VALUE,
                -Float.MIN_VALUE, Float.MIN_NORMAL, 1e-30f, -1e-30f, 3e38f, -3e38f,
                -13f, -13.2f, -13.5f, -14.3f, -14.4f, -15f, // around the lower tail's cut to −0
                // the branch edges: x/√2 = ±1 and its float neighbours
                1.4142135f, Math.nextUp(1.4142135f), Math.nextDown(1.4142135f),
                -1.4142135f, Math.nextUp(-1.4142135f), Math.nextDown(-1.4142135f), -1.4142136f, 1.4142136f};
        int n = 200_003; // not a multiple of the lane count: the tail runs too
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = i < special.length ? special[i]
                    : switch (i % 3) {
                        case 0 -> (float) (random.nextGaussian() * 1.2);
                        case 1 -> (float) (random.nextDouble(-12, 12));
                        default -> Float.intBitsToFloat(random.nextInt()); // any bit pattern, NaNs included
                    };
        }
        float[] expected = new float[n];
        for (int i = 0; i < n; i++) {
            expected[i] = GeluKernel.scalar(values[i]);
        }
        for (int pass = 0; pass < 5; pass++) { // the later passes run JIT-compiled vector code, the first may not
            float[] actual = values.clone();
            GeluKernel.apply(actual, 0, n, new GeluKernel.Pending());
            for (int i = 0; i < n; i++) {
                assertEquals(Float.floatToIntBits(expected[i]), Float.floatToIntBits(actual[i]),
                        "pass " + pass + ": gelu(" + values[i] + "): scalar " + expected[i] + ", vector " + actual[i]);
            }
        }
    }

    @Test
    void theLowerTailGivesNoSubnormalFloat() {
        int n = 40_000;
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = -12f - 4f * i / n; // −12 … −16: exact results from normal through subnormal to zero
        }
        GeluKernel.apply(values, 0, n, new GeluKernel.Pending());
        int negativeZeros = 0;
        for (int i = 0; i < n; i++) {
            assertTrue(values[i] <= -Float.MIN_NORMAL || Float.floatToRawIntBits(values[i]) == Float.floatToRawIntBits(-0f),
                    "gelu(" + (-12f - 4f * i / n) + ") = " + values[i]);
            negativeZeros += values[i] == 0 ? 1 : 0;
        }
        assertTrue(negativeZeros > n / 2, "below about −13.1, gelu is −0: " + negativeZeros);
        assertTrue(GeluKernel.scalar(-13f) < -Float.MIN_NORMAL, "gelu(−13) ≈ −8e-38 stays");
    }

    @Test
    void oneWorkersQueueServesRangeAfterRange() {
        // a worker's tail queue carries over from task to task: each range must flush its own, and only its own
        SplittableRandom random = new SplittableRandom(7);
        int n = 10_007;
        float[] values = new float[n];
        float[] special = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 3e38f, -3e38f,
                Float.MIN_VALUE, 1.4142135f, -1.4142136f};
        for (int i = 0; i < n; i++) {
            values[i] = i % 97 == 0 ? special[(i / 97) % special.length]
                    : (float) random.nextDouble(-6, 6); // about three lanes in four outside the polynomial's range
        }
        GeluKernel.Pending pending = new GeluKernel.Pending();
        // whatever a queue holds between calls must not leak into a range: stale lanes and positions
        Arrays.fill(pending.elements, Float.NaN);
        pending.elements[0] = 3e38f;
        Arrays.fill(pending.positions, -1);
        int[] ends = {5, 13, 14, 1000, 1003, 5000, n};
        for (int pass = 0; pass < 4; pass++) { // the later passes run JIT-compiled code
            float[] actual = values.clone();
            int start = 0;
            for (int end : ends) {
                GeluKernel.apply(actual, start, end, pending);
                start = end;
            }
            for (int i = 0; i < n; i++) {
                assertEquals(Float.floatToIntBits(GeluKernel.scalar(values[i])), Float.floatToIntBits(actual[i]),
                        "pass " + pass + ": gelu(" + values[i] + ") at " + i);
            }
        }
    }

    @Test
    void onlyTheGivenRangeChanges() {
        float[] values = {1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f, 9f, 10f, 11f, 12f};
        GeluKernel.apply(values, 2, 11, new GeluKernel.Pending());
        assertEquals(1f, values[0]);
        assertEquals(2f, values[1]);
        assertEquals(GeluKernel.scalar(3f), values[2]);
        assertEquals(GeluKernel.scalar(11f), values[10]);
        assertEquals(12f, values[11]);
    }
}
