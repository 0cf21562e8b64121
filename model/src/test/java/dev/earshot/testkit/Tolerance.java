package dev.earshot.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** Element-wise comparisons that report where the largest difference is, not just that one exists. */
public final class Tolerance {

    private Tolerance() {
    }

    /** Largest |expected - actual| over the arrays. */
    public static double maxAbsDiff(float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length, "array lengths differ");
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs((double) expected[i] - actual[i]));
        }
        return worst;
    }

    /** Element-wise |expected − actual| ≤ tolerance; NaN matches only NaN (openai's own arithmetic can make NaN). */
    public static void assertClose(float[] expected, float[] actual, double absTolerance, String what) {
        assertEquals(expected.length, actual.length, what + ": lengths differ");
        int worstIndex = -1;
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            if (Float.isNaN(expected[i]) && Float.isNaN(actual[i])) {
                continue;
            }
            double d = Math.abs((double) expected[i] - actual[i]);
            if (!(d <= worst)) { // also catches NaN
                worst = d;
                worstIndex = i;
            }
        }
        if (!(worst <= absTolerance)) {
            fail(what + ": max |diff| " + worst + " > " + absTolerance + " at index " + worstIndex
                    + " (expected " + expected[worstIndex] + ", got " + actual[worstIndex] + ")");
        }
    }
}
