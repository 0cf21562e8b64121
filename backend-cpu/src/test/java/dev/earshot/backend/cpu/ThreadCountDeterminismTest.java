package dev.earshot.backend.cpu;

import dev.earshot.api.backend.AttentionSpec;
import dev.earshot.api.backend.Backend;
import dev.earshot.api.backend.BackendOptions;
import dev.earshot.api.backend.DType;
import dev.earshot.api.backend.Tensor;
import dev.earshot.backend.tck.SeededData;
import dev.earshot.backend.tck.StoredWeights;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Each output element is computed by one task in a fixed order, so the thread count must not change a single bit.
 * The one-thread run goes first, while the kernels are still interpreted or freshly compiled, so this also shows
 * the results do not depend on warm-up (no unordered vector reductions, no intrinsic exp).
 */
class ThreadCountDeterminismTest {

    @Test
    void oneToFourThreadsGiveIdenticalBits() {
        try (StoredWeights weights = new StoredWeights()) {
            List<float[]> single = runEveryOp(1, weights);
            for (int threads : new int[] {2, 3, 4}) {
                List<float[]> parallel = runEveryOp(threads, weights);
                assertEquals(single.size(), parallel.size());
                for (int i = 0; i < single.size(); i++) {
                    assertArrayEquals(single.get(i), parallel.get(i), "output " + i + " with " + threads + " threads");
                }
            }
        }
    }

    private static List<float[]> runEveryOp(int threads, StoredWeights weights) {
        List<float[]> outputs = new ArrayList<>();
        try (Backend b = new CpuBackendProvider().open(BackendOptions.defaults().withThreads(threads))) {
            SeededData data = new SeededData(7);
            int d = 384;
            Tensor mel = input(b, data, 301, 80);
            Tensor conv = b.allocate(151, d);
            b.conv1d(conv, mel, weight(b, weights, data, DType.F16, d, 240), weight(b, weights, data, DType.F32, 1, d), 2);
            b.gelu(conv);
            outputs.add(read(b, conv));

            Tensor hidden = b.allocate(151, 4 * d);
            b.linear(hidden, conv, weight(b, weights, data, DType.BF16, 4 * d, d), weight(b, weights, data, DType.F16, 1, 4 * d));
            outputs.add(read(b, hidden));
            // the packed GEMM's edges: 37 rows (6 groups of 6 + 1), 70 outputs (a panel and a part), depth 300
            Tensor odd = b.allocate(37, 70);
            Tensor oddIn = input(b, data, 37, 300);
            b.linear(odd, oddIn, weight(b, weights, data, DType.F32, 70, 300), weight(b, weights, data, DType.F32, 1, 70));
            outputs.add(read(b, odd));
            Tensor logits = b.allocate(1, 5001);
            b.linear(logits, b.rows(conv, 150, 1), weight(b, weights, data, DType.F32, 5001, d), null);
            outputs.add(read(b, logits));
            b.logSoftmax(logits, logits);
            outputs.add(read(b, logits));

            Tensor normed = b.allocate(151, d);
            b.layerNorm(normed, conv, weight(b, weights, data, DType.F16, 1, d), weight(b, weights, data, DType.F16, 1, d), 1e-5f);
            outputs.add(read(b, normed));

            Tensor context = b.allocate(151, d);
            Tensor scores = b.allocate(6 * 151, 151);
            b.attention(context, normed, conv, normed, new AttentionSpec(6, false), scores);
            outputs.add(read(b, context));
            outputs.add(read(b, scores));
            Tensor step = b.allocate(5, d);
            b.attention(step, b.rows(normed, 0, 5), b.rows(conv, 0, 29), b.rows(normed, 0, 29), new AttentionSpec(6, true), null);
            outputs.add(read(b, step));
            Tensor prompt = b.allocate(30, d);
            b.attention(prompt, b.rows(conv, 0, 30), b.rows(normed, 0, 30), b.rows(conv, 0, 30), new AttentionSpec(6, true), null);
            outputs.add(read(b, prompt));
            // an F16 cache written by the linear op, read by a decode step and by a many-query pass
            Tensor halfKeys = b.allocate(151, d, DType.F16);
            Tensor halfValues = b.allocate(151, d, DType.F16);
            b.linear(halfKeys, normed, weight(b, weights, data, DType.F16, d, d), null);
            b.linear(halfValues, conv, weight(b, weights, data, DType.F16, d, d), null);
            outputs.add(read(b, halfKeys));
            Tensor halfStep = b.allocate(3, d);
            b.attention(halfStep, b.rows(normed, 0, 3), halfKeys, halfValues, new AttentionSpec(6, false), null);
            outputs.add(read(b, halfStep));
            Tensor halfPrompt = b.allocate(30, d);
            b.attention(halfPrompt, b.rows(conv, 0, 30), halfKeys, halfValues, new AttentionSpec(6, false), null);
            outputs.add(read(b, halfPrompt));

            Tensor tokens = b.allocate(40, d);
            b.embedding(tokens, weight(b, weights, data, DType.BF16, 1000, d), IntStream.range(0, 40).map(i -> i * 37 % 1000).toArray());
            b.add(tokens, tokens, b.rows(conv, 3, 40));
            outputs.add(read(b, tokens));
        }
        return outputs;
    }

    private static Tensor input(Backend b, SeededData data, int rows, int cols) {
        Tensor t = b.allocate(rows, cols);
        b.write(t, data.gaussian(rows * cols, 1));
        return t;
    }

    private static Tensor weight(Backend b, StoredWeights weights, SeededData data, DType type, int rows, int cols) {
        return b.upload(weights.store("w", type, rows, cols, data.gaussian(rows * cols, 1 / Math.sqrt(cols))).data());
    }

    private static float[] read(Backend b, Tensor t) {
        float[] values = new float[Math.toIntExact(t.elementCount())];
        b.read(t, values);
        return values;
    }
}
