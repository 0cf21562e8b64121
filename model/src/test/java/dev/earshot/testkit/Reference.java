package dev.earshot.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earshot.model.weights.SafetensorsFile;
import dev.earshot.model.weights.TensorSlice;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Test helper (exported in the model test-jar): the openai/whisper reference fixtures (DESIGN.md, "Correctness"). Their directory comes from the system
 * property {@code earshot.reference} (the build sets it), else {@code ../shared/reference}.
 */
public final class Reference {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Reference() {
    }

    public static Path root() {
        Path root = Path.of(System.getProperty("earshot.reference", "../shared/reference")).toAbsolutePath().normalize();
        assertTrue(Files.isDirectory(root), "reference fixtures not found at " + root
                + "; set -Dearshot.reference=DIR (the shared/reference directory beside the project)");
        return root;
    }

    public static Path path(String first, String... more) {
        Path p = root().resolve(Path.of(first, more));
        assertTrue(Files.exists(p), "missing reference file " + p);
        return p;
    }

    /** The tokenizer rank files and other third-party assets, as tests and CI provide them. */
    public static Path assets() {
        return path("text", "assets");
    }

    public static JsonNode json(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One JSON object per line. */
    public static List<JsonNode> jsonLines(Path file) {
        try {
            return Files.readAllLines(file).stream().filter(line -> !line.isBlank()).map(line -> {
                try {
                    return JSON.readTree(line);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A tensor copied out of a reference safetensors file. */
    public static FloatTensor tensor(Path file, String name) {
        try (SafetensorsFile st = SafetensorsFile.open(file)) {
            TensorSlice slice = st.tensor(name);
            return new FloatTensor(slice.shape().clone(), slice.toFloatArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An integer tensor copied out of a reference safetensors file. */
    public static int[] intTensor(Path file, String name) {
        try (SafetensorsFile st = SafetensorsFile.open(file)) {
            return st.tensor(name).toIntArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
