package dev.earshot.backend.cpu;

import dev.earshot.api.backend.AttentionSpec;
import dev.earshot.api.backend.Backend;
import dev.earshot.api.backend.BackendOptions;
import dev.earshot.api.backend.DType;
import dev.earshot.api.backend.Tensor;
import dev.earshot.backend.tck.SeededData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cpu backend's F16 cache is read with the F32 path's arithmetic: attention over F16 keys and values gives, bit
 * for bit, what it gives over F32 keys and values holding the same (rounded) numbers. So the F16 cache moves results
 * only by its rounding, never by a different summation.
 */
class HalfCacheAttentionTest {

    /**
     * The few-query path (decode steps, 3 beams; key counts around the widening block of
     * {@value AttentionKernel#ROW_BLOCK} rows per stream, fewer keys than one block, causal queries that see part of
     * a block) and the many-query path (a prompt pass), a head size (20) with a scalar tail, and scores written out.
     */
    @ParameterizedTest(name = "{0} threads, {1} heads of {2}, T_q {3}, T_k {4}, causal {5}")
    @CsvSource({"1, 8, 64, 1, 1500, false", "2, 8, 64, 1, 1500, false", "2, 6, 64, 3, 1500, false",
            "1, 2, 64, 1, 5, false", "2, 2, 64, 1, 17, false", "1, 2, 64, 4, 37, true", "3, 2, 64, 7, 33, true",
            "4, 6, 64, 3, 1500, false", "5, 6, 64, 2, 41, true", "2, 2, 64, 24, 300, false", "1, 2, 20, 5, 29, false"})
    void halfKeysAndValuesGiveTheBitsOfTheirF32Values(int threads, int heads, int headDim, int queries, int keys,
                                                      boolean causal) {
        int d = heads * headDim;
        SeededData data = new SeededData(Objects.hash("half bits", heads, headDim, queries, keys, causal));
        float[] q = data.gaussian(queries * d, 1.5);
        float[] k = data.gaussian(keys * d, 1.5);
        float[] v = data.uniform(keys * d, 1);
        try (Backend b = new CpuBackendProvider().open(BackendOptions.defaults().withThreads(threads))) {
            Tensor query = written(b, q, queries, d, DType.F32);
            Tensor halfKeys = written(b, k, keys, d, DType.F16);
            Tensor halfValues = written(b, v, keys, d, DType.F16);
            Tensor roundedKeys = written(b, read(b, halfKeys), keys, d, DType.F32);
            Tensor roundedValues = written(b, read(b, halfValues), keys, d, DType.F32);
            AttentionSpec spec = new AttentionSpec(heads, causal);
            Tensor fromHalves = b.allocate(queries, d);
            Tensor fromFloats = b.allocate(queries, d);
            Tensor halfScores = b.allocate(heads * queries, keys);
            Tensor floatScores = b.allocate(heads * queries, keys);

            b.attention(fromHalves, query, halfKeys, halfValues, spec, halfScores);
            b.attention(fromFloats, query, roundedKeys, roundedValues, spec, floatScores);

            assertArrayEquals(read(b, floatScores), read(b, halfScores), "scores");
            assertArrayEquals(read(b, fromFloats), read(b, fromHalves), "outputs");
        }
    }

    @Test
    void halfCacheRefusesOtherRolesAndTypes() {
        try (Backend b = new CpuBackendProvider().open(BackendOptions.defaults().withThreads(1))) {
            Tensor half = b.allocate(4, 8, DType.F16);
            Tensor x = b.allocate(4, 8);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.layerNorm(half, x, x, x, 1e-5f));
            assertTrue(e.getMessage().contains("F16 activation is a cache"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> b.copyRows(x, new int[] {0}, half, new int[] {1}));
            assertTrue(e.getMessage().contains("copyRows: src cannot be F16 activation"), e.getMessage());
            UnsupportedOperationException refused = assertThrows(UnsupportedOperationException.class,
                    () -> b.allocate(4, 8, DType.BF16));
            assertTrue(refused.getMessage().contains("cpu backend keeps activations in F32 and F16, not BF16"), refused.getMessage());
            b.release(half);
            IllegalStateException released = assertThrows(IllegalStateException.class, () -> b.read(half, new float[32]));
            assertTrue(released.getMessage().contains("F16 activation [4 × 8] was released"), released.getMessage());
        }
    }

    private static Tensor written(Backend b, float[] values, int rows, int cols, DType type) {
        Tensor t = b.allocate(rows, cols, type);
        b.write(t, values);
        return t;
    }

    private static float[] read(Backend b, Tensor t) {
        float[] values = new float[Math.toIntExact(t.elementCount())];
        b.read(t, values);
        return values;
    }
}
