package dev.earshot.api.prompt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code text/tokenizer_special_tokens.json} of the openai/whisper reference fixtures. The directory comes from the
 * system property {@code earshot.reference} (the build sets it), else {@code ../shared/reference}.
 */
final class SpecialTokenFixtures {

    /** The fixture's vocabulary configurations and the layout each one describes. */
    static final Map<String, VocabularyLayout> CONFIGS = Map.of(
            "gpt2", VocabularyLayout.ENGLISH_ONLY,
            "multilingual", VocabularyLayout.MULTILINGUAL,
            "multilingual_v3", VocabularyLayout.LARGE_V3);

    private static JsonNode root;

    private SpecialTokenFixtures() {
    }

    static synchronized JsonNode root() {
        if (root == null) {
            Path reference = Path.of(System.getProperty("earshot.reference", "../shared/reference"))
                    .toAbsolutePath().normalize();
            Path file = reference.resolve("text").resolve("tokenizer_special_tokens.json");
            assertTrue(Files.isRegularFile(file), "missing reference file " + file
                    + "; set -Dearshot.reference=DIR (the shared/reference directory beside the project)");
            try {
                root = new ObjectMapper().readTree(file.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return root;
    }

    static JsonNode config(String name) {
        return root().path("configs").path(name);
    }

    static int[] ints(JsonNode array) {
        int[] values = new int[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).intValue();
        }
        return values;
    }
}
