package dev.earshot.backend.tck;

import static org.junit.jupiter.api.Assertions.fail;

/** Element-wise comparison of a backend's output with the reference, reporting the worst element by row and column. */
public final class Agreement {

    private Agreement() {
    }

    /**
     * Asserts |actual − expected| ≤ allowed for every element (NaN fails); {@code cols} locates a failing element.
     * Expected −∞ must be matched exactly.
     */
    public static void assertClose(String what, int cols, float[] actual, double[] expected, double[] allowed) {
        if (actual.length != expected.length) {
            fail(what + ": " + actual.length + " values, expected " + expected.length);
        }
        int worst = -1;
        double worstRatio = 0;
        int failures = 0;
        for (int i = 0; i < actual.length; i++) {
            double error = Math.abs(actual[i] - expected[i]);
            boolean exactInfinity = Double.isInfinite(expected[i]) && actual[i] == expected[i];
            if (exactInfinity) {
                continue;
            }
            double ratio = error / allowed[i];
            if (!(error <= allowed[i])) {
                failures++;
                if (worst < 0 || !(ratio <= worstRatio)) {
                    worst = i;
                    worstRatio = ratio;
                }
            }
        }
        if (worst >= 0) {
            fail(what + ": " + failures + " of " + actual.length + " elements out of tolerance; worst at row "
                    + worst / cols + ", column " + worst % cols + ": got " + actual[worst] + ", expected " + expected[worst]
                    + " ± " + allowed[worst] + " (error " + Math.abs(actual[worst] - expected[worst]) + ")");
        }
    }

    /** Asserts bit-for-bit equality (ops that only move or add exactly rounded values). */
    public static void assertExact(String what, int cols, float[] actual, float[] expected) {
        if (actual.length != expected.length) {
            fail(what + ": " + actual.length + " values, expected " + expected.length);
        }
        for (int i = 0; i < actual.length; i++) {
            if (Float.floatToIntBits(actual[i]) != Float.floatToIntBits(expected[i])) {
                fail(what + ": row " + i / cols + ", column " + i % cols + ": got " + actual[i] + ", expected " + expected[i]);
            }
        }
    }

    /** Rows {@code rows} of an [R × cols] matrix, in that order. */
    public static float[] selectRows(float[] matrix, int cols, int[] rows) {
        float[] selected = new float[rows.length * cols];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(matrix, rows[i] * cols, selected, i * cols, cols);
        }
        return selected;
    }

    public static double[] selectRows(double[] matrix, int cols, int[] rows) {
        double[] selected = new double[rows.length * cols];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(matrix, rows[i] * cols, selected, i * cols, cols);
        }
        return selected;
    }
}
