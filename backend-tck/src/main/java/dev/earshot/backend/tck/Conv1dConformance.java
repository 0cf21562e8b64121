package dev.earshot.backend.tck;

import dev.earshot.api.backend.DType;
import dev.earshot.api.backend.Op;
import dev.earshot.api.backend.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Objects;
import java.util.stream.IntStream;

/** {@code conv1d}: kernel 3, padding 1, stride 1 or 2, over time-major activations. */
public interface Conv1dConformance extends ConformanceContext {

    /**
     * Whisper's two stem convolutions (80 mel bins → d over 3000 frames; d → d halving 3000 frames to 1500) and
     * small odd shapes where the padding is most of the input (T_in = 1, 2, 9, 10).
     */
    @ParameterizedTest(name = "{0} weights, x [{1} × {2}], {3} out channels, stride {4}")
    @CsvSource({
            "F32, 3000, 80, 384, 1", "F16, 3000, 80, 384, 1", "BF16, 3000, 80, 384, 1",
            "F32, 3000, 384, 384, 2", "F16, 3000, 384, 384, 2", "BF16, 3000, 64, 48, 2",
            "F32, 10, 5, 7, 2", "F16, 9, 5, 7, 2", "BF16, 9, 5, 7, 1", "F32, 1, 5, 7, 1", "F32, 2, 3, 4, 2"})
    default void conv1dMatchesReference(DType type, int steps, int channelsIn, int channelsOut, int stride) {
        assumeSupported(Op.CONV1D, type);
        SeededData data = new SeededData(Objects.hash("conv1d", type.name(), steps, channelsIn, channelsOut, stride));
        int patch = channelsIn * 3;
        float[] x = data.uniform(steps * channelsIn, 1);
        Uploaded weight = weight("conv.weight", type, channelsOut, patch, data.gaussian(channelsOut * patch, 1 / Math.sqrt(patch)));
        Uploaded bias = weight("conv.bias", type, 1, channelsOut, data.uniform(channelsOut, 0.5));
        int stepsOut = (steps - 1) / stride + 1;
        Tensor result = zeros(stepsOut, channelsOut);

        backend().conv1d(result, activation(x, steps, channelsIn), weight.tensor(), bias.tensor(), stride);

        // the padded ends, and a spread of interior steps (the reference is slow at full size)
        int[] checked = IntStream.range(0, stepsOut)
                .filter(t -> t < 3 || t >= stepsOut - 3 || t % 97 == 0).toArray();
        double[] expected = new double[checked.length * channelsOut];
        double[] magnitudes = new double[checked.length * channelsOut];
        double[] stepMagnitudes = new double[channelsOut];
        for (int i = 0; i < checked.length; i++) {
            double[] step = ScalarReference.conv1dStep(x, steps, channelsIn, weight.values(), channelsOut, bias.values(),
                    stride, checked[i], stepMagnitudes);
            System.arraycopy(step, 0, expected, i * channelsOut, channelsOut);
            System.arraycopy(stepMagnitudes, 0, magnitudes, i * channelsOut, channelsOut);
        }
        Agreement.assertClose("conv1d " + type + " (rows are the checked steps " + java.util.Arrays.toString(checked) + ")",
                channelsOut, Agreement.selectRows(read(result), channelsOut, checked), expected,
                OpTolerances.dotProducts(patch, magnitudes));
    }
}
