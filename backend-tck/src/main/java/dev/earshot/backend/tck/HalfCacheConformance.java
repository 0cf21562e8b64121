package dev.earshot.backend.tck;

import dev.earshot.api.backend.AttentionSpec;
import dev.earshot.api.backend.DType;
import dev.earshot.api.backend.Op;
import dev.earshot.api.backend.Tensor;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * F16 activations ({@code allocate(rows, cols, F16)}), the half-precision cache a decoder may keep its
 * cross-attention keys and values in: refused clearly by a backend without them; where supported, written by
 * rounding, read back exactly, attended to as the values they hold, and refused by every other op.
 */
public interface HalfCacheConformance extends ConformanceContext {

    /** Skips the calling test unless the backend keeps F16 activations. */
    private void assumeHalfCache() {
        Assumptions.assumeTrue(backend().supportsActivations(DType.F16), () -> backend().name() + " keeps no F16 activations");
    }

    /** A new F16 activation [rows × cols] holding {@code values} rounded to half precision. */
    private Tensor halfActivation(float[] values, int rows, int cols) {
        Tensor t = track(backend().allocate(rows, cols, DType.F16));
        backend().write(t, values);
        return t;
    }

    private static float[] roundedToHalf(float[] values) {
        float[] rounded = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            rounded[i] = Float.float16ToFloat(Float.floatToFloat16(values[i]));
        }
        return rounded;
    }

    @Test
    default void withoutHalfActivationsAllocatingOneIsRefusedByName() {
        Assumptions.assumeFalse(backend().supportsActivations(DType.F16), () -> backend().name() + " keeps F16 activations");
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> backend().allocate(4, 8, DType.F16));
        assertTrue(e.getMessage().contains(backend().name()) && e.getMessage().contains("F16"), e.getMessage());
    }

    @Test
    default void everyBackendKeepsF32Activations() {
        assertTrue(backend().supportsActivations(DType.F32));
        Tensor t = track(backend().allocate(3, 5, DType.F32));
        assertTrue(t.dtype() == DType.F32 && t.rows() == 3 && t.cols() == 5, t.toString());
    }

    /** Written values come back rounded to nearest-even half, specials and the ±65504 limits included. */
    @Test
    default void writeRoundsAndReadWidensExactly() {
        assumeHalfCache();
        float[] values = new SeededData(Objects.hash("half write")).gaussian(6 * 40, 3);
        float[] specials = {0f, -0f, 65504f, -65504f, 65520f, 1e-8f, 6.1e-5f, Float.POSITIVE_INFINITY, Float.NaN};
        System.arraycopy(specials, 0, values, 0, specials.length);
        Tensor half = halfActivation(values, 6, 40);
        assertTrue(half.dtype() == DType.F16, half.toString());
        assertArrayEquals(roundedToHalf(values), read(half));
        assertArrayEquals(java.util.Arrays.copyOfRange(roundedToHalf(values), 2 * 40, 5 * 40),
                read(backend().rows(half, 2, 3)), "a row view reads its rows");
    }

    /** A linear op into an F16 output gives its F32 result rounded, at a decode step's and the encoder's row counts. */
    @ParameterizedTest(name = "{0} weights, x [{1} × {2}], W [{3} × {2}]")
    @CsvSource({"F32, 1500, 64, 96", "F16, 1500, 64, 96", "F16, 1, 384, 384", "F32, 7, 37, 13"})
    default void linearIntoHalfRoundsTheF32Result(DType type, int rows, int in, int out) {
        assumeHalfCache();
        assumeSupported(Op.LINEAR, type);
        SeededData data = new SeededData(Objects.hash("half linear", type.name(), rows, in, out));
        Tensor x = activation(data.uniform(rows * in, 1), rows, in);
        Uploaded weight = weight("half.weight", type, out, in, data.gaussian(out * in, 1 / Math.sqrt(in)));
        Uploaded bias = weight("half.bias", type, 1, out, data.uniform(out, 0.5));
        Tensor full = zeros(rows, out);
        Tensor half = track(backend().allocate(rows, out, DType.F16));

        backend().linear(full, x, weight.tensor(), bias.tensor());
        backend().linear(half, x, weight.tensor(), bias.tensor());

        assertArrayEquals(roundedToHalf(read(full)), read(half), "each output the F32 result rounded to half");
    }

    /**
     * Attention over F16 keys and values is attention over the values they hold: the double reference on the
     * rounded values, within the F32 op's tolerance. A decode step and 3 beams over 1500 audio positions, a causal
     * step continuing a cache, a key count no block size divides, a prompt pass of many queries, a head size (20)
     * no vector width divides.
     */
    @ParameterizedTest(name = "{0} heads of {1}, T_q {2}, T_k {3}, causal {4}")
    @CsvSource({"6, 64, 1, 1500, false", "6, 64, 3, 1500, false", "2, 64, 4, 37, true", "2, 64, 1, 37, false",
            "2, 64, 24, 300, false", "2, 20, 5, 29, false"})
    default void attentionReadsTheHalvesValues(int heads, int headDim, int queries, int keys, boolean causal) {
        assumeHalfCache();
        int d = heads * headDim;
        SeededData data = new SeededData(Objects.hash("half attention", heads, headDim, queries, keys, causal));
        float[] q = data.gaussian(queries * d, 1.5);
        float[] k = roundedToHalf(data.gaussian(keys * d, 1.5));
        float[] v = roundedToHalf(data.uniform(keys * d, 1));
        Tensor out = zeros(queries, d);

        backend().attention(out, activation(q, queries, d), halfActivation(k, keys, d), halfActivation(v, keys, d),
                new AttentionSpec(heads, causal), null);

        int[] all = java.util.stream.IntStream.range(0, queries).toArray();
        ScalarReference.AttentionResult expected = ScalarReference.attention(q, k, v, queries, keys, d, heads, causal, all);
        double[] allowed = new double[queries * d];
        for (int i = 0; i < queries; i++) {
            for (int c = 0; c < d; c++) {
                allowed[i * d + c] = OpTolerances.attentionOutput(headDim,
                        expected.largestScoreMagnitude[(c / headDim) * queries + i], keys, expected.outMagnitudes[i * d + c]);
            }
        }
        Agreement.assertClose("attention over F16 k and v, " + heads + "×" + headDim + " T_q " + queries + " T_k " + keys,
                d, read(out), expected.out, allowed);
    }

    /** An F16 activation is a cache, not a general activation: the ops outside its roles refuse it and say why. */
    @Test
    default void otherOpsRefuseHalfActivations() {
        assumeHalfCache();
        Tensor half = halfActivation(new float[4 * 8], 4, 8);
        Tensor x = zeros(4, 8);
        for (Runnable call : new Runnable[] {
                () -> backend().add(x, half, x),
                () -> backend().add(half, x, x),
                () -> backend().gelu(half),
                () -> backend().logSoftmax(x, half),
                () -> backend().attention(half, x, x, x, new AttentionSpec(2, false), null),
                () -> backend().attention(x, half, x, x, new AttentionSpec(2, false), null)}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
            assertTrue(e.getMessage().contains("F16"), e.getMessage());
        }
    }
}
