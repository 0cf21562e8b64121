package dev.earshot.backend.tornado;

import dev.earshot.api.backend.Backend;
import dev.earshot.api.backend.DType;
import dev.earshot.api.backend.Tensor;
import dev.earshot.api.backend.WeightData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The tiled linear kernel at sizes that are not multiples of its tile (the kit's encoder shapes are multiples of 16
 * in both inner and output widths), into a row view and from a row view, with and without bias.
 */
class TiledLinearTest {

    @ParameterizedTest(name = "x [{0} × {1}], W [{2} × {1}], bias {3}")
    @CsvSource({"45, 37, 29, true", "33, 16, 17, false", "100, 70, 3, true", "32, 1, 50, true"})
    void oddSizesMatchADoubleReference(int rows, int in, int features, boolean withBias) {
        SplittableRandom random = new SplittableRandom(rows * 31L + in * 7L + features);
        float[] x = new float[rows * in];
        float[] w = new float[features * in];
        float[] b = new float[features];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextDouble(-1, 1);
        }
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) random.nextGaussian();
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) random.nextDouble(-0.5, 0.5);
        }
        try (Arena arena = Arena.ofConfined(); Backend backend = TornadoTestDevice.open()) {
            Tensor weight = backend.upload(new WeightData("w", DType.F32, features, in, floats(arena, w)));
            Tensor bias = withBias ? backend.upload(new WeightData("b", DType.F32, 1, features, floats(arena, b))) : null;
            Tensor input = backend.allocate(rows + 3, in);
            float[] padded = new float[(rows + 3) * in];
            System.arraycopy(x, 0, padded, 2 * in, x.length);
            backend.write(input, padded);
            Tensor out = backend.allocate(rows + 2, features);
            backend.linear(backend.rows(out, 1, rows), backend.rows(input, 2, rows), weight, bias);
            float[] result = new float[(rows + 2) * features];
            backend.read(out, result);
            for (int r = 0; r < rows + 2; r++) {
                for (int o = 0; o < features; o++) {
                    double expected = 0;
                    double magnitude = 0;
                    if (r >= 1 && r <= rows) {
                        for (int k = 0; k < in; k++) {
                            double term = (double) x[(r - 1) * in + k] * w[o * in + k];
                            expected += term;
                            magnitude += Math.abs(term);
                        }
                        expected += withBias ? b[o] : 0;
                    }
                    assertEquals(expected, result[r * features + o], 1e-6 * Math.sqrt(in) * magnitude + 1e-7,
                            "out row " + r + " feature " + o);
                }
            }
        }
    }

    private static MemorySegment floats(Arena arena, float[] values) {
        MemorySegment segment = arena.allocate((long) values.length * Float.BYTES);
        MemorySegment.copy(values, 0, segment, ValueLayout.JAVA_FLOAT, 0, values.length);
        return segment;
    }
}
