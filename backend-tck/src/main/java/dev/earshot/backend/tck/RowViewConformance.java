package dev.earshot.backend.tck;

import dev.earshot.api.backend.AttentionSpec;
import dev.earshot.api.backend.DType;
import dev.earshot.api.backend.Op;
import dev.earshot.api.backend.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@code rows(...)}: views that share storage, used as inputs and outputs the way the decoder's KV cache uses them. */
public interface RowViewConformance extends ConformanceContext {

    @Test
    default void rowViewsShareStorage() {
        float[] values = new SeededData(51).gaussian(6 * 5, 1);
        Tensor t = activation(values, 6, 5);
        Tensor view = backend().rows(t, 1, 4);
        Tensor nested = backend().rows(view, 2, 2);
        assertEquals(2, nested.rows());
        assertEquals(5, nested.cols());

        assertArrayEquals(Arrays.copyOfRange(values, 3 * 5, 5 * 5), read(nested), "rows [2, 4) of rows [1, 5) are rows [3, 5)");
        float[] replacement = new SeededData(52).gaussian(2 * 5, 1);
        backend().write(nested, replacement);
        float[] expected = values.clone();
        System.arraycopy(replacement, 0, expected, 3 * 5, 2 * 5);
        assertArrayEquals(expected, read(t), "a write through the view lands in rows [3, 5) of the tensor");
    }

    @Test
    default void rowViewsOutsideTheTensorAreRefused() {
        Tensor t = zeros(4, 3);
        assertThrows(IllegalArgumentException.class, () -> backend().rows(t, 3, 2));
        assertThrows(IllegalArgumentException.class, () -> backend().rows(t, -1, 2));
        assertThrows(IllegalArgumentException.class, () -> backend().rows(t, 0, 5));
    }

