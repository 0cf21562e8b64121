package dev.earshot.backend.cpu;

/**
 * erf, erfc and the standard normal CDF in double precision, from the fits in {@link ErfCoefficients}
 * (absolute error of erf below 1e-14, relative error of erfc below 1e-13; see {@code fit_erf.py}).
 * Java has no {@code Math.erf}; the exact GELU needs Φ(x) = ½·erfc(−x/√2).
 */
final class ErfFunctions {

    private static final double INV_SQRT2 = 0.7071067811865476;
    /** erfc(27) = exp(−729)·… is below the smallest double. */
    static final double ERFC_UNDERFLOW = 27;

    private ErfFunctions() {
    }

    static double erf(double x) {
        double a = Math.abs(x);
        if (a <= 1) {
            return x * horner(ErfCoefficients.ERF_SMALL, 2 * a * a - 1);
        }
        return Math.copySign(1 - erfcAtLeastOne(a), x);
    }

    static double erfc(double x) {
        if (x >= 1) {
            return erfcAtLeastOne(x);
        }
        if (x <= -1) {
            return 2 - erfcAtLeastOne(-x);
        }
        return 1 - erf(x);
    }

    /**
     * Φ(x), the standard normal CDF, keeping relative accuracy in the lower tail (where GELU's x·Φ(x) is tiny
     * but not zero). NaN stays NaN.
     */
    static double normalCdf(double x) {
        double z = x * INV_SQRT2;
        if (z <= -1) {
            return 0.5 * erfcAtLeastOne(-z);
        }
        return 0.5 * (1 + erf(z));
    }

    /** erfc(x) for x ≥ 1 (or NaN). GeluKernel.tail is a lane-wise copy: change both or neither. */
    private static double erfcAtLeastOne(double x) {
        if (x > ERFC_UNDERFLOW) {
            return 0;
        }
        double gaussian = DoubleExp.exp(-x * x); // not Math.exp: GeluKernel repeats this in vectors, bit for bit
        if (x <= 2) {
            return gaussian * horner(ErfCoefficients.ERFCX_1_2, (x - 1.5) * 2);
        }
        if (x <= 4) {
            return gaussian * horner(ErfCoefficients.ERFCX_2_4, x - 3);
        }
        double s = 16 / (x * x);
        return gaussian / x * horner(ErfCoefficients.ERFCX_TAIL, 2 * s - 1);
    }

    private static double horner(double[] coefficients, double u) {
        double result = coefficients[coefficients.length - 1];
        for (int i = coefficients.length - 2; i >= 0; i--) {
            result = Math.fma(result, u, coefficients[i]); // GeluKernel's vectors do the same fused step
        }
        return result;
    }
}
