package dev.earshot.model.weights;

import dev.earshot.model.WhisperConfig;
import dev.earshot.testkit.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HuggingFaceCheckpointTest {

    private static final Path TOY_MULTI = Reference.path("models", "toy-multi");

    @Test
    void loadsTheToyModelUnderOpenaiNames() throws IOException {
        try (HuggingFaceCheckpoint checkpoint = HuggingFaceCheckpoint.open(TOY_MULTI)) {
            WhisperConfig c = checkpoint.config();
            assertEquals(WhisperConfig.openai(80, 51865, 1500, 64, 2, 2, 448, 64, 2, 2), c);
            assertEquals(WeightLayout.of(c).byOpenaiName().keySet(), checkpoint.byOpenaiName().keySet());
            TensorSlice conv1 = checkpoint.byOpenaiName().get("encoder.conv1.weight");
            assertEquals(StorageType.F32, conv1.type());
            assertTrue(Arrays.equals(new long[] {64, 80, 3}, conv1.shape()));
            assertTrue(conv1.bytes().isMapped() && conv1.bytes().heapBase().isEmpty(), "weights stay in the mapped file");
        }
    }

    @Test
    void aMissingTensorIsNamed(@TempDir Path dir) throws IOException {
        copyModel(dir, e -> e.name().equals("model.decoder.layer_norm.bias") ? null : e);
        WeightFormatException e = assertThrows(WeightFormatException.class, () -> HuggingFaceCheckpoint.open(dir));
        assertTrue(e.getMessage().contains("1 missing: decoder.ln.bias[64]"), e.getMessage());
    }

    @Test
    void misShapedAndUnexpectedTensorsAreListed(@TempDir Path dir) throws IOException {
        copyModel(dir, e -> switch (e.name()) {
            case "model.encoder.conv1.bias" -> new SafetensorsEditor.Entry(e.name(), e.dtype(), new long[] {32, 2}, e.data());
            case "model.encoder.conv2.bias" -> new SafetensorsEditor.Entry("model.encoder.extra.bias", e.dtype(), e.shape(), e.data());
            default -> e;
        });
        WeightFormatException e = assertThrows(WeightFormatException.class, () -> HuggingFaceCheckpoint.open(dir));
        assertTrue(e.getMessage().contains("mis-shaped: encoder.conv1.bias is [32, 2], expected [64]"), e.getMessage());
        assertTrue(e.getMessage().contains("unexpected: model.encoder.extra.bias"), e.getMessage());
        assertTrue(e.getMessage().contains("missing: encoder.conv2.bias"), e.getMessage());
    }

    @Test
    void aTruncatedFileIsReportedAsTruncated(@TempDir Path dir) throws IOException {
        Files.copy(TOY_MULTI.resolve("config.json"), dir.resolve("config.json"));
        byte[] whole = Files.readAllBytes(TOY_MULTI.resolve("model.safetensors"));
        Files.write(dir.resolve("model.safetensors"), Arrays.copyOf(whole, whole.length / 2));
        WeightFormatException e = assertThrows(WeightFormatException.class, () -> HuggingFaceCheckpoint.open(dir));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void garbageIsNotTakenForAHeader(@TempDir Path dir) throws IOException {
        Files.copy(TOY_MULTI.resolve("config.json"), dir.resolve("config.json"));
        Files.writeString(dir.resolve("model.safetensors"), "this is not a safetensors file at all");
        WeightFormatException e = assertThrows(WeightFormatException.class, () -> HuggingFaceCheckpoint.open(dir));
        assertTrue(e.getMessage().contains("model.safetensors"), e.getMessage());
    }

    @Test
    void aConfigWithoutItsKeysSaysWhichIsMissing(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("config.json"), "{\"model_type\": \"whisper\", \"d_model\": 64}");
        Files.copy(TOY_MULTI.resolve("model.safetensors"), dir.resolve("model.safetensors"));
        WeightFormatException e = assertThrows(WeightFormatException.class, () -> HuggingFaceCheckpoint.open(dir));
        assertTrue(e.getMessage().contains("\"num_mel_bins\""), e.getMessage());
    }

    @Test
    void anotherArchitectureIsRefused(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("config.json"), "{\"model_type\": \"llama\"}");
        Files.copy(TOY_MULTI.resolve("model.safetensors"), dir.resolve("model.safetensors"));
        WeightFormatException e = assertThrows(WeightFormatException.class, () -> HuggingFaceCheckpoint.open(dir));
        assertTrue(e.getMessage().contains("'llama' model, not whisper"), e.getMessage());
    }

    @Test
    void aDirectoryWithoutWeightsIsNotAModel(@TempDir Path dir) throws IOException {
        Files.copy(TOY_MULTI.resolve("config.json"), dir.resolve("config.json"));
        assertFalse(HuggingFaceCheckpoint.isModelDirectory(dir));
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> HuggingFaceCheckpoint.open(dir));
        assertTrue(e.getMessage().contains("model.safetensors"), e.getMessage());
    }

    private static void copyModel(Path dir, java.util.function.UnaryOperator<SafetensorsEditor.Entry> edit) throws IOException {
        Files.copy(TOY_MULTI.resolve("config.json"), dir.resolve("config.json"));
        SafetensorsEditor.rewrite(TOY_MULTI.resolve("model.safetensors"), dir.resolve("model.safetensors"), edit);
    }
}
