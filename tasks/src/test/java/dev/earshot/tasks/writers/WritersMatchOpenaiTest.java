package dev.earshot.tasks.writers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.earshot.api.prompt.Language;
import dev.earshot.api.result.Segment;
import dev.earshot.api.result.Transcript;
import dev.earshot.testkit.Reference;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each writer, fed openai's own transcribe() result, must produce the file openai's writer produced, byte for
 * byte ({@code expected/<model>/writers}). Runs with word timestamps are left out: segments carry no words yet.
 */
class WritersMatchOpenaiTest {

    @TestFactory
    Stream<DynamicTest> everyFormatOfEverySegmentLevelRun() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String model : List.of("toy-multi", "toy-en", "toy-v3")) {
            JsonNode runs = Reference.json(Reference.path("expected", model, "transcribe.json")).get("runs");
            for (JsonNode run : runs) {
                JsonNode result = run.get("result");
                if (result.get("segments").size() > 0 && result.get("segments").get(0).has("words")) {
                    continue;
                }
                Transcript transcript = transcript(result);
                for (TranscriptWriter writer : TranscriptWriter.all()) {
                    String name = run.get("name").asText() + ".default." + writer.extension();
                    tests.add(DynamicTest.dynamicTest(model + " / " + name, () -> {
                        String expected = Files.readString(Reference.path("expected", model, "writers", name));
                        assertEquals(expected, writer.format(transcript));
                    }));
                }
            }
        }
        return tests.stream();
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

    private static Transcript transcript(JsonNode result) {
        List<Segment> segments = new ArrayList<>();
        for (JsonNode s : result.get("segments")) {
            List<Integer> tokens = new ArrayList<>();
            s.get("tokens").forEach(t -> tokens.add(t.asInt()));
            segments.add(new Segment(s.get("id").asInt(), s.get("seek").asInt(), s.get("start").asDouble(),
                    s.get("end").asDouble(), s.get("text").asText(), tokens, s.get("temperature").asDouble(),
                    s.get("avg_logprob").asDouble(), s.get("compression_ratio").asDouble(), s.get("no_speech_prob").asDouble(),
                    s.has("words") ? List.of() : null)); // only emptied segments have words in these runs
        }
        return new Transcript(result.get("text").asText(), segments, Language.lookup(result.get("language").asText()));
    }
}
