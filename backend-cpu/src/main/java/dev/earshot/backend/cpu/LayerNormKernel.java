package dev.earshot.backend.cpu;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * One row of layer norm, (x − mean)/sqrt(var + eps)·gamma + beta with the population variance, in double, a
 * vector of doubles at a time. The mean and the variance are sums over {@value #CHAINS} × lanes interleaved
 * partial sums, added in a fixed order at the end: a single running double sum was a chain of one dependent add
 * per element and made layer norm cost ~4 ns an element, a twentieth of the encoder. The order is fixed by the
 * row width alone, so the result does not depend on the thread count. The normalization itself is the same
 * double operations per element as before, rounded once to float.
 */
final class LayerNormKernel {

    private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_PREFERRED;
    /** As many float lanes as the double vector has. */
    private static final VectorSpecies<Float> FLOATS =
            VectorSpecies.of(float.class, VectorShape.forBitSize(DOUBLES.vectorBitSize() / 2));
    private static final int LANES = DOUBLES.length();
    /** Independent partial-sum vectors, enough to cover the add latency. */
    private static final int CHAINS = 2;

    private LayerNormKernel() {
    }

    /**
     * out[o0 …] = layerNorm(x[x0 … x0 + d)).
     *
     * @param partials scratch of at least one double vector's lanes
     */
    static void row(float[] x, int x0, float[] out, int o0, int d, float[] gamma, float[] beta, float eps,
                    double[] partials) {
        int step = CHAINS * LANES;
        int vectorEnd = d - d % step;
        DoubleVector a0 = DoubleVector.zero(DOUBLES);
        DoubleVector a1 = a0;
        for (int c = 0; c < vectorEnd; c += step) {
            a0 = a0.add(widen(x, x0 + c));
            a1 = a1.add(widen(x, x0 + c + LANES));
        }
        double sum = ordered(a0, a1, partials);
        for (int c = vectorEnd; c < d; c++) {
            sum += x[x0 + c];
        }
        double mean = sum / d;
        a0 = DoubleVector.zero(DOUBLES);
        a1 = a0;
        for (int c = 0; c < vectorEnd; c += step) {
            DoubleVector centred0 = widen(x, x0 + c).sub(mean);
            DoubleVector centred1 = widen(x, x0 + c + LANES).sub(mean);
            a0 = a0.add(centred0.mul(centred0));
            a1 = a1.add(centred1.mul(centred1));
        }
        double squares = ordered(a0, a1, partials);
        for (int c = vectorEnd; c < d; c++) {
            double centred = x[x0 + c] - mean;
            squares += centred * centred;
        }
        double inverseDeviation = 1 / Math.sqrt(squares / d + eps);
        int c = 0;
        for (; c + LANES <= d; c += LANES) {
            widen(x, x0 + c).sub(mean).mul(inverseDeviation).mul(widen(gamma, c)).add(widen(beta, c))
                    .convertShape(VectorOperators.D2F, FLOATS, 0).reinterpretAsFloats().intoArray(out, o0 + c);
        }
        for (; c < d; c++) {
            out[o0 + c] = (float) ((x[x0 + c] - mean) * inverseDeviation * gamma[c] + beta[c]);
        }
    }

    private static DoubleVector widen(float[] values, int at) {
        return (DoubleVector) FloatVector.fromArray(FLOATS, values, at).convertShape(VectorOperators.F2D, DOUBLES, 0);
    }

    /** Σ of both vectors' lanes: lane by lane a0 + a1, then the lanes in ascending order. */
    private static double ordered(DoubleVector a0, DoubleVector a1, double[] partials) {
        a0.add(a1).intoArray(partials, 0);
        double sum = 0;
        for (int i = 0; i < LANES; i++) {
            sum += partials[i];
        }
        return sum;
    }
}
