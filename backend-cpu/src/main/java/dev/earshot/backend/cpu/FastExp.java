package dev.earshot.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

/**
 * exp(x) for x ≤ 0 on float vectors, for softmax. Written with exactly rounded lane-wise operations only, so it
 * gives the same bits in the interpreter and in compiled code (the Vector API's own EXP may not), which keeps
 * results independent of warm-up and thread count.
 *
 * <p>x = n·ln2 + r with n = round(x/ln2) and |r| ≤ ln2/2 (ln2 split in two parts: n·LN2_HIGH is exact, so r
 * keeps float precision); exp(r) by a polynomial of degree 6 fitted on that interval (Chebyshev nodes, float
 * coefficients: relative error 2.2e-8, against float's 6e-8); 2ⁿ assembled in the exponent bits. Against Math.exp
 * rounded to float, for every float in [−64, 0]: at most 1 ulp (0.8% of them off by one; 0.4% with the Taylor
 * polynomial of degree 7 and the separate rounding of n used before, which took 17 lane-wise operations to these
 * 14; softmax, bound by them, was 18% of the encoder's attention by JFR samples, base shape).
 *
 * <p>Inputs below {@value #LOWEST_INPUT} give exactly 0. The exponential itself stays normal down to −87.3, but
 * softmax then multiplies by 1/sum, and a probability under 2⁻¹²⁶ is a subnormal float: every multiply that takes
 * or makes one runs as a microcode assist (on Intel cores, over a hundred cycles). Peaked attention — a head that
 * looks at a few positions, scores spread by 20 — had about an eighth of its 1500 probabilities subnormal, and ran
 * six times slower. With the cut, a nonzero probability is at least e⁻⁶⁴/T for T keys: normal up to 10¹⁰ keys. What
 * the cut drops, e⁻⁶⁴ ≈ 1.6e-28 of the largest probability, is below any float sum it could join (the sum of
 * exponentials is at least 1, the maximum's), so softmax sums and attention outputs keep their bits except where
 * the output itself is that small.
 */
final class FastExp {

    private static final float LOWEST_INPUT = -64f;
    /**
     * What inputs below {@link #LOWEST_INPUT} are replaced by: it rounds to n = −127, whose 2ⁿ assembles to an
     * all-zero exponent field and zero mantissa, the float 0, so the result is exactly 0 without a subnormal on the
     * way (a blend to 0 after the fact would cost one more instruction per vector).
     */
    private static final float FLUSHED_INPUT = -88f;
    private static final float LOG2_E = 1.44269504f;
    /** ln 2 = LN2_HIGH + LN2_LOW; LN2_HIGH has few significant bits, so n·LN2_HIGH is exact for |n| ≤ 127. */
    private static final float LN2_HIGH = 0.693359375f;
    private static final float LN2_LOW = -2.12194440e-4f;
    /**
     * 1.5·2²³ + 127: added to x·log₂e (|x·log₂e| ≤ 127), the sum is rounded to an integer, n + 127 + 1.5·2²³, a
     * float whose low mantissa bits hold n + 127, the biased exponent of 2ⁿ.
     */
    private static final float ROUNDING_SHIFT = 12583039f;
    /**
     * exp(r) on |r| ≤ 1.01·ln2/2, lowest power first: the degree-6 interpolant at 7 Chebyshev nodes of that interval
     * (exp at 40 digits, mpmath), in powers of r, rounded to float; the first three come out as 1, 1 and ½ exactly.
     */
    private static final float[] POLYNOMIAL = {1f, 1f, 0.5f, 0.16666404902935028f, 0.041666340082883835f,
            0.008375967852771282f, 0.0013942159712314606f};

    private FastExp() {
    }

    static FloatVector exp(FloatVector x) {
        // a compare and a blend; NaN compares false and stays NaN
        FloatVector clamped = x.blend(FLUSHED_INPUT, x.compare(VectorOperators.LT, LOWEST_INPUT));
        // one rounding of the exact product plus the shift: n = round(x·log₂e), to nearest
        FloatVector shifted = clamped.fma(FloatVector.broadcast(LinearKernel.SPECIES, LOG2_E),
                FloatVector.broadcast(LinearKernel.SPECIES, ROUNDING_SHIFT));
        FloatVector n = shifted.sub(ROUNDING_SHIFT);
        // n·LN2_HIGH is exact, so the first step rounds once
        FloatVector r = n.fma(FloatVector.broadcast(LinearKernel.SPECIES, -LN2_HIGH), clamped);
        r = n.fma(FloatVector.broadcast(LinearKernel.SPECIES, -LN2_LOW), r);
        FloatVector p = FloatVector.broadcast(LinearKernel.SPECIES, POLYNOMIAL[POLYNOMIAL.length - 1]);
        for (int i = POLYNOMIAL.length - 2; i >= 0; i--) {
            p = p.fma(r, FloatVector.broadcast(LinearKernel.SPECIES, POLYNOMIAL[i]));
        }
        // 2ⁿ: the shifted sum's low mantissa bits are n + 127 (n is integral: −127 for flushed inputs, else −92 … 0;
        // any n from −127 on would do), shifted into the exponent field; the bits above them leave past the sign bit.
        // A float-to-int conversion did the same with a fix-up path for Java's NaN and overflow rules, and the larger
        // code kept the JIT from inlining exp, boxing its result.
        IntVector exponent = shifted.reinterpretAsInts().lanewise(VectorOperators.LSHL, 23);
        return p.mul(exponent.reinterpretAsFloats());
    }
}
