package dev.earshot.backend.opencl;

import dev.earshot.api.backend.Backend;
import dev.earshot.api.backend.DType;
import dev.earshot.api.backend.Tensor;
import dev.earshot.api.backend.WeightData;
import dev.earshot.backend.tck.Agreement;
import dev.earshot.backend.tck.OpTolerances;
import dev.earshot.backend.tck.ScalarReference;
import dev.earshot.backend.tck.SeededData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.lang.foreign.MemorySegment;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * Shapes the kit does not reach for this backend's kernel choice: row counts either side of the GEMV/GEMM switch
 * and k not a multiple of the GEMM's 16-wide k slices, so every edge of the tiles is exercised; and weights in a
 * heap segment, which cannot be handed to the driver as they are.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenClLinearShapesTest {

    private Backend backend;

    @BeforeAll
    void open() {
        backend = OpenClTestDevice.open();
    }

    @AfterAll
    void close() {
        if (backend != null) {
            backend.close();
        }
    }

    @ParameterizedTest(name = "x [{0} × {1}], W [{2} × {1}]")
    @CsvSource({"8, 37, 13", "9, 37, 13", "65, 17, 65", "130, 100, 70", "64, 16, 64", "3, 1000, 3"})
    void linearMatchesReferenceAcrossTileEdges(int rows, int in, int out) {
        SeededData data = new SeededData(Objects.hash("openclLinear", rows, in, out));
        float[] x = data.uniform(rows * in, 1);
        float[] w = data.gaussian(out * in, 1 / Math.sqrt(in));
        float[] b = data.uniform(out, 0.5);
        Tensor input = backend.allocate(rows, in);
        backend.write(input, x);
        Tensor result = backend.allocate(rows, out);

        backend.linear(result, input, heapWeight(w, out, in), heapWeight(b, 1, out));

        double[] magnitudes = new double[rows * out];
        double[] expected = ScalarReference.linear(x, rows, in, w, out, b, magnitudes);
        float[] actual = new float[rows * out];
        backend.read(result, actual);
        Agreement.assertClose("linear [" + rows + " × " + in + "]·[" + out + " × " + in + "]ᵀ", out, actual, expected,
                OpTolerances.dotProducts(in, magnitudes));
    }

    @Test
    void aWeightInAHeapSegmentIsUploadedExactly() {
        float[] values = new SeededData(5).gaussian(7 * 3, 1);
        Tensor weight = heapWeight(values, 7, 3);
        float[] back = new float[21];
        backend.read(weight, back);
        assertArrayEquals(values, back);
    }

    /** Native byte order is little-endian on every platform this backend runs on, as checkpoints are. */
    private Tensor heapWeight(float[] values, int rows, int cols) {
        return backend.upload(new WeightData("heap", DType.F32, rows, cols, MemorySegment.ofArray(values.clone())));
    }
}
