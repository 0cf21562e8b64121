package dev.earshot.backend.cpu;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;

/**
 * exp(x) in double, as a scalar and lane-wise on vectors with the very same exactly rounded operations, so both give
 * the same bits (neither {@code Math.exp} nor the Vector API's EXP promises that): the exact GELU's tail needs
 * exp(−z²) in its vector loop and in its scalar remainder alike.
 *
 * <p>x = n·ln2 + r with n = round(x/ln2), |r| ≤ ln2/2 (ln2 in two parts, fdlibm's: n·LN2_HIGH is exact for
 * |n| < 2²⁰); exp(r) by its Taylor polynomial of degree 13 (truncation r¹⁴/14! < 5e-18), in Horner form; then
 * 2ⁿ applied as two factors 2^⌊n/2⌋ and 2^(n−⌊n/2⌋), each a normal double, so results down into the subnormal
 * range are rounded once, like any other product. Relative error a few double ulps: a thousand times below what the
 * erf fits need. For x ≤ 709 (above, 2ⁿ's factors overflow; GELU only needs x ≤ −1); inputs below −1000 are clamped
 * there (the result is 0 either way); NaN stays NaN. n's integer bits are read from the rounding sum itself, not
 * converted: a double-to-long conversion carries a fix-up path for Java's NaN and overflow rules, and a larger
 * compiled exp is one the JIT may decline to inline (its vectors are then boxed).
 */
final class DoubleExp {

    private static final double LOWEST_INPUT = -1000;
    private static final double LOG2_E = 1.4426950408889634;
    private static final double LN2_HIGH = 6.93147180369123816490e-01;
    private static final double LN2_LOW = 1.90821492927058770002e-10;
    /** 1.5·2⁵²: adding and subtracting it rounds a double of magnitude < 2⁵¹ to the nearest integer. */
    private static final double ROUNDING_SHIFT = 6755399441055744.0;
    /** ROUNDING_SHIFT's bits: those of ROUNDING_SHIFT + n are these plus n, for integral |n| < 2⁵¹. */
    private static final long ROUNDING_SHIFT_BITS = Double.doubleToRawLongBits(ROUNDING_SHIFT);
    /** 1/k! for k = 0 … 13. */
    private static final double[] TAYLOR = taylor(13);

    private DoubleExp() {
    }

    static double exp(double x) {
        double clamped = x < LOWEST_INPUT ? LOWEST_INPUT : x;
        double shifted = clamped * LOG2_E + ROUNDING_SHIFT;
        double n = shifted - ROUNDING_SHIFT;
        double r = clamped - n * LN2_HIGH - n * LN2_LOW;
        double p = TAYLOR[TAYLOR.length - 1];
        for (int i = TAYLOR.length - 2; i >= 0; i--) {
            p = p * r + TAYLOR[i];
        }
        long whole = Double.doubleToRawLongBits(shifted) - ROUNDING_SHIFT_BITS;
        long half = whole >> 1;
        return p * Double.longBitsToDouble((half + 1023) << 52) * Double.longBitsToDouble((whole - half + 1023) << 52);
    }

    static DoubleVector exp(DoubleVector x) {
        DoubleVector clamped = x.blend(LOWEST_INPUT, x.compare(VectorOperators.LT, LOWEST_INPUT));
        DoubleVector shifted = clamped.mul(LOG2_E).add(ROUNDING_SHIFT);
        DoubleVector n = shifted.sub(ROUNDING_SHIFT);
        DoubleVector r = clamped.sub(n.mul(LN2_HIGH)).sub(n.mul(LN2_LOW));
        DoubleVector p = DoubleVector.broadcast(x.species(), TAYLOR[TAYLOR.length - 1]);
        for (int i = TAYLOR.length - 2; i >= 0; i--) {
            p = p.mul(r).add(TAYLOR[i]);
        }
        LongVector whole = shifted.reinterpretAsLongs().sub(ROUNDING_SHIFT_BITS);
        LongVector half = whole.lanewise(VectorOperators.ASHR, 1);
        // the powers of two written out, not a helper: an un-inlined call would box the vectors
        DoubleVector lower = half.add(1023).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
        DoubleVector upper = whole.sub(half).add(1023).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
        return p.mul(lower).mul(upper);
    }

    private static double[] taylor(int degree) {
        double[] coefficients = new double[degree + 1];
        double factorial = 1;
        for (int k = 0; k <= degree; k++) {
            factorial *= Math.max(k, 1);
            coefficients[k] = 1 / factorial;
        }
        return coefficients;
    }
}
