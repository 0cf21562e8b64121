package dev.earshot.tasks.writers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.earshot.api.prompt.Language;
import dev.earshot.api.result.Segment;
import dev.earshot.api.result.Transcript;
import dev.earshot.api.result.Word;
import dev.earshot.testkit.Reference;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each writer, fed openai's own transcribe() result, must produce the file openai's writer produced, byte for
 * byte, for every run and subtitle option set in {@code expected/<model>/writers/index.json}.
 */
class WritersMatchOpenaiTest {

    @TestFactory
    Stream<DynamicTest> everyFileOpenaisWritersProduced() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String model : List.of("toy-multi", "toy-en", "toy-v3")) {
            Map<String, JsonNode> results = new HashMap<>();
            for (JsonNode run : Reference.json(Reference.path("expected", model, "transcribe.json")).get("runs")) {
                results.put(run.get("name").asText(), run.get("result"));
            }
            for (JsonNode entry : Reference.json(Reference.path("expected", model, "writers", "index.json"))) {
                Transcript transcript = transcript(results.get(entry.get("run").asText()));
                JsonNode o = entry.get("options");
                SubtitleOptions options = new SubtitleOptions(intOrNull(o.get("max_line_width")),
                        intOrNull(o.get("max_line_count")), o.get("highlight_words").asBoolean(), intOrNull(o.get("max_words_per_line")));
                for (TranscriptWriter writer : TranscriptWriter.all(options)) {
                    String file = entry.get("files").get(writer.extension()).asText();
                    tests.add(DynamicTest.dynamicTest(model + " / " + file, () -> {
                        String expected = Files.readString(Reference.path("expected", model, "writers", file));
                        assertEquals(expected, writer.format(transcript));
                    }));
                }
            }
        }
        return tests.stream();
    }

    private static Integer intOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : node.asInt();
    }

    @Test
    void pythonFloatReprForms() {
        assertEquals("0.0", JsonWriter.pythonFloat(0.0));
        assertEquals("24.0", JsonWriter.pythonFloat(24.0));
        assertEquals("63.019999999999996", JsonWriter.pythonFloat(63.019999999999996));
        assertEquals("2.776233145596052e-07", JsonWriter.pythonFloat(2.776233145596052e-07));
        assertEquals("1e-05", JsonWriter.pythonFloat(1e-5));
        assertEquals("0.0001", JsonWriter.pythonFloat(1e-4));
        assertEquals("1e+16", JsonWriter.pythonFloat(1e16));
        assertEquals("1000000000000000.0", JsonWriter.pythonFloat(1e15));
        assertEquals("-4.11279067993164", JsonWriter.pythonFloat(-4.11279067993164));
    }

    @Test
    void writesIntoTheDirectoryUnderTheAudiosName(@TempDir Path dir) throws Exception {
        Transcript transcript = new Transcript(" hi", List.of(new Segment(0, 0, 0.0, 1.5, " hi", List.of(1, 2), 0.0, -0.5,
                1.0, 0.01, null)), Language.lookup("en"));
        Path written = new TextWriter().write(transcript, Path.of("talks", "keynote.final.mp3"), dir.resolve("out"));
        assertEquals(dir.resolve("out").resolve("keynote.final.txt"), written);
        assertEquals("hi\n", Files.readString(written));
        try (var files = Files.list(dir.resolve("out"))) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void negativeTimesAndUnknownFormatsAreRefused() {
        Transcript bad = new Transcript("x", List.of(new Segment(0, 0, -1.0, 1.0, "x", List.of(), 0, 0, 0, 0, null)),
                Language.lookup("en"));
        assertThrows(IllegalArgumentException.class, () -> SubtitleWriter.srt().format(bad));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TranscriptWriter.forExtension("doc"));
        assertTrue(e.getMessage().contains("txt, vtt, srt, tsv or json"), e.getMessage());
    }

    private static List<Word> words(JsonNode words) {
        if (words == null) {
            return null;
        }
        List<Word> out = new ArrayList<>();
        for (JsonNode w : words) {
            out.add(new Word(w.get("word").asText(), w.get("start").asDouble(), w.get("end").asDouble(),
                    w.get("probability").asDouble()));
        }
        return out;
    }

    private static Transcript transcript(JsonNode result) {
        List<Segment> segments = new ArrayList<>();
        for (JsonNode s : result.get("segments")) {
            List<Integer> tokens = new ArrayList<>();
            s.get("tokens").forEach(t -> tokens.add(t.asInt()));
            segments.add(new Segment(s.get("id").asInt(), s.get("seek").asInt(), s.get("start").asDouble(),
                    s.get("end").asDouble(), s.get("text").asText(), tokens, s.get("temperature").asDouble(),
                    s.get("avg_logprob").asDouble(), s.get("compression_ratio").asDouble(), s.get("no_speech_prob").asDouble(),
                    words(s.get("words"))));
        }
        return new Transcript(result.get("text").asText(), segments, Language.lookup(result.get("language").asText()));
    }
}
