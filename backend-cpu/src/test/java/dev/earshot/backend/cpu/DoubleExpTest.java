package dev.earshot.backend.cpu;

import jdk.incubator.vector.DoubleVector;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The vector and scalar exponentials must agree bit for bit (GELU's vector and scalar paths both use them), and
 * both must be accurate: within 4 double ulps of Math.exp (itself within 1) on normal results, and right in the
 * subnormal range and at the clamp.
 */
class DoubleExpTest {

    private static final int LANES = DoubleVector.SPECIES_PREFERRED.length();

    @Test
    void vectorLanesAreTheScalarBitsAndAccurate() {
        SplittableRandom random = new SplittableRandom(5);
        double[] special = {0, -0.0, -1e-300, -1, -0.5 * Math.log(2), -708.3, -709.8, -740, -745.1, -745.2, -800,
                -1000, -1e6, Double.NEGATIVE_INFINITY, Double.NaN, 1, 3.5};
        int n = 100_000;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i < special.length ? special[i] : switch (i % 3) {
                case 0 -> -random.nextDouble(0, 30) * random.nextDouble(0, 30); // GELU's −z², z up to 30
                case 1 -> -random.nextDouble(0, 2);
                default -> random.nextDouble(-760, -700); // around the subnormal threshold
            };
        }
        double[] lanes = new double[LANES];
        for (int pass = 0; pass < 3; pass++) { // the later passes run JIT-compiled vector code, the first may not
            for (int i = 0; i + LANES <= n; i += LANES) {
                DoubleExp.exp(DoubleVector.fromArray(DoubleVector.SPECIES_PREFERRED, x, i)).intoArray(lanes, 0);
                for (int l = 0; l < LANES; l++) {
                    double scalar = DoubleExp.exp(x[i + l]);
                    assertEquals(Double.doubleToRawLongBits(scalar), Double.doubleToRawLongBits(lanes[l]),
                            "exp(" + x[i + l] + "): scalar " + scalar + ", vector " + lanes[l]);
                    double reference = Math.exp(x[i + l]);
                    if (Double.isNaN(reference)) {
                        assertTrue(Double.isNaN(scalar), "exp(NaN) " + scalar);
                    } else if (reference >= Double.MIN_NORMAL) {
                        assertTrue(Math.abs(scalar - reference) <= 4 * Math.ulp(reference),
                                "exp(" + x[i + l] + ") = " + scalar + ", Math.exp " + reference);
                    } else if (x[i + l] >= -1000) { // subnormal: the last bits are a few ulps of the smallest double
                        assertTrue(Math.abs(scalar - reference) <= 2 * Double.MIN_VALUE,
                                "exp(" + x[i + l] + ") = " + scalar + ", Math.exp " + reference);
                    }
                }
            }
        }
        assertEquals(0, DoubleExp.exp(Double.NEGATIVE_INFINITY));
        assertEquals(1, DoubleExp.exp(0));
    }
}
