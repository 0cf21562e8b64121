package dev.earshot.backend.cpu;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The exact GELU, x·Φ(x), a vector of doubles at a time. Where −1 < x/√2 ≤ 1 (most activations) Φ is
 * ½·(1 + erf) with erf the {@link ErfCoefficients#ERF_SMALL} polynomial, evaluated lane-wise with the very
 * operations {@link ErfFunctions} uses (a multiply, then an add, per Horner step; no fused multiply-add), so each
 * lane has the bits of the scalar code. Lanes outside that range take the scalar path, whose tail needs
 * {@code Math.exp}, which has no bit-identical vector form. The scalar loop alone cost about 10 ns an element
 * and was an eighth of the encoder's time.
 */
final class GeluKernel {

    private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_PREFERRED;
    /** As many float lanes as the double vector has: half its width. */
    private static final VectorSpecies<Float> FLOATS =
            VectorSpecies.of(float.class, VectorShape.forBitSize(DOUBLES.vectorBitSize() / 2));
    private static final double INV_SQRT2 = 0.7071067811865476;

    private GeluKernel() {
    }

    /** values[from, to) = gelu(values[…]), each element as {@link #scalar} computes it. */
    static void apply(float[] values, int from, int to) {
        int lanes = DOUBLES.length();
        int i = from;
        for (; i + lanes <= to; i += lanes) {
            DoubleVector x = (DoubleVector) FloatVector.fromArray(FLOATS, values, i).convertShape(VectorOperators.F2D, DOUBLES, 0);
            DoubleVector z = x.mul(INV_SQRT2);
            // ErfFunctions.normalCdf's polynomial branch is −1 < z ≤ 1; NaN compares false and goes scalar too
            VectorMask<Double> polynomial = z.compare(VectorOperators.GT, -1.0).and(z.compare(VectorOperators.LE, 1.0));
            DoubleVector a = z.abs();
            DoubleVector u = a.mul(2).mul(a).sub(1);
            double[] coefficients = ErfCoefficients.ERF_SMALL;
            DoubleVector erf = DoubleVector.broadcast(DOUBLES, coefficients[coefficients.length - 1]);
            for (int c = coefficients.length - 2; c >= 0; c--) {
                erf = erf.mul(u).add(coefficients[c]);
            }
            DoubleVector phi = z.mul(erf).add(1).mul(0.5);
            x.mul(phi).convertShape(VectorOperators.D2F, FLOATS, 0).reinterpretAsFloats().intoArray(values, i);
            if (!polynomial.allTrue()) {
                long outside = ~polynomial.toLong() & ((1L << lanes) - 1);
                while (outside != 0) {
                    int lane = Long.numberOfTrailingZeros(outside);
                    values[i + lane] = scalar(x.lane(lane));
                    outside &= outside - 1;
                }
            }
        }
        for (; i < to; i++) {
            values[i] = scalar(values[i]);
        }
    }

    /** x·Φ(x) in double, rounded once to float. */
    static float scalar(double x) {
        return (float) (x * ErfFunctions.normalCdf(x));
    }
}
