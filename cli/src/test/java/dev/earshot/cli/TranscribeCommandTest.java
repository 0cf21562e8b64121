package dev.earshot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earshot.testkit.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command end to end, against the files openai's CLI wrote for the same run. */
class TranscribeCommandTest {

    @Test
    void wordTimestampRunWritesOpenaisFiles(@TempDir Path out) throws Exception {
        CliRun run = CliRun.of("", "transcribe", Reference.path("audio", "jfk.wav").toString(),
                "--model", Reference.path("models", "toy-multi").toString(), "--backend", "cpu",
                "--temperature", "0", "--temperature-increment-on-fallback", "0", "--beam-size", "1",
                "--word-timestamps", "true", "--output-dir", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        for (String format : new String[] {"txt", "vtt", "srt", "tsv"}) {
            String expected = Files.readString(Reference.path("expected", "toy-multi", "writers",
                    "primary_word_timestamps.default." + format));
            assertEquals(expected, Files.readString(out.resolve("jfk." + format)), format);
        }
        ObjectMapper json = new ObjectMapper();
        JsonNode expected = json.readTree(Reference.path("expected", "toy-multi", "writers",
                "primary_word_timestamps.default.json").toFile());
        JsonNode actual = json.readTree(out.resolve("jfk.json").toFile());
        assertEquals(expected.get("text"), actual.get("text"));
        assertEquals(expected.get("language"), actual.get("language"));
        assertEquals(expected.get("segments").size(), actual.get("segments").size());
        for (int i = 0; i < expected.get("segments").size(); i++) {
            assertEquals(expected.get("segments").get(i).get("tokens"), actual.get("segments").get(i).get("tokens"));
            assertEquals(expected.get("segments").get(i).get("words").size(), actual.get("segments").get(i).get("words").size());
        }
        assertTrue(run.out().contains("-->"), "segments are printed as they are transcribed");
    }

    /** openai's tokens on this clip, with the cross-attention keys and values kept in half precision. */
    @Test
    void aHalfCrossAttentionCacheTranscribesTheSameText(@TempDir Path out) throws Exception {
        CliRun run = CliRun.of("", "transcribe", Reference.path("audio", "jfk.wav").toString(),
                "--model", Reference.path("models", "toy-multi").toString(), "--backend", "cpu", "--cross-kv", "f16",
                "--temperature", "0", "--temperature-increment-on-fallback", "0", "--beam-size", "1",
                "--word-timestamps", "true", "--output-format", "txt", "--output-dir", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(Files.readString(Reference.path("expected", "toy-multi", "writers", "primary_word_timestamps.default.txt")),
                Files.readString(out.resolve("jfk.txt")));
    }

    @Test
    void aTaskPluginRunsThroughTaskAndSet(@TempDir Path out) throws Exception {
        CliRun run = CliRun.of("", "transcribe", Reference.path("audio", "jfk.wav").toString(),
                "--model", Reference.path("models", "toy-multi").toString(), "--backend", "cpu",
                "--task", "language-id", "--set", "top=2", "--output-dir", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        JsonNode expected = Reference.json(Reference.path("expected", "toy-multi", "language.json")).get("clips").get("jfk");
        assertTrue(run.out().startsWith(expected.get("language").asText()), run.out());
        JsonNode data = new ObjectMapper().readTree(out.resolve("jfk.language-id.json").toFile());
        assertEquals(2, data.get("top").size());
    }

    @Test
    void wordOptionsWithoutWordTimestampsAreRefused(@TempDir Path out) {
        CliRun run = CliRun.of("", "transcribe", Reference.path("audio", "jfk.wav").toString(),
                "--model", Reference.path("models", "toy-multi").toString(), "--highlight-words", "true",
                "--output-dir", out.toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("require --word-timestamps true"), run.err());
        assertFalse(run.err().contains("\tat "), run.err());
    }

    @Test
    void anUnknownTaskNamesTheKnownOnes(@TempDir Path out) {
        CliRun run = CliRun.of("", "transcribe", Reference.path("audio", "jfk.wav").toString(),
                "--model", Reference.path("models", "toy-multi").toString(), "--task", "summarize",
                "--output-dir", out.toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("no task named 'summarize'") && run.err().contains("language-id"), run.err());
    }
}
