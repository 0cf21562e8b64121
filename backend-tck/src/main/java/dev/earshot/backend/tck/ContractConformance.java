package dev.earshot.backend.tck;

import dev.earshot.api.backend.AttentionSpec;
import dev.earshot.api.backend.Backend;
import dev.earshot.api.backend.DType;
import dev.earshot.api.backend.Op;
import dev.earshot.api.backend.Tensor;
import dev.earshot.api.backend.TransferStats;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rules of {@link Backend} that are not arithmetic: ownership, shape checks, transfers, capability answers. */
public interface ContractConformance extends ConformanceContext {

    @Test
    default void allocateZeroFillsEvenAfterARelease() {
        Tensor used = backend().allocate(33, 17);
        backend().write(used, new SeededData(61).gaussian(33 * 17, 1));
        backend().release(used);
        Tensor fresh = zeros(33, 17);
        assertArrayEquals(new float[33 * 17], read(fresh));
        assertEquals(33, fresh.rows());
        assertEquals(17, fresh.cols());
        assertEquals(DType.F32, fresh.dtype());
    }

    @Test
    default void uploadKeepsTheShape() {
        for (DType type : DType.values()) {
            Tensor t = weight("w", type, 3, 5, new float[15]).tensor();
            assertEquals(3, t.rows());
            assertEquals(5, t.cols());
        }
    }

    /** Whisper needs every op; a backend may decline F16/BF16 weights for some, but never F32. */
    @Test
    default void supportsIsAnsweredForEveryOpAndType() {
        for (Op op : Op.values()) {
            for (DType type : DType.values()) {
                assertDoesNotThrow(() -> backend().supports(op, type), op + " with " + type);
            }
            assertTrue(backend().supports(op, DType.F32), op + " must run with F32 weights");
        }
    }

    @Test
    default void tensorsOfAnotherBackendAreRefused() {
        try (Backend other = openAnotherBackend()) {
            Tensor foreign = other.allocate(2, 4);
            Tensor own = zeros(2, 4);
            assertThrows(IllegalArgumentException.class, () -> backend().add(own, own, foreign));
            assertThrows(IllegalArgumentException.class, () -> backend().add(foreign, own, own));
            assertThrows(IllegalArgumentException.class, () -> backend().gelu(foreign));
            assertThrows(IllegalArgumentException.class, () -> backend().read(foreign, new float[8]));
            assertThrows(IllegalArgumentException.class, () -> backend().write(foreign, new float[8]));
            assertThrows(IllegalArgumentException.class, () -> backend().rows(foreign, 0, 1));
            assertThrows(IllegalArgumentException.class, () -> backend().linear(zeros(2, 2), own,
                    other.upload(weights().store("w", DType.F32, 2, 4, new float[8]).data()), null));
        }
        Tensor stranger = new Tensor() {
            @Override
            public int rows() {
                return 2;
            }

            @Override
            public int cols() {
                return 4;
            }

            @Override
            public DType dtype() {
                return DType.F32;
            }
        };
        assertThrows(IllegalArgumentException.class, () -> backend().gelu(stranger));
    }

    /** The message names both shapes: here the odd sizes 17 and 19 must both appear. */
    @Test
    default void shapeMismatchNamesBothShapes() {
        Tensor x = zeros(3, 17);
        Tensor w = weight("w", DType.F32, 5, 19, new float[5 * 19]).tensor();
        IllegalArgumentException linear = assertThrows(IllegalArgumentException.class, () -> backend().linear(zeros(3, 5), x, w, null));
        assertNamesBoth(linear, "17", "19");

        IllegalArgumentException add = assertThrows(IllegalArgumentException.class,
                () -> backend().add(zeros(3, 17), x, zeros(3, 19)));
        assertNamesBoth(add, "17", "19");

        IllegalArgumentException attention = assertThrows(IllegalArgumentException.class,
                () -> backend().attention(zeros(3, 16), zeros(3, 16), zeros(19, 16), zeros(17, 16), new AttentionSpec(2, false), null));
        assertNamesBoth(attention, "17", "19");

        assertThrows(IllegalArgumentException.class, () -> backend().layerNorm(zeros(3, 17), x,
                weight("g", DType.F32, 1, 19, new float[19]).tensor(), weight("b", DType.F32, 1, 17, new float[17]).tensor(), 1e-5f));
        assertThrows(IllegalArgumentException.class, () -> backend().logSoftmax(zeros(3, 19), x));
        assertThrows(IllegalArgumentException.class, () -> backend().conv1d(zeros(3, 5), x,
                weight("c", DType.F32, 5, 19 * 3, new float[5 * 19 * 3]).tensor(), null, 1));
        assertThrows(IllegalArgumentException.class, () -> backend().attention(zeros(3, 16), zeros(3, 16), zeros(5, 16),
                zeros(5, 16), new AttentionSpec(2, false), zeros(3, 5)));
    }

