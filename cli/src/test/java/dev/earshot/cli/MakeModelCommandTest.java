package dev.earshot.cli;

import dev.earshot.api.backend.BackendOptions;
import dev.earshot.backend.cpu.CpuBackendProvider;
import dev.earshot.model.WhisperModel;
import dev.earshot.model.WhisperSession;
import dev.earshot.model.assets.AssetResolver;
import dev.earshot.model.weights.ModelLocator;
import dev.earshot.model.weights.TensorSlice;
import dev.earshot.testkit.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Random-weight models at real shapes: loadable, the same numbers in both formats, and the reference layout. */
class MakeModelCommandTest {

    @Test
    void tinyInBothFormatsHoldsTheSameWeightsAndDecodes(@TempDir Path dir) throws Exception {
        CliRun run = CliRun.of("", "make-model", "--shape", "tiny", "--dtype", "f32", "--seed", "5", "--format", "hf,ggml",
                "--output", dir.toString());
        assertEquals(0, run.exitCode(), run.err());
        try (var hf = ModelLocator.open(dir); var ggml = ModelLocator.open(dir.resolve("ggml-model.bin"))) {
            assertEquals(hf.config(), ggml.config());
            assertEquals(384, hf.config().audioState());
            assertEquals(51865, hf.config().vocabularySize());
            Map<String, TensorSlice> a = hf.tensors().byOpenaiName();
            Map<String, TensorSlice> b = ggml.tensors().byOpenaiName();
            assertEquals(a.keySet(), b.keySet());
            for (String name : a.keySet()) {
                assertArrayEquals(a.get(name).toFloatArray(), b.get(name).toFloatArray(), name);
            }
        }
        try (var backend = new CpuBackendProvider().open(BackendOptions.defaults());
             WhisperModel model = WhisperModel.load(dir, backend); WhisperSession session = model.newSession()) {
            session.encode(new float[80 * 3000]);
            float[] logits = session.decode(50258, 50259, 50359);
            assertTrue(Arrays.stream(toDoubles(logits)).allMatch(Double::isFinite), "finite logits from random weights");
        }
    }

    @Test
    void theSameSeedGivesTheSameFileAndAnotherSeedAnother(@TempDir Path dir) throws Exception {
        for (String seed : new String[] {"1", "1", "2"}) {
            Path out = dir.resolve("seed" + seed + "-" + Files.list(dir).count());
            assertEquals(0, CliRun.of("", "make-model", "--shape", "tiny", "--dtype", "f16", "--seed", seed, "--output",
                    out.toString()).exitCode());
        }
        byte[] first = Files.readAllBytes(dir.resolve("seed1-0/model.safetensors"));
        assertArrayEquals(first, Files.readAllBytes(dir.resolve("seed1-1/model.safetensors")));
        assertFalse(Arrays.equals(first, Files.readAllBytes(dir.resolve("seed2-2/model.safetensors"))));
    }

    @Test
    void tensorNamesAndShapesMatchTheReferenceModelsLayout(@TempDir Path dir) throws Exception {
        assertEquals(0, CliRun.of("", "make-model", "--shape", "tiny", "--output", dir.toString()).exitCode());
        try (var made = ModelLocator.open(dir); var reference = ModelLocator.open(Reference.path("models", "toy-multi"))) {
            assertEquals(reference.tensors().byOpenaiName().keySet().stream().filter(n -> !n.contains(".blocks.")).sorted().toList(),
                    made.tensors().byOpenaiName().keySet().stream().filter(n -> !n.contains(".blocks.")).sorted().toList());
            assertEquals(4 * 15 + 4 * 24 + 11, made.tensors().byOpenaiName().size(), "tiny: 4 encoder and 4 decoder blocks");
        }
    }

    @Test
    void badArgumentsAreOneClearLine(@TempDir Path dir) throws Exception {
        CliRun shape = CliRun.of("", "make-model", "--shape", "huge", "--output", dir.toString());
        assertEquals(1, shape.exitCode());
        assertTrue(shape.err().contains("unknown model shape 'huge'") && shape.err().contains("large-v3"), shape.err());
        CliRun dtype = CliRun.of("", "make-model", "--shape", "tiny", "--dtype", "q4", "--output", dir.toString());
        assertTrue(dtype.err().contains("--dtype must be f32 or f16"), dtype.err());
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        CliRun notDirectory = CliRun.of("", "make-model", "--shape", "tiny", "--output", file.toString());
        assertTrue(notDirectory.err().contains("is a file"), notDirectory.err());
    }

    @Test
    void aMissingTokenizerAssetIsReportedBeforeAnyFileIsWritten(@TempDir Path dir) throws Exception {
        MakeModelCommand command = new MakeModelCommand();
        Path output = dir.resolve("model");
        Path emptyCache = Files.createDirectory(dir.resolve("cache"));
        // no $EARSHOT_ASSETS, an empty cache, and a download address that refuses the connection
        command.assets = () -> AssetResolver.builder().environment(Map.of()).cacheDirectory(emptyCache)
                .source(URI.create("http://127.0.0.1:9/")).build();
        new CommandLine(command).parseArgs("--shape", "tiny", "--format", "hf,ggml", "--output", output.toString());
        Exception refused = assertThrows(Exception.class, command::call);
        assertTrue(refused.getMessage().contains("multilingual.tiktoken") && refused.getMessage().contains("EARSHOT_ASSETS"),
                refused.getMessage());
        assertFalse(Files.exists(output), "nothing written, not even the Hugging Face files or the directory");
    }

    private static double[] toDoubles(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
