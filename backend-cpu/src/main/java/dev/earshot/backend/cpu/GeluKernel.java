package dev.earshot.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.util.Arrays;

/**
 * The exact GELU, x·Φ(x) with Φ the standard normal CDF (openai's {@code F.gelu}, not the tanh approximation), in
 * float vectors, within a few float ulps of the true value (GeluKernelTest measures the bound against the kit's
 * high-precision reference).
 *
 * <p>Two pieces, both computed for every lane and blended, from the fits in {@link GeluCoefficients}:
 * <ul>
 *   <li>|x| ≤ 1: Φ = ½ + x·R(x²/2), a polynomial. Φ stays above 0.15 there, so the sum loses little to cancellation.
 *   <li>|x| > 1: erfc(a) = e^{−a²}·erfcx(a) with a = |x|/√2, erfcx·(1 + a) a polynomial in 1/(1 + a) (one division), and
 *       Φ = 1 − erfc/2 above, erfc/2 below, so the lower tail keeps its relative accuracy. a² = x²/2 is taken
 *       exactly, as a float and its rounding error (a fused multiply-add), and the error enters as
 *       e^{−a²} = e^{−hi}·(1 − lo): with a² rounded once, e^{−a²} at x = −13 would be off by ~80 ulps.
 * </ul>
 * In the lower tail a result above −2⁻¹²⁶ (x below about −13.1) is −0 instead of a subnormal float: every fused
 * multiply-add of the next layer's GEMM that reads a subnormal runs as a microcode assist (with one activation in a
 * thousand subnormal, a 384 × 1536 GEMM took a third longer). What is dropped is under 1.2e-38 per input.
 *
 * <p>Only exactly rounded lane-wise operations (and {@link FastExp}, built from them), so interpreted and compiled
 * code give the same bits, and so does any split of the elements between threads: the last few elements of a range
 * (fewer than a vector) go through the same vector code in a padded copy.
 *
 * <p>It replaced a double-precision evaluation (correctly rounded but for rare double roundings; 8 lanes, fits of
 * degree 10–18, the lanes past |x| = √2 gathered into vectors of their own), whose time depended on how many
 * activations reached the tails: on Gaussian activations (σ = 1, a third of them past √2), one thread, 2.4 ns per
 * element in L1 and 3.3 from a 12 MB array, against 0.9 and 1.0 for this one; on the benchmark encoder (silence as
 * input, its activations mostly central) about 10% faster, 3–4% of the pass before.
 */
final class GeluKernel {

    private static final VectorSpecies<Float> SPECIES = LinearKernel.SPECIES;
    private static final int LANES = SPECIES.length();
    private static final float INV_SQRT2 = 0.70710678f;
    /** x²/2 up to this (|x| ≤ 1) takes the polynomial for Φ. */
    private static final float POLYNOMIAL_LIMIT = 0.5f;
    /**
     * Where e^{−a²} may be flushed to 0: below e^{−87} the lower tail's x·Φ(x) is subnormal (flushed to −0 anyway)
     * and the upper tail's Φ is 1 in float from a² ≈ 17 on.
     */
    private static final float LOWEST_EXP_INPUT = -87f;
    /**
     * x²/2 from which its rounding error is left out: past e^{−87}'s cut (the exponential is 0 there), and x² may
     * overflow, when the fused multiply-add's error term is NaN.
     */
    private static final float ERROR_TERM_LIMIT = 100f;
    private static final float SMALLEST_NORMAL = Float.MIN_NORMAL;

    private GeluKernel() {
    }

    /**
     * values[from, to) = gelu(values[…]).
     *
     * @param tail a scratch of at least one vector's lanes, for the last elements of the range
     */
    static void apply(float[] values, int from, int to, float[] tail) {
        int i = from;
        for (; i + LANES <= to; i += LANES) {
            gelu(FloatVector.fromArray(SPECIES, values, i)).intoArray(values, i);
        }
        if (i < to) {
            // a padded copy rather than a masked load and store: a mask is an object, which some compiles allocated
            Arrays.fill(tail, 0, LANES, 0f);
            System.arraycopy(values, i, tail, 0, to - i);
            gelu(FloatVector.fromArray(SPECIES, tail, 0)).intoArray(tail, 0);
            System.arraycopy(tail, 0, values, i, to - i);
        }
    }

