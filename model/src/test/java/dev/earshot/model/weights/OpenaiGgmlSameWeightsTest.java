package dev.earshot.model.weights;

import dev.earshot.testkit.Reference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reference models hold bit-identical values in all three formats (README: "All three formats hold bit-identical values"). */
class OpenaiGgmlSameWeightsTest {

    @ParameterizedTest
    @ValueSource(strings = {"toy-multi", "toy-en", "toy-v3"})
    void huggingFaceOpenaiAndGgmlGiveTheSameConfigAndBitIdenticalTensors(String model) throws IOException {
        Path directory = Reference.path("models", model);
        try (ModelLocator.OpenedCheckpoint hf = ModelLocator.open(directory);
             ModelLocator.OpenedCheckpoint pt = ModelLocator.open(Reference.path("models", model, "model.pt"));
             ModelLocator.OpenedCheckpoint ggml = ModelLocator.open(Reference.path("models", model, "ggml-model.bin"))) {
            assertEquals(CheckpointFormat.HUGGING_FACE_DIRECTORY, hf.format());
            assertEquals(CheckpointFormat.OPENAI_TORCH_ZIP, pt.format());
            assertEquals(CheckpointFormat.GGML, ggml.format());
            assertEquals(hf.config(), pt.config(), "dims of model.pt");
            assertEquals(hf.config(), ggml.config(), "hparams of ggml-model.bin");

            var expected = hf.tensors().byOpenaiName();
            assertEquals(expected.keySet(), pt.tensors().byOpenaiName().keySet());
            assertEquals(expected.keySet(), ggml.tensors().byOpenaiName().keySet());
            for (var e : expected.entrySet()) {
                float[] want = e.getValue().toFloatArray();
                for (ModelLocator.OpenedCheckpoint other : List.of(pt, ggml)) {
                    TensorSlice slice = other.tensors().byOpenaiName().get(e.getKey());
                    assertArrayEquals(e.getValue().shape(), slice.shape(), e.getKey() + " shape in " + other.format());
                    assertArrayEquals(want, slice.toFloatArray(), e.getKey() + " values in " + other.format());
                    assertTrue(slice.bytes().isMapped(), e.getKey() + " in " + other.format() + " stays in the mapped file");
                }
            }
            assertEquals(StorageType.F16, pt.tensors().byOpenaiName().get("encoder.blocks.0.attn.query.weight").type());
            assertEquals(StorageType.F16, ggml.tensors().byOpenaiName().get("encoder.blocks.0.attn.query.weight").type());
            assertEquals(StorageType.F32, ggml.tensors().byOpenaiName().get("encoder.conv1.bias").type());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"toy-multi", "toy-en", "toy-v3"})
    void ggmlCarriesOpenaisMelFiltersAndTheRankOrderedVocabulary(String model) throws IOException {
        try (GgmlCheckpoint ggml = GgmlCheckpoint.open(Reference.path("models", model, "ggml-model.bin"));
             SafetensorsFile filters = SafetensorsFile.open(Reference.path("frontend", "mel_filters.safetensors"))) {
            int mels = ggml.config().melCount();
            assertEquals(201, ggml.melFftBins());
            assertArrayEquals(filters.tensor("mel_" + mels).toFloatArray(), ggml.melFilters());
            assertEquals(ggml.config().isMultilingual() ? 50257 : 50256, ggml.vocabulary().size());
            assertEquals("!", new String(ggml.vocabulary().getFirst(), StandardCharsets.UTF_8));
            assertEquals(1, ggml.fileType(), "convert-pt-to-ggml.py writes f16 models");
        }
    }
}