    /** linear into a row view writes those rows and nothing else (the KV cache rows around it keep their values). */
    @Test
    default void linearIntoARowViewWritesOnlyThoseRows() {
        int d = 32;
        SeededData data = new SeededData(53);
        float[] cache = data.gaussian(10 * d, 1);
        float[] x = data.uniform(3 * d, 1);
        Uploaded weight = weight("w", DType.F32, d, d, data.gaussian(d * d, 0.2));
        Uploaded bias = weight("b", DType.F32, 1, d, data.uniform(d, 0.5));
        Tensor keys = activation(cache, 10, d);

        backend().linear(backend().rows(keys, 4, 3), activation(x, 3, d), weight.tensor(), bias.tensor());

        double[] magnitudes = new double[3 * d];
        double[] projected = ScalarReference.linear(x, 3, d, weight.values(), d, bias.values(), magnitudes);
        double[] expected = new double[10 * d];
        double[] allowed = new double[10 * d];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = cache[i];
        }
        System.arraycopy(projected, 0, expected, 4 * d, 3 * d);
        System.arraycopy(OpTolerances.dotProducts(d, magnitudes), 0, allowed, 4 * d, 3 * d);
        Agreement.assertClose("linear into rows [4, 7) of [10 × 32]", d, read(keys), expected, allowed);
    }

    /**
     * The decoder's self-attention with a KV cache: a 5-token prompt projects its keys and values into rows
     * [0, 5) of the cache and attends over that prefix; the next token appends row 5 and attends over rows [0, 6)
     * with T_q = 1. Both must equal a single causal pass over all 6 tokens. Weights of each stored type.
     */
    @ParameterizedTest(name = "{0} weights")
    @EnumSource(DType.class)
    default void kvCacheAppendThenAttendOverThePrefix(DType type) {
        assumeSupported(Op.LINEAR, type);
        int heads = 2;
        int headDim = 16;
        int d = heads * headDim;
        int capacity = 12;
        SeededData data = new SeededData(Objects.hash("kvCache", type.name()));
        float[] hidden = data.gaussian(6 * d, 1); // the normed states of 6 tokens
        Uploaded wq = weight("query.weight", type, d, d, data.gaussian(d * d, 0.5));
        Uploaded bq = weight("query.bias", type, 1, d, data.uniform(d, 0.5));
        Uploaded wk = weight("key.weight", type, d, d, data.gaussian(d * d, 0.5));
        Uploaded wv = weight("value.weight", type, d, d, data.gaussian(d * d, 0.5));
        Uploaded bv = weight("value.bias", type, 1, d, data.uniform(d, 0.5));
        Tensor keyCache = zeros(capacity, d);
        Tensor valueCache = zeros(capacity, d);
        Tensor query = zeros(capacity, d);
        Tensor context = zeros(capacity, d);
        Tensor states = activation(hidden, 6, d);
        AttentionSpec causal = new AttentionSpec(heads, true);

        // the prompt: tokens 0–4
        Tensor prompt = backend().rows(states, 0, 5);
        backend().linear(backend().rows(keyCache, 0, 5), prompt, wk.tensor(), null);
        backend().linear(backend().rows(valueCache, 0, 5), prompt, wv.tensor(), bv.tensor());
        backend().linear(backend().rows(query, 0, 5), prompt, wq.tensor(), bq.tensor());
        backend().attention(backend().rows(context, 0, 5), backend().rows(query, 0, 5), backend().rows(keyCache, 0, 5),
                backend().rows(valueCache, 0, 5), causal, null);
        // one cached step: token 5
        Tensor step = backend().rows(states, 5, 1);
        backend().linear(backend().rows(keyCache, 5, 1), step, wk.tensor(), null);
        backend().linear(backend().rows(valueCache, 5, 1), step, wv.tensor(), bv.tensor());
        backend().linear(backend().rows(query, 5, 1), step, wq.tensor(), bq.tensor());
        backend().attention(backend().rows(context, 5, 1), backend().rows(query, 5, 1), backend().rows(keyCache, 0, 6),
                backend().rows(valueCache, 0, 6), causal, null);

        double[] unused = new double[6 * d];
        float[] q = toFloats(ScalarReference.linear(hidden, 6, d, wq.values(), d, bq.values(), unused));
        float[] k = toFloats(ScalarReference.linear(hidden, 6, d, wk.values(), d, null, unused));
        float[] v = toFloats(ScalarReference.linear(hidden, 6, d, wv.values(), d, bv.values(), unused));
        int[] all = {0, 1, 2, 3, 4, 5};
        ScalarReference.AttentionResult expected = ScalarReference.attention(q, k, v, 6, 6, d, heads, true, all);
        // The reference attends over the projections rounded to float, the backend over its own: the dot-product rule
        // lets each projected element differ by ~6e-5 here (K = 32, Σ|terms| ≈ 10), which moves scores by up to
        // ~6e-5·Σ|q|/√headDim ≈ 3e-4 and the output as much. 1e-3 covers that and is still 100 times smaller than a
        // wrong prefix (a key weighted 1/5 instead of 1/6 moves the output by ~0.03 for values of size 1).
        double projectionError = 1e-3;
        double[] allowed = new double[6 * d];
        for (int i = 0; i < 6; i++) {
            for (int c = 0; c < d; c++) {
                allowed[i * d + c] = OpTolerances.attentionOutput(headDim, expected.largestScoreMagnitude[(c / headDim) * 6 + i],
                        6, expected.outMagnitudes[i * d + c]) + projectionError;
            }
        }
        float[] contexts = Arrays.copyOf(read(context), 6 * d);
        Agreement.assertClose("prompt of 5 then one cached step, against one causal pass of 6 (" + type + ")", d, contexts,
                expected.out, allowed);
        float[] rest = Arrays.copyOfRange(read(keyCache), 6 * d, capacity * d);
        assertArrayEquals(new float[rest.length], rest, "cache rows [6, 12) are untouched");
    }

    private static float[] toFloats(double[] values) {
        float[] result = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = (float) values[i];
        }
        return result;
    }
}
