package dev.earshot.backend.cpu;

import dev.earshot.backend.tck.ScalarReference;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The float GELU against the kit's high-precision x·Φ(x) (series and continued fraction in double, an unrelated
 * computation), and the same bits whatever runs it: interpreted or compiled, a full vector or a range's last few
 * elements.
 */
class GeluKernelTest {

    /**
     * What the kernel reaches, in ulps of the exact value rounded to float: measured over every float, 6 at worst
     * (x ≈ −2.2, the lower tail), 2 for x ≥ 0, and 99.6% within 1.
     */
    private static final int MAX_ULPS = 6;
    private static final float[] SPECIAL = {0f, -0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
            Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, 1e-30f, -1e-30f, 3e38f, -3e38f, 1e19f, -1e19f,
            -13f, -13.1f, -13.2f, -14f, -20f, // around the lower tail's cut to −0
            1f, -1f, Math.nextUp(1f), Math.nextDown(-1f), 4f, -4f, 5.5f, 14.2f, -14.2f}; // piece edges, fit ends

    @Test
    void withinAFewUlpsOfTheExactValueAcrossTheRange() {
        // every 251st float from −16 to 16 (about 9 million of the 2.2 billion), and the specials
        float[] values = sweep(16f, 251);
        float[] actual = values.clone();
        GeluKernel.apply(actual, 0, actual.length, new float[LinearKernel.LANES]);
        double worst = 0;
        float worstAt = 0;
        for (int i = 0; i < values.length; i++) {
            double ulps = ulpsFromExact(values[i], actual[i]);
            if (ulps > worst) {
                worst = ulps;
                worstAt = values[i];
            }
        }
        assertTrue(worst <= MAX_ULPS, "gelu(" + worstAt + ") is " + worst + " ulps off");
    }

    @Test
    void specialValues() {
        float[] values = SPECIAL.clone();
        GeluKernel.apply(values, 0, values.length, new float[LinearKernel.LANES]);
        for (int i = 0; i < SPECIAL.length; i++) {
            float x = SPECIAL[i];
            float expected = expected(x);
            if (Float.isNaN(expected) || Float.isInfinite(expected) || expected == 0) { // NaN, ±∞, ±0 and −0 flushes
                assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(values[i]), "gelu(" + x + ")");
            } else {
                assertTrue(ulpsFromExact(x, values[i]) <= MAX_ULPS, "gelu(" + x + "): exact " + expected + ", got " + values[i]);
            }
        }
        assertTrue(Float.isNaN(values[4]), "gelu(−∞) = −∞·Φ(−∞) = −∞·0 is NaN, as in PyTorch");
    }

    @Test
    void theLowerTailGivesNoSubnormalFloat() {
        int n = 40_000;
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = -12f - 4f * i / n; // −12 … −16: exact results from normal through subnormal to zero
        }
        GeluKernel.apply(values, 0, n, new float[LinearKernel.LANES]);
        int negativeZeros = 0;
        for (int i = 0; i < n; i++) {
            assertTrue(values[i] <= -Float.MIN_NORMAL || Float.floatToRawIntBits(values[i]) == Float.floatToRawIntBits(-0f),
                    "gelu(" + (-12f - 4f * i / n) + ") = " + values[i]);
            negativeZeros += values[i] == 0 ? 1 : 0;
        }
        assertTrue(negativeZeros > n / 2, "below about −13.1, gelu is −0: " + negativeZeros);
        float[] minus13 = {-13f};
        GeluKernel.apply(minus13, 0, 1, new float[LinearKernel.LANES]);
        assertTrue(minus13[0] < -Float.MIN_NORMAL, "gelu(−13) ≈ −8e-38 stays: " + minus13[0]);
    }

    @Test
    void sameBitsInterpretedOrCompiledAndInAnyRangeSplit() {
        SplittableRandom random = new SplittableRandom(20261206);
        int n = 200_003; // not a multiple of the lane count
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = i < SPECIAL.length ? SPECIAL[i]
                    : switch (i % 3) {
                        case 0 -> (float) (random.nextGaussian() * 1.2);
                        case 1 -> (float) random.nextDouble(-14, 14);
                        default -> Float.intBitsToFloat(random.nextInt()); // any bit pattern, NaNs included
                    };
        }
        float[] first = values.clone();
        GeluKernel.apply(first, 0, n, new float[LinearKernel.LANES]); // the first pass may run interpreted
        int[] ends = {5, 13, 14, 1000, 1003, 5000, 77_777, n};
        float[] tail = new float[LinearKernel.LANES];
        Arrays.fill(tail, Float.NaN); // whatever the scratch holds must not leak into a range
        for (int pass = 0; pass < 5; pass++) { // the later passes run JIT-compiled code
            float[] whole = values.clone();
            GeluKernel.apply(whole, 0, n, tail);
            float[] split = values.clone();
            int start = 0;
            for (int end : ends) {
                GeluKernel.apply(split, start, end, tail);
                start = end;
            }
            for (int i = 0; i < n; i++) {
                assertEquals(Float.floatToIntBits(first[i]), Float.floatToIntBits(whole[i]), "pass " + pass + ": gelu(" + values[i] + ")");
                assertEquals(Float.floatToIntBits(first[i]), Float.floatToIntBits(split[i]), "split, pass " + pass + ": gelu(" + values[i] + ") at " + i);
            }
        }
    }

    @Test
    void onlyTheGivenRangeChanges() {
        float[] values = {1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f, 9f, 10f, 11f, 12f};
        GeluKernel.apply(values, 2, 11, new float[LinearKernel.LANES]);
        assertEquals(1f, values[0]);
        assertEquals(2f, values[1]);
        assertEquals(expected(3f), values[2], Math.ulp(expected(3f)) * MAX_ULPS);
        assertEquals(expected(11f), values[10]);
        assertEquals(12f, values[11]);
    }

    /** Every {@code step}-th float of [−limit, limit] by bit pattern, each sign from 0 outwards, then {@link #SPECIAL}. */
    private static float[] sweep(float limit, int step) {
        int perSign = Float.floatToRawIntBits(limit) / step + 1;
        float[] values = new float[2 * perSign + SPECIAL.length];
        for (int i = 0; i < perSign; i++) {
            values[2 * i] = Float.intBitsToFloat(i * step);
            values[2 * i + 1] = -values[2 * i];
        }
        System.arraycopy(SPECIAL, 0, values, 2 * perSign, SPECIAL.length);
        return values;
    }

    /** The exact GELU rounded to float, −0 where the lower tail is flushed (see {@link GeluKernel}). */
    private static float expected(float x) {
        double exact = ScalarReference.gelu(x);
        if (x < -1 && exact > -Float.MIN_NORMAL) {
            return -0f;
        }
        return (float) exact;
    }

    /** How far {@code actual} is from {@link #expected}, in ulps of the expected float (0 for matching NaNs). */
    private static double ulpsFromExact(float x, float actual) {
        float expected = expected(x);
        if (Float.isNaN(expected) || Float.isNaN(actual)) {
            return Float.isNaN(expected) && Float.isNaN(actual) ? 0 : Double.POSITIVE_INFINITY;
        }
        if (expected == actual) {
            return 0;
        }
        return Math.abs((double) actual - expected) / Math.ulp(expected);
    }
}
