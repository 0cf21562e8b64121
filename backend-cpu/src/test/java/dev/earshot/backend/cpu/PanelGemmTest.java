package dev.earshot.backend.cpu;

import dev.earshot.api.backend.Backend;
import dev.earshot.api.backend.BackendOptions;
import dev.earshot.api.backend.DType;
import dev.earshot.api.backend.Tensor;
import dev.earshot.backend.tck.SeededData;
import dev.earshot.backend.tck.StoredWeights;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packed outer-product GEMM (taken from {@value LinearKernel#PACKED_MIN_ROWS} rows on) at shapes that hit
 * each of its edges: rows left over after the 6-row groups and the 150-row blocks, a last partial panel, depths
 * of one block and of several (blocks of at most 512 steps: 1000 makes two of 500, 1100 makes 367 + 367 + 366).
 * Compared with a double-precision sum; the tolerance is
 * float rounding of a {@code k}-term sum, relative to the sum of the terms' magnitudes.
 */
class PanelGemmTest {

    @ParameterizedTest(name = "{0} x [{1} × {2}] · W [{3} × {2}]ᵀ")
    @CsvSource({"F32, 37, 300, 70", "F16, 151, 240, 130", "BF16, 32, 64, 64", "F32, 300, 129, 1", "F16, 155, 1000, 200", "F32, 40, 1100, 64"})
    void matchesDoublePrecisionSum(DType type, int n, int k, int m) {
        SeededData data = new SeededData(n * 31L + k * 7L + m);
        try (StoredWeights weights = new StoredWeights();
             Backend b = new CpuBackendProvider().open(BackendOptions.defaults().withThreads(2))) {
            float[] x = data.gaussian(n * k, 1);
            StoredWeights.Stored w = weights.store("w", type, m, k, data.gaussian(m * k, 1 / Math.sqrt(k)));
            StoredWeights.Stored bias = weights.store("b", DType.F32, 1, m, data.gaussian(m, 1));
            Tensor in = b.allocate(n, k);
            b.write(in, x);
            Tensor out = b.allocate(n, m);
            b.linear(out, in, b.upload(w.data()), b.upload(bias.data()));
            float[] got = new float[n * m];
            b.read(out, got);
            for (int r = 0; r < n; r++) {
                for (int c = 0; c < m; c++) {
                    double sum = bias.values()[c];
                    double magnitude = Math.abs(sum);
                    for (int i = 0; i < k; i++) {
                        double term = (double) x[r * k + i] * w.values()[c * k + i];
                        sum += term;
                        magnitude += Math.abs(term);
                    }
                    double error = Math.abs(got[r * m + c] - sum);
                    assertTrue(error <= 1e-6 * k * magnitude + 1e-30,
                            "out[" + r + "][" + c + "] = " + got[r * m + c] + ", expected " + sum);
                }
            }
        }
    }
}
