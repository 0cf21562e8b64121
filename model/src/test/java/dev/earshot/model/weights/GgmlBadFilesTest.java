package dev.earshot.model.weights;

import dev.earshot.model.WhisperConfig;
import dev.earshot.testkit.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GgmlBadFilesTest {

    private static final Path GGML = Reference.path("models", "toy-multi", "ggml-model.bin");

    @TempDir
    Path dir;

    private static String failure(Path file) {
        WeightFormatException e = assertThrows(WeightFormatException.class, () -> GgmlCheckpoint.open(file).close());
        assertTrue(e.getMessage().startsWith(file.toString()), "the message names the file: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void aFileCutInsideATensorNamesTheTensor() throws IOException {
        Path file = dir.resolve("cut.bin");
        byte[] whole = Files.readAllBytes(GGML);
        Files.write(file, Arrays.copyOf(whole, whole.length - 100));
        String message = failure(file);
        assertTrue(message.contains("tensor 'decoder.ln.bias' needs 256 bytes of data but only 156 remain") && message.contains("truncated"), message);
    }

    @Test
    void aFileCutInsideTheHeaderSaysWhere() throws IOException {
        Path file = dir.resolve("header.bin");
        Files.write(file, Arrays.copyOf(Files.readAllBytes(GGML), 30));
        assertTrue(failure(file).contains("inside the hyper-parameters"));
    }

    @Test
    void wrongMagicIsRefusedByTheLoaderAndByDetection() throws IOException {
        Path file = dir.resolve("magic.bin");
        byte[] bytes = Files.readAllBytes(GGML);
        bytes[0] = 'x';
        Files.write(file, bytes);
        assertTrue(failure(file).contains("not the ggml magic 0x67676d6c"));
        WeightFormatException e = assertThrows(WeightFormatException.class, () -> CheckpointFormat.detect(file));
        assertTrue(e.getMessage().contains("neither a PyTorch zip"), e.getMessage());
    }

    @Test
    void aMisShapedTensorIsNamedWithExpectedAndFoundShapes() throws IOException {
        Path file = dir.resolve("shape.bin");
        writeToyMulti(file, Map.of("encoder.conv1.bias", new long[]{32, 2}), Map.of());
        String message = failure(file);
        assertTrue(message.contains("mis-shaped: encoder.conv1.bias is [32, 2], expected [64]"), message);
    }

    @Test
    void anUnsupportedTypeIsNamedWithTheTensor() throws IOException {
        Path file = dir.resolve("type.bin");
        writeToyMulti(file, Map.of(), Map.of("decoder.ln.weight", 12));
        String message = failure(file);
        assertTrue(message.contains("tensor 'decoder.ln.weight' has ggml type 12 (q4_K)"), message);
    }

    @Test
    void aQuantizedTensorWhoseRowsAreNotWholeBlocksIsRefused() throws IOException {
        Path file = dir.resolve("rows.bin");
        WhisperConfig config = WhisperConfig.openai(80, 51865, 1500, 64, 2, 2, 448, 64, 2, 2);
        new GgmlTestFileWriter(config, 7).add(new GgmlTestFileWriter.Tensor("encoder.conv1.weight", new long[]{64, 80, 3}, GgmlType.Q8_0.id(),
                new byte[64 * 80 * 3 / 32 * 34])).write(file);
        assertTrue(failure(file).contains("tensor 'encoder.conv1.weight' is Q8_0 but its rows of 3 values are not whole blocks of 32"));
    }

    @Test
    void hyperParametersThatContradictEachOtherAreReported() throws IOException {
        Path file = dir.resolve("hparams.bin");
        byte[] bytes = Files.readAllBytes(GGML);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(4 + 4 * 3, 3); // n_audio_head 3 does not divide 64
        Files.write(file, bytes);
        assertTrue(failure(file).contains("n_audio_state 64 is not divisible by n_audio_head 3"));
    }

    /** Rewrites toy-multi's weights as a ggml file, with some shapes or type ids replaced. */
    static void writeToyMulti(Path file, Map<String, long[]> shapes, Map<String, Integer> typeIds) throws IOException {
        try (HuggingFaceCheckpoint hf = HuggingFaceCheckpoint.open(Reference.path("models", "toy-multi"))) {
            GgmlTestFileWriter writer = new GgmlTestFileWriter(hf.config(), 0);
            for (var entry : hf.byOpenaiName().entrySet()) {
                TensorSlice slice = entry.getValue();
                String name = entry.getKey();
                float[] values = slice.toFloatArray();
                long[] shape = shapes.getOrDefault(name, slice.shape());
                if (typeIds.containsKey(name)) {
                    writer.add(new GgmlTestFileWriter.Tensor(name, shape, typeIds.get(name), new byte[values.length * 4]));
                } else {
                    writer.addFloat32(name, shape, values);
                }
            }
            writer.write(file);
        }
    }
}