    @Test
    default void writeAndReadOfTheWrongSizeAreRefused() {
        Tensor t = zeros(4, 6);
        assertThrows(IllegalArgumentException.class, () -> backend().write(t, new float[23]));
        assertThrows(IllegalArgumentException.class, () -> backend().write(t, new float[25]));
        assertThrows(IllegalArgumentException.class, () -> backend().read(t, new float[23]));
        assertThrows(IllegalArgumentException.class, () -> backend().read(backend().rows(t, 1, 2), new float[24]));
    }

    /** Writes and reads are counted with their bytes; ops and views cross nothing. */
    @Test
    default void transfersCountHostDeviceCopies() {
        Tensor a = zeros(8, 16);
        Tensor b = zeros(8, 16);
        TransferStats before = backend().transfers();
        backend().write(a, new float[128]);
        TransferStats written = backend().transfers().since(before);
        assertEquals(new TransferStats(1, 512, 0, 0), written, "one write of 128 floats");

        backend().add(b, a, a);
        backend().gelu(b);
        backend().rows(b, 2, 3);
        assertEquals(written, backend().transfers().since(before), "ops and views copy nothing between host and device");

        backend().read(backend().rows(b, 2, 3), new float[48]);
        assertEquals(new TransferStats(1, 512, 1, 192), backend().transfers().since(before), "one read of 48 floats");

        TransferStats beforeUpload = backend().transfers();
        weight("w", DType.F16, 10, 10, new float[100]);
        TransferStats upload = backend().transfers().since(beforeUpload);
        assertTrue(upload.hostToDeviceCopies() >= 1 && upload.hostToDeviceBytes() >= 200,
                "an upload of 200 stored bytes is counted: " + upload);
    }

    /** Two backends at once (the benchmark harness compares backends side by side): neither disturbs the other. */
    @Test
    default void twoBackendsWorkIndependently() {
        SeededData data = new SeededData(62);
        float[] x = data.uniform(3 * 16, 1);
        float[] wValues = data.gaussian(8 * 16, 0.25);
        StoredWeights.Stored stored = weights().store("w", DType.F32, 8, 16, wValues);
        double[] magnitudes = new double[3 * 8];
        double[] expected = ScalarReference.linear(x, 3, 16, wValues, 8, null, magnitudes);
        try (Backend other = openAnotherBackend()) {
            Tensor otherOut = other.allocate(3, 8);
            Tensor otherX = other.allocate(3, 16);
            other.write(otherX, x);
            Tensor otherW = other.upload(stored.data());
            Tensor ownOut = zeros(3, 8);
            backend().linear(ownOut, activation(x, 3, 16), track(backend().upload(stored.data())), null);
            other.linear(otherOut, otherX, otherW, null);
            float[] fromOther = new float[24];
            other.read(otherOut, fromOther);
            Agreement.assertClose("linear on the second backend", 8, fromOther, expected, OpTolerances.dotProducts(16, magnitudes));
            Agreement.assertClose("linear on the first backend", 8, read(ownOut), expected, OpTolerances.dotProducts(16, magnitudes));
        }
        // closing the other backend leaves this one working
        Tensor after = zeros(1, 4);
        backend().write(after, new float[] {1, 2, 3, 4});
        backend().add(after, after, after);
        assertArrayEquals(new float[] {2, 4, 6, 8}, read(after));
    }

    private static void assertNamesBoth(IllegalArgumentException e, String first, String second) {
        String message = String.valueOf(e.getMessage());
        assertFalse(message.isBlank(), "an empty message");
        assertTrue(message.contains(first) && message.contains(second),
                "the message should name both shapes (" + first + " and " + second + "): " + message);
    }
}
