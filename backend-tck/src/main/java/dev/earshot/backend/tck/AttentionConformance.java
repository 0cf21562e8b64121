package dev.earshot.backend.tck;

import dev.earshot.api.backend.AttentionSpec;
import dev.earshot.api.backend.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Objects;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code attention}: multi-head scaled dot-product attention, its causal rule, and the optional scores output. */
public interface AttentionConformance extends ConformanceContext {

    /**
     * A cached decode step (T_q = 1), the first token (T_k = 1), a causal prompt pass (T_q = T_k), a prompt that
     * continues a cache (T_q &lt; T_k, where the causal offset T_k − T_q matters), the encoder (1500 × 1500,
     * not causal), cross-attention of 3 beams over 1500 audio positions with the scores word timestamps read, a
     * long causal prompt continuing a cache (its query groups end in different blocks of keys), a head size (20)
     * that no vector width divides, one (80) that is whole tiles of columns plus a remainder (one 64-column tile with
     * AVX-512), and one (128) of several whole tiles and no remainder. Heads 2 and 6 (tiny has 6 of 64).
     */
    @ParameterizedTest(name = "{0} heads of {1}, T_q {2}, T_k {3}, causal {4}, scores {5}")
    @CsvSource({
            "6, 64, 1, 37, true, true", "6, 64, 1, 1, true, true", "6, 64, 24, 24, true, true",
            "2, 64, 5, 29, true, true", "2, 64, 13, 40, true, false", "6, 64, 1500, 1500, false, false",
            "6, 64, 3, 1500, false, true", "2, 64, 90, 330, true, true", "2, 20, 7, 7, true, true",
            "2, 20, 11, 30, false, true", "2, 80, 30, 200, false, true", "2, 128, 30, 200, false, true"})
    default void attentionMatchesReference(int heads, int headDim, int queries, int keys, boolean causal,
                                           boolean withScores) {
        int d = heads * headDim;
        SeededData data = new SeededData(Objects.hash("attention", heads, headDim, queries, keys, causal, withScores));
        // q·k/√headDim with q, k ~ N(0, 1.5²) has deviation 2.25: softmax rows neither flat nor one-hot
        float[] q = data.gaussian(queries * d, 1.5);
        float[] k = data.gaussian(keys * d, 1.5);
        float[] v = data.uniform(keys * d, 1);
        Tensor out = zeros(queries, d);
        Tensor scores = withScores ? zeros(heads * queries, keys) : null;

        backend().attention(out, activation(q, queries, d), activation(k, keys, d), activation(v, keys, d),
                new AttentionSpec(heads, causal), scores);

        // the encoder case checks a spread of queries (the reference is slow at full size), the others all
        int[] checked = IntStream.range(0, queries).filter(i -> queries < 100 || i < 3 || i >= queries - 3 || i % 53 == 0)
                .toArray();
        ScalarReference.AttentionResult expected = ScalarReference.attention(q, k, v, queries, keys, d, heads, causal, checked);
        double[] allowed = new double[queries * d];
        for (int i : checked) {
            for (int c = 0; c < d; c++) {
                int head = c / headDim;
                allowed[i * d + c] = OpTolerances.attentionOutput(headDim, expected.largestScoreMagnitude[head * queries + i],
                        keys, expected.outMagnitudes[i * d + c]);
            }
        }
        String what = "attention " + heads + "×" + headDim + " T_q " + queries + " T_k " + keys + (causal ? " causal" : "");
        Agreement.assertClose(what + " output (rows are the checked queries)", d,
                Agreement.selectRows(read(out), d, checked), Agreement.selectRows(expected.out, d, checked),
                Agreement.selectRows(allowed, d, checked));
        if (withScores) {
            float[] actualScores = read(scores);
            double[] allowedScores = new double[actualScores.length];
            for (int i = 0; i < allowedScores.length; i++) {
                // masked entries are checked by maskedScoresAreNegativeInfinity; here only the visible ones
                allowedScores[i] = expected.scores[i] == Double.NEGATIVE_INFINITY ? Double.POSITIVE_INFINITY
                        : OpTolerances.dotProduct(headDim, expected.scoreMagnitudes[i]);
                if (expected.scores[i] == Double.NEGATIVE_INFINITY) {
                    expected.scores[i] = actualScores[i];
                }
            }
            Agreement.assertClose(what + " scores [heads·T_q × T_k]", keys, actualScores, expected.scores, allowedScores);
        }
    }

    /**
     * The scores output is the softmax input, mask included, as openai/whisper's {@code qk} is: a masked key scores
     * −∞ (the SPI's javadoc says "pre-softmax scaled scores"; −∞ is what a softmax over them needs).
     */
    @Test
    default void maskedScoresAreNegativeInfinity() {
        int heads = 2;
        int headDim = 8;
        int queries = 3;
        int keys = 5;
        int d = heads * headDim;
        SeededData data = new SeededData(31);
        Tensor scores = zeros(heads * queries, keys);

        backend().attention(zeros(queries, d), activation(data.gaussian(queries * d, 1), queries, d),
                activation(data.gaussian(keys * d, 1), keys, d), activation(data.uniform(keys * d, 1), keys, d),
                new AttentionSpec(heads, true), scores);

        float[] s = read(scores);
        for (int h = 0; h < heads; h++) {
            for (int i = 0; i < queries; i++) {
                for (int j = 0; j < keys; j++) {
                    boolean visible = j <= i + keys - queries;
                    float value = s[(h * queries + i) * keys + j];
                    if (visible) {
                        assertEquals(true, Float.isFinite(value), "head " + h + " query " + i + " key " + j + " is visible: " + value);
                    } else {
                        assertEquals(Float.NEGATIVE_INFINITY, value, "head " + h + " query " + i + " key " + j + " is masked");
                    }
                }
            }
        }
    }

    /**
     * The causal offset, checked directly: with T_q = 2 of T_k = 4 and values that are one-hot in the key index,
     * query 0 may mix keys 0–2 only and query 1 all four, whatever the scores.
     */
    @Test
    default void causalQueriesSeeExactlyTheirPrefix() {
        int keys = 4;
        int queries = 2;
        int d = keys; // one head of size 4
        float[] v = new float[keys * d];
        for (int j = 0; j < keys; j++) {
            v[j * d + j] = 1; // value j is the unit vector e_j, so out[i][j] is the weight query i gives key j
        }
        Tensor out = zeros(queries, d);

        backend().attention(out, activation(new float[queries * d], queries, d), activation(new float[keys * d], keys, d),
                activation(v, keys, d), new AttentionSpec(1, true), null);

        // all scores are 0: each query spreads its weight evenly over the keys it may see
        Agreement.assertClose("weights of the 2 last of 4 causal positions", d, read(out),
                new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0, 0, 0.25, 0.25, 0.25, 0.25}, new double[] {1e-6, 1e-6, 1e-6, 0, 1e-6,
                        1e-6, 1e-6, 1e-6});
    }
}
