package dev.earshot.backend.cpu;

import dev.earshot.api.backend.Backend;
import dev.earshot.api.backend.BackendOptions;
import dev.earshot.api.backend.DType;
import dev.earshot.api.backend.Tensor;
import dev.earshot.backend.tck.SeededData;
import dev.earshot.backend.tck.StoredWeights;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * The streaming GEMV (up to {@value LinearKernel#GEMV_MAX_ROWS} activation rows against 16-bit weights) reads
 * a task's weight rows as two interleaved streams, with an odd tile and a partial tile left over. Whatever the
 * split, each output must be the same float the blocked kernel gives for that row when it runs with more rows
 * (up to the packed GEMM's {@value LinearKernel#PACKED_MIN_ROWS}): a linear layer's output for a row does not
 * depend on how many rows come with it. The output counts are chosen to hit each split: one partial tile only,
 * an even and an odd number of full tiles per task, tails. (Both kernels reduce lanes with
 * {@link LinearKernel#sumLanes4}; {@link LaneSumsTest} holds that to the single tree.)
 */
class StreamingGemvTest {

    @ParameterizedTest(name = "{0}, {1} thread(s), W [{2} × {3}]")
    @CsvSource({"F16, 1, 1, 72", "F16, 1, 31, 72", "F16, 2, 31, 72", "BF16, 2, 31, 72", "F16, 2, 600, 40",
            "BF16, 1, 603, 40", "F16, 2, 1027, 24", "F16, 1, 12, 130"})
    void fewRowsGiveTheBlockedKernelsFloats(DType type, int threads, int m, int k) {
        int blockedRows = LinearKernel.GEMV_MAX_ROWS + 1;
        SeededData data = new SeededData(m * 13L + k);
        try (StoredWeights weights = new StoredWeights();
             Backend b = new CpuBackendProvider().open(BackendOptions.defaults().withThreads(threads))) {
            float[] x = data.gaussian(blockedRows * k, 1);
            StoredWeights.Stored w = weights.store("w", type, m, k, data.gaussian(m * k, 1 / Math.sqrt(k)));
            StoredWeights.Stored bias = weights.store("b", DType.F32, 1, m, data.gaussian(m, 1));
            Tensor weight = b.upload(w.data());
            Tensor biasTensor = b.upload(bias.data());
            float[] blocked = linear(b, x, blockedRows, k, m, weight, biasTensor);
            for (int n = 1; n <= LinearKernel.GEMV_MAX_ROWS; n++) {
                float[] streamed = linear(b, Arrays.copyOf(x, n * k), n, k, m, weight, biasTensor);
                assertArrayEquals(Arrays.copyOf(blocked, n * m), streamed, "first " + n + " row(s)");
            }
        }
    }

    private static float[] linear(Backend b, float[] x, int n, int k, int m, Tensor weight, Tensor bias) {
        Tensor in = b.allocate(n, k);
        b.write(in, x);
        Tensor out = b.allocate(n, m);
        b.linear(out, in, weight, bias);
        float[] got = new float[n * m];
        b.read(out, got);
        return got;
    }
}