    /**
     * One vector of GELU. Written out in one method, the Horner loops included (the JIT boxed vectors passed to
     * small helpers it did not inline; {@link JitInlining} makes sure this one is).
     */
    static FloatVector gelu(FloatVector x) {
        FloatVector square = x.mul(x);
        FloatVector squareError = x.fma(x, square.neg()); // x² = square + squareError exactly (unless it overflows)
        FloatVector half = square.mul(0.5f); // a² = x²/2 = half + halfError; halving is exact
        FloatVector halfError = squareError.mul(0.5f);
        halfError = halfError.blend(0f, half.compare(VectorOperators.GT, ERROR_TERM_LIMIT));

        // |x| ≤ 1: Φ = ½ + x·R(h), u = 4h − 1
        float[] r = GeluCoefficients.R;
        FloatVector u = half.fma(FloatVector.broadcast(SPECIES, 4f), FloatVector.broadcast(SPECIES, -1f));
        FloatVector polynomial = FloatVector.broadcast(SPECIES, r[r.length - 1]);
        for (int c = r.length - 2; c >= 0; c--) {
            polynomial = polynomial.fma(u, FloatVector.broadcast(SPECIES, r[c]));
        }
        FloatVector centralPhi = x.fma(polynomial, FloatVector.broadcast(SPECIES, 0.5f));

        // |x| > 1: erfc(a)/2 = ½·e^{−a²}·erfcx(a)
        FloatVector a = x.abs().mul(INV_SQRT2);
        FloatVector t = FloatVector.broadcast(SPECIES, 1f).div(a.add(1f));
        float[] e = GeluCoefficients.ERFCX;
        FloatVector v = t.fma(FloatVector.broadcast(SPECIES, GeluCoefficients.T_SCALE),
                FloatVector.broadcast(SPECIES, GeluCoefficients.T_OFFSET));
        FloatVector scaledErfcx = FloatVector.broadcast(SPECIES, e[e.length - 1]); // erfcx(a)·(1 + a)
        for (int c = e.length - 2; c >= 0; c--) {
            scaledErfcx = scaledErfcx.fma(v, FloatVector.broadcast(SPECIES, e[c]));
        }
        FloatVector gaussian = FastExp.exp(half.neg(), LOWEST_EXP_INPUT);
        gaussian = gaussian.fma(halfError.neg(), gaussian); // e^{−hi−lo} = e^{−hi}·(1 − lo), lo ≤ 2⁻²⁴·hi
        FloatVector halfErfcx = scaledErfcx.mul(t).mul(0.5f);
        // above: x·(1 − erfc/2); below: (x·erfcx/2)·e^{−a²}, in that order so that no product on the way to a
        // normal result is subnormal (erfc/2 itself is, from x ≈ −13.1 on, and would lose bits)
        FloatVector upper = x.mul(gaussian.mul(halfErfcx).neg().add(1f));
        FloatVector lower = x.mul(halfErfcx).mul(gaussian);
        VectorMask<Float> below = x.compare(VectorOperators.LT, 0f);

        // NaN compares false: its lanes take the upper tail, which keeps NaN
        VectorMask<Float> central = half.compare(VectorOperators.LE, POLYNOMIAL_LIMIT);
        VectorMask<Float> lowerTail = below.andNot(central);
        FloatVector gelu = upper.blend(lower, lowerTail).blend(x.mul(centralPhi), central);
        return gelu.blend(-0f, gelu.compare(VectorOperators.GT, -SMALLEST_NORMAL).and(lowerTail));
    }
}
