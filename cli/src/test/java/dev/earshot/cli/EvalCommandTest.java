package dev.earshot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earshot.testkit.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * earshot eval end to end with the random-weight toy model: the number is meaningless, so this checks the
 * plumbing — every utterance scored, reports written, and a resumed run keeping what was already done.
 */
class EvalCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path manifest() throws IOException {
        Path audio = Reference.path("audio");
        return Files.writeString(dir.resolve("set.jsonl"),
                "{\"audio\": \"" + audio.resolve("tts_en_1.wav") + "\", \"text\": \"First sentence.\", \"language\": \"en\"}\n"
                        + "{\"audio\": \"" + audio.resolve("tts_en_2.wav") + "\", \"text\": \"Second one.\"}\n");
    }

    @Test
    void resumedRunKeepsFinishedUtterancesAndReportsAll() throws IOException {
        Path manifest = manifest();
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        String firstAudio = Reference.path("audio").resolve("tts_en_1.wav").toString();
        // what an interrupted run leaves: the first utterance done (with a hypothesis no model would produce)
        Files.writeString(out.resolve("results.jsonl"), JSON.writeValueAsString(JSON.createObjectNode()
                .put("id", firstAudio).put("audio", firstAudio).put("reference", "First sentence.")
                .put("hypothesis", "prefilled by the interrupted run").put("reference_normalized", "first sentence ")
                .put("hypothesis_normalized", "prefilled by the interrupted run").put("wer", 2.0)
                .put("reference_words", 2).put("hits", 0).put("substitutions", 2).put("deletions", 0)
                .put("insertions", 2)) + "\n");

        CliRun run = CliRun.of("", "eval", "--manifest", manifest.toString(),
                "--model", Reference.path("models", "toy-en").toString(), "--backend", "cpu", "-o", out.toString());

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("WER "), run.out());
        assertEquals(2, Files.readAllLines(out.resolve("results.jsonl")).size());
        JsonNode report = JSON.readTree(out.resolve("report.json").toFile());
        assertEquals(2, report.get("overall").get("utterances").asInt());
        assertEquals(4, report.get("overall").get("reference_words").asInt());
        boolean keptPrefilled = false;
        for (JsonNode utterance : report.get("utterances")) {
            keptPrefilled |= utterance.get("hypothesis").asText().equals("prefilled by the interrupted run");
        }
        assertTrue(keptPrefilled, "the finished utterance was transcribed again: " + report);
        assertTrue(Files.readString(out.resolve("report.md")).contains("## Utterances, worst first"));
    }

    @Test
    void missingAudioIsReportedBeforeLoadingTheModel() throws IOException {
        Path manifest = Files.writeString(dir.resolve("set.jsonl"), "{\"audio\": \"absent.wav\", \"text\": \"x\"}\n");
        CliRun run = CliRun.of("", "eval", "--manifest", manifest.toString(), "--model", dir.resolve("no-model").toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("absent.wav") && run.err().contains("no such audio file"), run.err());
    }
}
