package dev.earshot.backend.tornado;

import dev.earshot.api.backend.Backend;
import dev.earshot.api.backend.DType;
import dev.earshot.api.backend.Tensor;
import dev.earshot.api.backend.TransferStats;
import dev.earshot.api.backend.WeightData;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What this backend copies between host and device, and that compiled graphs are reused and released: weights cross
 * once per graph, activations every op through the graph's staging arrays (see DevicePlan for why), and a second
 * call with other activations compiles nothing new.
 */
class TornadoTransfersTest {

    @Test
    void weightsCrossOnceActivationsEveryOpAndGraphsAreReused() {
        try (Arena arena = Arena.ofConfined(); Backend backend = TornadoTestDevice.open()) {
            TornadoBackend tornado = (TornadoBackend) backend;
            MemorySegment stored = arena.allocate(4L * 8 * Float.BYTES);
            for (int i = 0; i < 32; i++) {
                stored.setAtIndex(ValueLayout.JAVA_FLOAT, i, i % 5 == 0 ? 1f : 0f);
            }
            Tensor weight = backend.upload(new WeightData("w", DType.F32, 4, 8, stored));
            Tensor x = backend.allocate(3, 8);
            Tensor out = backend.allocate(3, 4);
            backend.write(x, new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24});
            assertEquals(new TransferStats(0, 0, 0, 0), backend.transfers(), "write and upload only fill host memory");

            backend.linear(backend.rows(out, 0, 1), backend.rows(x, 0, 1), weight, null);
            TransferStats first = backend.transfers();
            int graphs = tornado.planCount();
            backend.linear(backend.rows(out, 1, 2), backend.rows(x, 1, 2), weight, null);
            TransferStats second = backend.transfers().since(first);

            assertEquals(graphs, tornado.planCount(), "other activations of a fitting size reuse the compiled graph");
            long stage = 1024L * Float.BYTES; // the smallest staging array, x's and out's here
            long dims = (Kernels.NEVER_SET + 1L) * Integer.BYTES;
            assertEquals(new TransferStats(3, 2 * stage + dims, 1, stage), second,
                    "a repeated op copies x's and out's staging arrays and its dims in, out's back, and not the weight again");
            assertEquals(new TransferStats(5, 4 * 8 * Float.BYTES + Float.BYTES + 2 * stage + dims, 1, stage), first,
                    "the first run also copies the weight and the missing-bias placeholder");

            float[] result = new float[12];
            backend.read(out, result);
            // each output feature o sums the inputs k with (o·8 + k) % 5 == 0
            float[] expected = new float[12];
            for (int r = 0; r < 3; r++) {
                for (int o = 0; o < 4; o++) {
                    for (int k = 0; k < 8; k++) {
                        expected[r * 4 + o] += (o * 8 + k) % 5 == 0 ? r * 8 + k + 1 : 0;
                    }
                }
            }
            assertArrayEquals(expected, result);

            backend.release(weight);
            assertEquals(graphs - 1, tornado.planCount(), "releasing a tensor frees the graphs that move it");
        }
    }
}
