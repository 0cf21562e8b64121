package dev.earshot.model.weights;

import dev.earshot.testkit.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GgmlQuantizationTest {

    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    static float[] dequantize(GgmlType type, byte[] blocks) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment target = arena.allocate((long) blocks.length / type.blockBytes() * 32 * 4);
            GgmlQuantization.dequantize(type, MemorySegment.ofArray(blocks), target);
            return target.toArray(F32);
        }
    }

    /** Values on each type's grid (scale a power of two, extremes present) survive quantization exactly. */
    @ParameterizedTest
    @EnumSource(value = GgmlType.class, names = {"Q8_0", "Q4_0", "Q4_1", "Q5_0", "Q5_1"})
    void valuesOnTheQuantizationGridComeBackExactly(GgmlType type) {
        float[] values = new float[64];
        for (int j = 0; j < 64; j++) {
            int i = j % 32;
            values[j] = switch (type) {
                case Q8_0 -> (i == 0 ? -127 : (i * 37) % 255 - 127) * 0.25f;
                case Q4_0 -> ((i * 7) % 16 - 8) * 0.5f;
                case Q4_1 -> (i * 7) % 16 * 0.25f - 1.25f;
                case Q5_0 -> ((i * 13) % 32 - 16) * 0.125f;
                case Q5_1 -> (i * 13) % 32 * 0.0625f + 0.5f;
                default -> throw new IllegalArgumentException();
            } * (j < 32 ? 1 : 2); // the second block has twice the scale
        }
        TestQuantizer.Quantized quantized = TestQuantizer.quantize(type, values);
        assertEquals(2L * type.blockBytes(), quantized.blocks().length);
        assertArrayEquals(values, quantized.expected(), "the test quantizer itself is exact on the grid");
        assertArrayEquals(values, dequantize(type, quantized.blocks()));
    }

    /** Arbitrary values: the dequantizer returns exactly q·d (+ m) for the integers and float16 scales stored. */
    @ParameterizedTest
    @EnumSource(value = GgmlType.class, names = {"Q8_0", "Q4_0", "Q4_1", "Q5_0", "Q5_1"})
    void arbitraryValuesDequantizeToTheStoredIntegersTimesTheScale(GgmlType type) {
        Random random = new Random(17);
        float[] values = new float[32 * 50];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextGaussian() * (1 + i / 32));
        }
        TestQuantizer.Quantized quantized = TestQuantizer.quantize(type, values);
        float[] restored = dequantize(type, quantized.blocks());
        assertArrayEquals(quantized.expected(), restored);
        double worst = 0;
        for (int i = 0; i < values.length; i++) {
            worst = Math.max(worst, Math.abs(values[i] - restored[i]) / (1 + i / 32));
        }
        assertTrue(worst < (type == GgmlType.Q8_0 ? 0.05 : 0.6), type + " error " + worst + " is not a quantization error");
    }

    /** Hand-made blocks, written from the format description, pin the bit layout independently of the quantizer. */
    @Test
    void handMadeBlocksDecodeAsTheFormatDescribes() {
        byte[] q8 = new byte[34];
        q8[0] = 0x00;
        q8[1] = 0x38; // d = 0.5
        for (int j = 0; j < 32; j++) {
            q8[2 + j] = (byte) (j - 16);
        }
        float[] q8Expected = new float[32];
        for (int j = 0; j < 32; j++) {
            q8Expected[j] = (j - 16) * 0.5f;
        }
        assertArrayEquals(q8Expected, dequantize(GgmlType.Q8_0, q8));

        byte[] q4 = new byte[18];
        q4[1] = 0x3c; // d = 1
        for (int j = 0; j < 16; j++) {
            q4[2 + j] = (byte) (j | (15 - j) << 4);
        }
        float[] q4Expected = new float[32];
        for (int j = 0; j < 16; j++) {
            q4Expected[j] = j - 8;
            q4Expected[j + 16] = 15 - j - 8;
        }
        assertArrayEquals(q4Expected, dequantize(GgmlType.Q4_0, q4));

        byte[] q51 = new byte[24];
        q51[1] = 0x38; // d = 0.5
        q51[3] = 0x3c; // m = 1
        q51[4] = 0x01; // fifth bit of value 0
        q51[7] = (byte) 0x80; // fifth bit of value 31
        for (int j = 0; j < 16; j++) {
            q51[8 + j] = (byte) (j | (15 - j) << 4);
        }
        float[] q51Expected = new float[32];
        for (int j = 0; j < 16; j++) {
            q51Expected[j] = (j + (j == 0 ? 16 : 0)) * 0.5f + 1;
            q51Expected[j + 16] = (15 - j + (j == 15 ? 16 : 0)) * 0.5f + 1;
        }
        assertArrayEquals(q51Expected, dequantize(GgmlType.Q5_1, q51));

        byte[] q50 = new byte[22];
        q50[1] = 0x3c; // d = 1
        q50[4] = 0x01; // fifth bit of value 16
        for (int j = 0; j < 16; j++) {
            q50[6 + j] = (byte) 0xff;
        }
        float[] q50Expected = new float[32];
        java.util.Arrays.fill(q50Expected, 15 - 16);
        q50Expected[16] = 31 - 16;
        assertArrayEquals(q50Expected, dequantize(GgmlType.Q5_0, q50));

        byte[] q41 = new byte[20];
        q41[1] = 0x40; // d = 2
        q41[2] = 0x00;
        q41[3] = (byte) 0xbc; // m = -1
        q41[4] = 0x21; // value 0 → 1, value 16 → 2
        float[] q41Expected = new float[32];
        java.util.Arrays.fill(q41Expected, -1);
        q41Expected[0] = 1;
        q41Expected[16] = 3;
        assertArrayEquals(q41Expected, dequantize(GgmlType.Q4_1, q41));
    }

    /** A whole model written with quantized matrices loads, and every tensor holds what was written. */
    @ParameterizedTest
    @EnumSource(value = GgmlType.class, names = {"Q8_0", "Q4_0", "Q4_1", "Q5_0", "Q5_1"})
    void aQuantizedModelLoadsWithItsMatricesDequantized(GgmlType type, @TempDir Path dir) throws IOException {
        Path file = dir.resolve("ggml-toy-" + type.name().toLowerCase() + ".bin");
        java.util.Map<String, float[]> expected = new java.util.HashMap<>();
        int quantizedCount = 0;
        try (HuggingFaceCheckpoint hf = HuggingFaceCheckpoint.open(Reference.path("models", "toy-multi"))) {
            GgmlTestFileWriter writer = new GgmlTestFileWriter(hf.config(), 2000 + type.id());
            for (var entry : hf.byOpenaiName().entrySet()) {
                TensorSlice slice = entry.getValue();
                String name = entry.getKey();
                float[] values = slice.toFloatArray();
                long[] shape = slice.shape();
                if (shape.length == 2 && shape[1] % 32 == 0 && !name.contains("positional")) {
                    TestQuantizer.Quantized q = TestQuantizer.quantize(type, values);
                    writer.add(new GgmlTestFileWriter.Tensor(name, shape, type.id(), q.blocks()));
                    expected.put(name, q.expected());
                    quantizedCount++;
                } else {
                    writer.addFloat32(name, shape, values);
                    expected.put(name, values);
                }
            }
            writer.write(file);
        }
        try (ModelLocator.OpenedCheckpoint opened = ModelLocator.open(file);
             GgmlCheckpoint ggml = GgmlCheckpoint.open(file)) {
            assertEquals(CheckpointFormat.GGML, opened.format());
            assertEquals(type.id(), ggml.fileType());
            assertEquals(quantizedCount, ggml.storedTypes().values().stream().filter(t -> t == type).count());
            assertTrue(quantizedCount >= 20, "the matrices of the token embedding, attention and MLP are quantized");
            for (var e : opened.tensors().byOpenaiName().entrySet()) {
                assertEquals(StorageType.F32, e.getValue().type());
                assertArrayEquals(expected.get(e.getKey()), e.getValue().toFloatArray(), e.getKey());
            }
        }
    }
}
