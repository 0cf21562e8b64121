package dev.earshot.evaluation.dataset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * earshot's own dataset format: one JSON object per line, {@code {"audio": PATH, "text": REFERENCE}} with an
 * optional {@code "language"} code. Relative audio paths are relative to the manifest, so a dataset directory can
 * be moved as a whole. The audio path as written is the utterance id.
 */
public final class JsonlManifest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonlManifest() {
    }

    public static List<Utterance> read(Path manifest) throws IOException {
        Path base = manifest.toAbsolutePath().getParent();
        List<String> lines = Files.readAllLines(manifest, StandardCharsets.UTF_8);
        List<Utterance> utterances = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String where = manifest + " line " + (i + 1);
            JsonNode entry = parse(lines.get(i), where);
            String audio = requiredText(entry, "audio", where);
            String text = requiredText(entry, "text", where);
            JsonNode language = entry.get("language");
            if (!ids.add(audio)) {
                throw new DatasetFormatException(where + ": audio " + audio + " is listed twice");
            }
            utterances.add(new Utterance(audio, base.resolve(audio), text,
                    language == null || language.isNull() ? null : language.asText()));
        }
        return utterances;
    }

    private static JsonNode parse(String line, String where) {
        try {
            JsonNode node = JSON.readTree(line);
            if (node == null || !node.isObject()) {
                throw new DatasetFormatException(where + ": expected a JSON object {\"audio\": …, \"text\": …}");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new DatasetFormatException(where + ": not JSON (" + e.getOriginalMessage() + ")", e);
        }
    }

    private static String requiredText(JsonNode entry, String field, String where) {
        JsonNode value = entry.get(field);
        if (value == null || !value.isTextual()) {
            throw new DatasetFormatException(where + ": \"" + field + "\" must be a string");
        }
        return value.asText();
    }
}
