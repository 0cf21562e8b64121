package dev.earshot.model.weights;

import dev.earshot.testkit.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelLocatorTest {

    @Test
    void theFormatComesFromTheContentsNotTheName(@TempDir Path dir) throws IOException {
        Path ggmlNamedPt = dir.resolve("model.pt");
        Files.copy(Reference.path("models", "toy-en", "ggml-model.bin"), ggmlNamedPt);
        Path ptNamedBin = dir.resolve("ggml-model.bin");
        Files.copy(Reference.path("models", "toy-en", "model.pt"), ptNamedBin);
        assertEquals(CheckpointFormat.GGML, CheckpointFormat.detect(ggmlNamedPt));
        assertEquals(CheckpointFormat.OPENAI_TORCH_ZIP, CheckpointFormat.detect(ptNamedBin));
        try (ModelLocator.OpenedCheckpoint opened = ModelLocator.open(ggmlNamedPt)) {
            assertEquals(51864, opened.config().vocabularySize());
        }
    }

    @Test
    void somethingThatIsNoModelSaysWhatWasExpected(@TempDir Path dir) throws IOException {
        NoSuchFileException missing = assertThrows(NoSuchFileException.class, () -> ModelLocator.open(dir.resolve("nothing.bin")));
        assertTrue(missing.getMessage().contains("a Hugging Face model directory, an openai .pt file or a whisper.cpp ggml .bin"),
                missing.getMessage());
        NoSuchFileException emptyDirectory = assertThrows(NoSuchFileException.class, () -> ModelLocator.open(dir));
        assertTrue(emptyDirectory.getMessage().contains("expected config.json and model.safetensors"), emptyDirectory.getMessage());

        Path gguf = dir.resolve("model.gguf");
        Files.write(gguf, new byte[]{'G', 'G', 'U', 'F', 3, 0, 0, 0});
        WeightFormatException e = assertThrows(WeightFormatException.class, () -> ModelLocator.open(gguf));
        assertTrue(e.getMessage().contains("GGUF"), e.getMessage());
        Path safetensors = dir.resolve("model.safetensors");
        Files.copy(Reference.path("models", "toy-en", "model.safetensors"), safetensors);
        assertTrue(assertThrows(WeightFormatException.class, () -> ModelLocator.open(safetensors)).getMessage()
                .contains("must be passed as its directory, beside config.json"));
        Path empty = dir.resolve("empty.bin");
        Files.write(empty, new byte[0]);
        assertTrue(assertThrows(WeightFormatException.class, () -> ModelLocator.open(empty)).getMessage().contains("is empty"));
    }
}
