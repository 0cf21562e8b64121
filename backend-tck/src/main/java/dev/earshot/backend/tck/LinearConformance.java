package dev.earshot.backend.tck;

import dev.earshot.api.backend.DType;
import dev.earshot.api.backend.Op;
import dev.earshot.api.backend.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Objects;

/** {@code linear}: x·Wᵀ + b at the shapes Whisper runs, for every stored weight type. */
public interface LinearConformance extends ConformanceContext {

    /**
     * Rows: 1 (a decode step), 5 (beams), 1500 (the encoder); features 64/384/1536 (tiny's head, model and MLP
     * widths); 51865 outputs (logits against the tied embedding, not a multiple of 4); 37 × 13 (no vector width
     * divides them, so tails are exercised).
     */
    @ParameterizedTest(name = "{0} weights, x [{1} × {2}], W [{3} × {2}], bias {4}")
    @CsvSource({
            "F32, 1, 384, 384, true", "F16, 1, 384, 384, true", "BF16, 1, 384, 384, true",
            "F32, 1500, 384, 384, true", "F16, 1500, 384, 384, true", "BF16, 1500, 384, 384, true",
            "F32, 1500, 64, 64, true", "F16, 1500, 64, 64, false",
            "F32, 1, 384, 1536, true", "F16, 5, 1536, 384, true", "BF16, 5, 1536, 384, false",
            "F32, 7, 37, 13, true", "F16, 7, 37, 13, true", "BF16, 7, 37, 13, true",
            "F32, 2, 64, 51865, false", "F16, 1, 64, 51865, false"})
    default void linearMatchesReference(DType type, int rows, int in, int out, boolean withBias) {
        assumeSupported(Op.LINEAR, type);
        SeededData data = new SeededData(Objects.hash("linear", type.name(), rows, in, out, withBias));
        float[] x = data.uniform(rows * in, 1);
        Uploaded weight = weight("linear.weight", type, out, in, data.gaussian(out * in, 1 / Math.sqrt(in)));
        // a bias of ±0.5 is far above the tolerance, so dropping or misplacing it fails
        Uploaded bias = withBias ? weight("linear.bias", type, 1, out, data.uniform(out, 0.5)) : null;
        Tensor result = zeros(rows, out);

        backend().linear(result, activation(x, rows, in), weight.tensor(), bias == null ? null : bias.tensor());

        double[] magnitudes = new double[rows * out];
        double[] expected = ScalarReference.linear(x, rows, in, weight.values(), out, bias == null ? null : bias.values(),
                magnitudes);
        Agreement.assertClose("linear " + type, out, read(result), expected, OpTolerances.dotProducts(in, magnitudes));
    }
}
