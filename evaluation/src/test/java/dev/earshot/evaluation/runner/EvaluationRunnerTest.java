package dev.earshot.evaluation.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earshot.evaluation.dataset.Utterance;
import dev.earshot.evaluation.normalize.BasicTextNormalizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EvaluationRunnerTest {

    private static final List<Utterance> DATASET = List.of(
            utterance("u1", "the cat sat"),
            utterance("u2", "on the mat"),
            utterance("u3", "a dog barked"),
            utterance("u4", "far away"));
    /** What the stand-in model hears: u2 misses a word, u3 gets one wrong and adds one. */
    private static final Map<String, String> HEARD = Map.of(
            "u1", "The cat sat.", "u2", "on mat", "u3", "a frog barked loudly", "u4", "Far away!");

    @TempDir
    Path dir;

    private static Utterance utterance(String id, String text) {
        return new Utterance(id, Path.of(id + ".wav"), text, "en");
    }

    @Test
    void scoresEveryUtteranceAfterNormalizing() throws Exception {
        List<UtteranceResult> results = new EvaluationRunner(u -> HEARD.get(u.id()), new BasicTextNormalizer(),
                ProgressListener.silent()).run(DATASET, new ResultsLog(dir.resolve("results.jsonl")));
        EvaluationReport report = new EvaluationReport("test", results);
        assertEquals(3.0 / 11, report.wer(), 1e-12);
        assertEquals(1, report.totals().deletions());
        assertEquals(1, report.totals().substitutions());
        assertEquals(1, report.totals().insertions());
        assertEquals(List.of("u3", "u2", "u1", "u4"), report.worstFirst().stream().map(UtteranceResult::id).toList());
    }

    @Test
    void resumesWithoutRedoingFinishedUtterances() throws Exception {
        ResultsLog log = new ResultsLog(dir.resolve("results.jsonl"));
        List<String> transcribed = new ArrayList<>();
        Transcription interruptedAfterTwo = u -> {
            if (transcribed.size() == 2) {
                throw new IllegalStateException("interrupted");
            }
            transcribed.add(u.id());
            return HEARD.get(u.id());
        };
        EvaluationRunner first = new EvaluationRunner(interruptedAfterTwo, new BasicTextNormalizer(),
                ProgressListener.silent());
        assertThrows(IllegalStateException.class, () -> first.run(DATASET, log));
        // a kill in the middle of writing the next line
        Files.writeString(log.file(), "{\"id\": \"u3\", \"hyp", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        List<String> resumed = new ArrayList<>();
        List<UtteranceResult> results = new EvaluationRunner(u -> {
            resumed.add(u.id());
            return HEARD.get(u.id());
        }, new BasicTextNormalizer(), ProgressListener.silent()).run(DATASET, log);

        assertEquals(List.of("u1", "u2"), transcribed);
        assertEquals(List.of("u3", "u4"), resumed);
        assertEquals(List.of("u1", "u2", "u3", "u4"), results.stream().map(UtteranceResult::id).toList());
        assertEquals(4, log.load().size());
        assertEquals(4, Files.readAllLines(log.file()).size());
    }

    @Test
    void aDamagedLineBeforeTheEndIsAnError() throws IOException {
        Path file = Files.writeString(dir.resolve("results.jsonl"), "not json\n{\"id\": \"x\"}\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ResultsLog(file).load());
        assertTrue(e.getMessage().contains("line 1"), e.getMessage());
    }

    @Test
    void reportsListWorstFirstInJsonAndMarkdown() throws Exception {
        List<UtteranceResult> results = new EvaluationRunner(u -> HEARD.get(u.id()), new BasicTextNormalizer(),
                ProgressListener.silent()).run(DATASET, new ResultsLog(dir.resolve("results.jsonl")));
        new EvaluationReport("smoke | test", results).write(dir);

        JsonNode json = new ObjectMapper().readTree(dir.resolve("report.json").toFile());
        assertEquals(11, json.get("overall").get("reference_words").asInt());
        assertEquals(3, json.get("overall").get("errors").asInt());
        assertEquals("u3", json.get("utterances").get(0).get("id").asText());
        assertEquals("a frog barked loudly", json.get("utterances").get(0).get("hypothesis_normalized").asText().strip());

        String markdown = Files.readString(dir.resolve("report.md"));
        assertTrue(markdown.contains("| 27.27% | 4 | 11 | 1 | 1 | 1 | 9 |"), markdown);
        assertTrue(markdown.indexOf("| u3 |") < markdown.indexOf("| u2 |"), markdown);
        assertTrue(markdown.indexOf("| u2 |") < markdown.indexOf("| u1 |"), markdown);
    }
}
