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
 * keeps float precision); exp(r) by its Taylor polynomial of degree 7, whose truncation error r⁸/8! ≤ 5e-9 is far below
 * float's 6e-8; 2ⁿ assembled in the exponent bits. Relative error: a few float ulps.
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
    /** 1.5·2²³: adding and subtracting it rounds a float of magnitude < 2²² to the nearest integer. */
    private static final float ROUNDING_SHIFT = 12582912f;
    /** 2²³ + 127. */
    private static final float EXPONENT_BIAS_SHIFT = 8388735f;
    private static final float[] TAYLOR = {1f, 1f, 1f / 2, 1f / 6, 1f / 24, 1f / 120, 1f / 720, 1f / 5040};

    private FastExp() {
    }

    static FloatVector exp(FloatVector x) {
        return exp(x, LOWEST_INPUT);
    }

    /**
     * exp(x) for x ≤ 0, exactly 0 below {@code lowestInput}, which must lie in [−87, 0]: down to −87 the result
     * is a normal float (GELU's lower tail needs e^{−85}; softmax cuts at {@value #LOWEST_INPUT}, see above).
     */
    static FloatVector exp(FloatVector x, float lowestInput) {
        // a compare and a blend; NaN compares false and stays NaN
        FloatVector clamped = x.blend(FLUSHED_INPUT, x.compare(VectorOperators.LT, lowestInput));
        FloatVector n = clamped.mul(LOG2_E).add(ROUNDING_SHIFT).sub(ROUNDING_SHIFT);
        // n·LN2_HIGH is exact, so the fused form rounds once where mul-then-add rounded an exact product: same bits
        FloatVector r = n.fma(FloatVector.broadcast(LinearKernel.SPECIES, -LN2_HIGH), clamped);
        r = n.fma(FloatVector.broadcast(LinearKernel.SPECIES, -LN2_LOW), r);
        FloatVector p = FloatVector.broadcast(LinearKernel.SPECIES, TAYLOR[7]);
        for (int i = 6; i >= 0; i--) {
            p = p.fma(r, FloatVector.broadcast(LinearKernel.SPECIES, TAYLOR[i]));
        }
        // 2ⁿ: n + 2²³ + 127 is an exact float whose low mantissa bits are n + 127 (n is integral: −127, or −92 … 0);
        // shifted into the exponent field. A float-to-int conversion did the same with a fix-up path for Java's NaN and
        // overflow rules, and the larger code kept the JIT from inlining exp, boxing its result.
        IntVector exponent = n.add(EXPONENT_BIAS_SHIFT).reinterpretAsInts().lanewise(VectorOperators.LSHL, 23);
        return p.mul(exponent.reinterpretAsFloats());
    }
}
