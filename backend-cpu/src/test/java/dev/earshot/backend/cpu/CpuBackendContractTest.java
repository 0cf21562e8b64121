package dev.earshot.backend.cpu;

import dev.earshot.api.backend.AttentionSpec;
import dev.earshot.api.backend.Backend;
import dev.earshot.api.backend.BackendOptions;
import dev.earshot.api.backend.DType;
import dev.earshot.api.backend.Tensor;
import dev.earshot.api.backend.WeightData;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CPU-specific rules beyond the kit: weights read in place from other threads, in-place limits, release. */
class CpuBackendContractTest {

    private static Backend open(int threads) {
        return new CpuBackendProvider().open(BackendOptions.defaults().withThreads(threads));
    }

    /** Worker threads cannot read a confined segment: refused at upload with the fix, not deep inside a kernel. */
    @Test
    void weightsInAConfinedArenaNeedASingleThread() {
        try (Arena confined = Arena.ofConfined(); Backend two = open(2); Backend one = open(1)) {
            WeightData weight = new WeightData("w", DType.F32, 2, 2, confined.allocate(16));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> two.upload(weight));
            assertTrue(e.getMessage().contains("Arena.ofShared()"), e.getMessage());
            Tensor w = one.upload(weight);
            Tensor x = one.allocate(1, 2);
            assertDoesNotThrow(() -> one.linear(one.allocate(1, 2), x, w, null));
        }
    }

    @Test
    void linearAndAttentionRefuseToOverwriteTheirInputs() {
        try (Arena arena = Arena.ofShared(); Backend b = open(2)) {
            Tensor x = b.allocate(4, 8);
            Tensor w = b.upload(new WeightData("w", DType.F32, 8, 8, arena.allocate(8 * 8 * 4)));
            assertThrows(IllegalArgumentException.class, () -> b.linear(x, x, w, null));
            assertThrows(IllegalArgumentException.class, () -> b.linear(b.rows(x, 1, 2), b.rows(x, 2, 2), w, null));
            assertDoesNotThrow(() -> b.linear(b.rows(x, 0, 2), b.rows(x, 2, 2), w, null));
            Tensor q = b.allocate(4, 8);
            assertThrows(IllegalArgumentException.class, () -> b.attention(x, q, x, q, new AttentionSpec(2, false), null));
        }
    }

    @Test
    void releasedTensorsAreRefusedAndViewsNeedNoRelease() {
        try (Backend b = open(1)) {
            Tensor t = b.allocate(3, 3);
            Tensor view = b.rows(t, 1, 1);
            b.release(view); // a no-op: the tensor stays usable
            b.write(t, new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
            float[] row = new float[3];
            b.read(view, row);
            assertArrayEquals(new float[] {4, 5, 6}, row);
            b.release(t);
            assertThrows(IllegalStateException.class, () -> b.read(view, row));
            assertThrows(IllegalStateException.class, () -> b.gelu(t));
        }
    }

    /** Reading a weight back widens it, so a caller can inspect what was uploaded. */
    @Test
    void readWidensWeights() {
        try (Arena arena = Arena.ofShared(); Backend b = open(2)) {
            var data = arena.allocate(4);
            data.set(java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED, 0, Float.floatToFloat16(1.5f));
            data.set(java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED, 2, Float.floatToFloat16(-2f));
            float[] values = new float[2];
            b.read(b.upload(new WeightData("w", DType.F16, 1, 2, data)), values);
            assertArrayEquals(new float[] {1.5f, -2f}, values);
        }
    }
}
