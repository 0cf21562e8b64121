package dev.earshot.model.weights;

import dev.earshot.model.WhisperConfig;
import dev.earshot.testkit.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AlignmentHeadsTest {

    private static WhisperConfig decoder(int layers, int heads) {
        return WhisperConfig.openai(80, 51865, 1500, 64 * heads, heads, layers, 448, 64 * heads, heads, layers);
    }

    private static List<AlignmentHeads.Head> heads(int... layerHeadPairs) {
        List<AlignmentHeads.Head> out = new java.util.ArrayList<>();
        for (int i = 0; i < layerHeadPairs.length; i += 2) {
            out.add(new AlignmentHeads.Head(layerHeadPairs[i], layerHeadPairs[i + 1]));
        }
        return out;
    }

    @Test
    void base85MatchesPythonsB85decode() {
        // values from Python: base64.b85encode(b"hello world!") and base64.b85encode(b"hi") (a partial group)
        assertArrayEquals("hello world!".getBytes(StandardCharsets.US_ASCII), AlignmentHeads.base85Decode("Xk~0{Zy<MXa%^NF"));
        assertArrayEquals("hi".getBytes(StandardCharsets.US_ASCII), AlignmentHeads.base85Decode("XlV"));
    }

    @Test
    void openaisTableDecodesToThePublishedHeads() {
        assertEquals(heads(2, 2, 3, 0, 3, 2, 3, 3, 3, 4, 3, 5), AlignmentHeads.official("tiny", decoder(4, 6)).orElseThrow().heads());
        assertEquals(heads(1, 0, 2, 0, 2, 5, 3, 0, 3, 1, 3, 2, 3, 3, 3, 4),
                AlignmentHeads.official("tiny.en", decoder(4, 6)).orElseThrow().heads());
        assertEquals(heads(2, 4, 2, 11, 3, 3, 3, 6, 3, 11, 3, 14),
                AlignmentHeads.official("large-v3-turbo", decoder(4, 20)).orElseThrow().heads());
        assertEquals(AlignmentHeads.official("large-v3-turbo", decoder(4, 20)), AlignmentHeads.official("turbo", decoder(4, 20)));
    }

    @ParameterizedTest
    @CsvSource({"tiny,4,6", "tiny.en,4,6", "base,6,8", "base.en,6,8", "small,12,12", "small.en,12,12", "medium,24,16",
            "medium.en,24,16", "large-v1,32,20", "large-v2,32,20", "large-v3,32,20", "large-v3-turbo,4,20"})
    void everyTableEntryFitsItsModelsDecoder(String name, int layers, int headsPerLayer) {
        AlignmentHeads decoded = AlignmentHeads.official(name, decoder(layers, headsPerLayer)).orElseThrow();
        assertFalse(decoded.heads().isEmpty());
        assertTrue(decoded.heads().stream().allMatch(h -> h.layer() < layers && h.head() < headsPerLayer));
    }

    @Test
    void aTableThatDoesNotFitTheDecoderIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AlignmentHeads.official("tiny", decoder(2, 2)));
        assertTrue(e.getMessage().contains("cover 24 heads, but the model has 2 decoder layers × 2 heads"), e.getMessage());
        assertEquals(Optional.empty(), AlignmentHeads.official("my-fine-tune", decoder(2, 2)));
    }

    @Test
    void theDefaultIsEveryHeadOfTheLastHalfOfTheDecoder() {
        assertEquals(heads(1, 0, 1, 1), AlignmentHeads.lastHalf(decoder(2, 2)).heads());
        assertEquals(heads(2, 0, 3, 0, 4, 0), AlignmentHeads.lastHalf(decoder(5, 1)).heads());
    }

    @ParameterizedTest
    @ValueSource(strings = {"toy-multi", "toy-en", "toy-v3"})
    void generationConfigHeadsMatchTheReferenceAndTheDefault(String model) throws IOException {
        try (ModelLocator.OpenedCheckpoint hf = ModelLocator.open(Reference.path("models", model));
             ModelLocator.OpenedCheckpoint pt = ModelLocator.open(Reference.path("models", model, "model.pt"))) {
            var expected = Reference.json(Reference.path("models", model, "whisper.json")).get("alignment_heads");
            int[][] pairs = hf.alignmentHeads().toPairs();
            assertEquals(expected.size(), pairs.length);
            for (int i = 0; i < pairs.length; i++) {
                assertEquals(expected.get(i).get(0).asInt(), pairs[i][0]);
                assertEquals(expected.get(i).get(1).asInt(), pairs[i][1]);
            }
            assertEquals(hf.alignmentHeads(), pt.alignmentHeads(), "a .pt without a published table falls back to the last half");
        }
    }

    @Test
    void aGenerationConfigNamingAHeadOutsideTheDecoderIsReported(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("generation_config.json");
        Files.writeString(file, "{\"alignment_heads\": [[1, 0], [2, 7]]}");
        WeightFormatException e = assertThrows(WeightFormatException.class, () -> AlignmentHeads.fromGenerationConfig(file, decoder(2, 2)));
        assertTrue(e.getMessage().contains("names [2,7], outside the decoder's 2 layers × 2 heads"), e.getMessage());
        Files.writeString(file, "{\"max_length\": 448}");
        assertEquals(Optional.empty(), AlignmentHeads.fromGenerationConfig(file, decoder(2, 2)));
    }

    @Test
    void officialFileNamesAreRecognised() {
        assertEquals(Optional.of("small.en"), ModelLocator.officialName("ggml-small.en-q8_0.bin"));
        assertEquals(Optional.of("large-v3-turbo"), ModelLocator.officialName("ggml-large-v3-turbo-q5_0.bin"));
        assertEquals(Optional.of("tiny"), ModelLocator.officialName("tiny.pt"));
        assertEquals(Optional.empty(), ModelLocator.officialName("model.pt"));
        // a file named like an official model whose decoder does not fit the table is treated as a fine-tune
        assertEquals(AlignmentHeads.lastHalf(decoder(2, 2)), ModelLocator.headsOfFile(Path.of("tiny.pt"), decoder(2, 2)));
        assertEquals(AlignmentHeads.official("tiny", decoder(4, 6)).orElseThrow(), ModelLocator.headsOfFile(Path.of("ggml-tiny-q5_1.bin"), decoder(4, 6)));
    }
}
