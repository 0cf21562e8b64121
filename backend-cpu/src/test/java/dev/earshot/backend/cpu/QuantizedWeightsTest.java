package dev.earshot.backend.cpu;

import dev.earshot.api.backend.Backend;
import dev.earshot.api.backend.BackendOptions;
import dev.earshot.api.backend.DType;
import dev.earshot.api.backend.Tensor;
import dev.earshot.api.backend.WeightQuantization;
import dev.earshot.backend.tck.SeededData;
import dev.earshot.backend.tck.StoredWeights;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The opt-in q8_0 weights: each element within half a step of its block's scale, token-step products within the
 * error that rounding allows of the exact product, many-row products untouched, and no dependence on threads.
 */
class QuantizedWeightsTest {

    private static final BackendOptions Q8 = BackendOptions.defaults().withQuantization(WeightQuantization.Q8_0);

    @Test
    void eachElementIsWithinHalfAStepOfItsBlockScale() {
        SeededData data = new SeededData(11);
        float[] values = data.gaussian(QuantizedRows.BLOCK, 0.05);
        values[7] = -0.4f; // the block's largest magnitude maps to −127 exactly
        byte[] quants = new byte[QuantizedRows.BLOCK];
        float scale = QuantizedRows.quantizeBlock(values, 0, quants, 0);
        assertEquals(0.4f / 127, scale);
        assertEquals(-127, quants[7]);
        for (int i = 0; i < QuantizedRows.BLOCK; i++) {
            assertTrue(Math.abs(values[i] - scale * quants[i]) <= scale / 2 * 1.0001f,
                    "element " + i + ": " + values[i] + " became " + scale * quants[i]);
        }
    }

    @Test
    void anAllZeroBlockStaysZero() {
        byte[] quants = new byte[QuantizedRows.BLOCK];
        assertEquals(0f, QuantizedRows.quantizeBlock(new float[QuantizedRows.BLOCK], 0, quants, 0));
        assertArrayEquals(new byte[QuantizedRows.BLOCK], quants);
    }

    @Test
    void aNonFiniteWeightIsRefusedWithTheReason() {
        float[] values = new float[QuantizedRows.BLOCK];
        values[3] = Float.NaN;
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                () -> QuantizedRows.quantizeBlock(values, 0, new byte[QuantizedRows.BLOCK], 0));
        assertTrue(thrown.getMessage().contains("NaN") && thrown.getMessage().contains("finite"), thrown.getMessage());
    }

    /** |Σ (w − d·q)·x| ≤ Σ d/2·|x| per output, plus float rounding of the two sums. */
    @ParameterizedTest(name = "{0} weights, {1} rows")
    @CsvSource({"F16, 1", "F16, 5", "F32, 1", "BF16, 3"})
    void tokenStepProductsStayWithinTheRoundingBound(DType type, int n) {
        int m = 1000;
        int k = 384;
        SeededData data = new SeededData(5);
        try (StoredWeights weights = new StoredWeights(); Backend q8 = new CpuBackendProvider().open(Q8.withThreads(2))) {
            StoredWeights.Stored w = weights.store("w", type, m, k, data.gaussian(m * k, 1 / Math.sqrt(k)));
            StoredWeights.Stored b = weights.store("b", DType.F32, 1, m, data.gaussian(m, 0.1));
            float[] x = data.gaussian(n * k, 1);
            float[] actual = linear(q8, w, b, x, n, m, k);
            float[] stored = new float[m * k];
            try (Backend exact = new CpuBackendProvider().open(BackendOptions.defaults())) {
                exact.read(exact.upload(w.data()), stored); // the weights as stored (rounded to F16/BF16)
            }
            for (int r = 0; r < n; r++) {
                for (int o = 0; o < m; o++) {
                    double expected = b.values()[o];
                    double bound = 0;
                    double magnitude = 0;
                    for (int c = 0; c < k; c++) {
                        float w0 = stored[o * k + c];
                        expected += (double) w0 * x[r * k + c];
                        magnitude += Math.abs((double) w0 * x[r * k + c]);
                    }
                    for (int block = 0; block < k / QuantizedRows.BLOCK; block++) {
                        double largest = 0;
                        double xs = 0;
                        for (int c = block * QuantizedRows.BLOCK; c < (block + 1) * QuantizedRows.BLOCK; c++) {
                            largest = Math.max(largest, Math.abs(stored[o * k + c]));
                            xs += Math.abs(x[r * k + c]);
                        }
                        bound += largest / 127 / 2 * xs;
                    }
                    double slack = 1e-6 * (magnitude + Math.abs(b.values()[o]));
                    double error = Math.abs(actual[r * m + o] - expected);
                    assertTrue(error <= bound * 1.001 + slack,
                            "row " + r + ", output " + o + ": error " + error + " over the rounding bound " + bound);
                }
            }
        }
    }

    @Test
    void manyRowProductsStillUseTheStoredWeightsBitForBit() {
        int n = 40;
        int m = 96;
        int k = 256;
        SeededData data = new SeededData(3);
        try (StoredWeights weights = new StoredWeights();
             Backend q8 = new CpuBackendProvider().open(Q8.withThreads(1));
             Backend exact = new CpuBackendProvider().open(BackendOptions.defaults().withThreads(1))) {
            StoredWeights.Stored w = weights.store("w", DType.F16, m, k, data.gaussian(m * k, 0.06));
            float[] x = data.gaussian(n * k, 1);
            assertArrayEquals(linear(exact, w, null, x, n, m, k), linear(q8, w, null, x, n, m, k));
        }
    }

    @Test
    void oneTwoAndThreeThreadsGiveIdenticalBits() {
        int m = 777;
        int k = 512;
        SeededData data = new SeededData(9);
        try (StoredWeights weights = new StoredWeights()) {
            StoredWeights.Stored w = weights.store("w", DType.F16, m, k, data.gaussian(m * k, 0.04));
            float[] x = data.gaussian(5 * k, 1);
            float[] single;
            try (Backend b = new CpuBackendProvider().open(Q8.withThreads(1))) {
                single = linear(b, w, null, x, 5, m, k);
            }
            for (int threads : new int[] {2, 3}) {
                try (Backend b = new CpuBackendProvider().open(Q8.withThreads(threads))) {
                    assertArrayEquals(single, linear(b, w, null, x, 5, m, k), threads + " threads");
                }
            }
        }
    }

    @Test
    void aWidthThatIsNotWholeBlocksKeepsTheStoredWeights() {
        int m = 50;
        int k = 100; // not a multiple of 32
        SeededData data = new SeededData(4);
        try (StoredWeights weights = new StoredWeights();
             Backend q8 = new CpuBackendProvider().open(Q8.withThreads(1));
             Backend exact = new CpuBackendProvider().open(BackendOptions.defaults().withThreads(1))) {
            StoredWeights.Stored w = weights.store("w", DType.F16, m, k, data.gaussian(m * k, 0.1));
            float[] x = data.gaussian(k, 1);
            assertArrayEquals(linear(exact, w, null, x, 1, m, k), linear(q8, w, null, x, 1, m, k));
        }
    }

    private static float[] linear(Backend backend, StoredWeights.Stored w, StoredWeights.Stored b, float[] x, int n, int m, int k) {
        Tensor in = backend.allocate(n, k);
        backend.write(in, x);
        Tensor out = backend.allocate(n, m);
        backend.linear(out, in, backend.upload(w.data()), b == null ? null : backend.upload(b.data()));
        float[] result = new float[n * m];
        backend.read(out, result);
        return result;
    }
}
