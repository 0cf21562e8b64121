package dev.earshot.backend.tck;

import dev.earshot.api.backend.DType;
import dev.earshot.api.backend.Op;
import dev.earshot.api.backend.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.Objects;

/** {@code layerNorm}: per-row normalisation with population variance, eps, gain and shift of any stored type. */
public interface LayerNormConformance extends ConformanceContext {

    /**
     * Rows of several kinds: ordinary activations; a large common offset (mean 1000, deviation 1.5, where a
     * one-pass E[x²] − E[x]² variance in float32 is off by several percent, while a two-pass one stays well inside
     * the tolerance, which grows with |mean|/σ); a constant row (variance 0, so eps decides);
     * a row of large values (residual-stream outliers, ±300).
     */
    @ParameterizedTest(name = "{0} gamma/beta, x [{1} × {2}], eps {3}")
    @CsvSource({
            "F32, 1500, 384, 1e-5", "F16, 7, 384, 1e-5", "BF16, 7, 384, 1e-5",
            "F32, 7, 64, 1e-5", "F16, 7, 37, 1e-3", "F32, 1, 1280, 1e-5"})
    default void layerNormMatchesReference(DType type, int rows, int d, float eps) {
        assumeSupported(Op.LAYER_NORM, type);
        SeededData data = new SeededData(Objects.hash("layerNorm", type.name(), rows, d, eps));
        float[] x = data.gaussian(rows * d, 1.5);
        if (rows >= 4) {
            for (int c = 0; c < d; c++) {
                x[d + c] += 1000;              // row 1: large mean
                x[2 * d + c] = 0.7f;           // row 2: constant
                x[3 * d + c] *= 200;           // row 3: outliers
            }
        }
        Uploaded gamma = weight("ln.weight", type, 1, d, data.uniform(d, 2));
        Uploaded beta = weight("ln.bias", type, 1, d, data.uniform(d, 1));
        Tensor result = zeros(rows, d);

        backend().layerNorm(result, activation(x, rows, d), gamma.tensor(), beta.tensor(), eps);

        double[] normalized = new double[rows * d];
        double[] spread = new double[rows];
        double[] expected = ScalarReference.layerNorm(x, rows, d, gamma.values(), beta.values(), eps, normalized, spread);
        double[] allowed = new double[rows * d];
        for (int i = 0; i < allowed.length; i++) {
            allowed[i] = OpTolerances.layerNorm(d, normalized[i], spread[i / d], gamma.values()[i % d], beta.values()[i % d]);
        }
        Agreement.assertClose("layerNorm " + type + " eps " + eps, d, read(result), expected, allowed);
    }

    /** The decoder normalises the first rows of its buffers: a row view in, a row view out, the rest untouched. */
    @ParameterizedTest(name = "{0} gamma/beta")
    @CsvSource({"F32", "F16", "BF16"})
    default void layerNormFromRowViewIntoRowView(DType type) {
        assumeSupported(Op.LAYER_NORM, type);
        SeededData data = new SeededData(Objects.hash("layerNormViews", type.name()));
        int d = 64;
        float[] x = data.gaussian(6 * d, 1);
        Uploaded gamma = weight("ln.weight", type, 1, d, data.uniform(d, 2));
        Uploaded beta = weight("ln.bias", type, 1, d, data.uniform(d, 1));
        float[] sentinel = new float[8 * d];
        Arrays.fill(sentinel, 42f);
        Tensor out = activation(sentinel, 8, d);

        backend().layerNorm(backend().rows(out, 0, 3), backend().rows(activation(x, 6, d), 2, 3), gamma.tensor(),
                beta.tensor(), 1e-5f);

        float[] viewed = Arrays.copyOfRange(x, 2 * d, 5 * d);
        double[] normalized = new double[3 * d];
        double[] spread = new double[3];
        double[] reference = ScalarReference.layerNorm(viewed, 3, d, gamma.values(), beta.values(), 1e-5f, normalized, spread);
        double[] expected = new double[8 * d];
        double[] allowed = new double[8 * d];
        Arrays.fill(expected, 42);
        System.arraycopy(reference, 0, expected, 0, 3 * d);
        for (int i = 0; i < 3 * d; i++) {
            allowed[i] = OpTolerances.layerNorm(d, normalized[i], spread[i / d], gamma.values()[i % d], beta.values()[i % d]);
        }
        Agreement.assertClose("layerNorm rows [2, 5) of x into rows [0, 3) of out [8 × 64]", d, read(out), expected, allowed);
    }
}
