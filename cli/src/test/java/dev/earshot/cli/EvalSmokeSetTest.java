package dev.earshot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earshot.testkit.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The smoke set the project builds itself (evaluation/smoke/make-smoke-set.sh: espeak-ng + sox), evaluated with
 * the random-weight toy model. The WER is meaningless; this checks that real speech files and their manifest go
 * through the whole pipeline into the reports.
 */
class EvalSmokeSetTest {

    private static final Path SCRIPT = Path.of("..", "evaluation", "smoke", "make-smoke-set.sh");
    private static final int UTTERANCES = 4;

    @TempDir
    Path dir;

    @Test
    void smokeSetRunsThroughEvalIntoTheReports() throws IOException, InterruptedException {
        Path set = dir.resolve("smoke");
        Process script = new ProcessBuilder("bash", SCRIPT.toString(), set.toString(), Integer.toString(UTTERANCES))
                .redirectErrorStream(true).start();
        String scriptOutput = new String(script.getInputStream().readAllBytes());
        assertTrue(script.waitFor(120, TimeUnit.SECONDS), "make-smoke-set.sh did not finish");
        assertEquals(0, script.exitValue(), scriptOutput);
        assertEquals(UTTERANCES, Files.readAllLines(set.resolve("manifest.jsonl")).size());

        Path out = dir.resolve("out");
        CliRun run = CliRun.of("", "eval", "--manifest", set.resolve("manifest.jsonl").toString(),
                "--model", Reference.path("models", "toy-en").toString(), "--backend", "cpu", "-o", out.toString());

        assertEquals(0, run.exitCode(), run.err());
        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertEquals(UTTERANCES, report.get("overall").get("utterances").asInt());
        assertTrue(report.get("overall").get("reference_words").asInt() > 20, report.toString());
        assertEquals(UTTERANCES, Files.readAllLines(out.resolve("results.jsonl")).size());
        assertTrue(run.err().contains(UTTERANCES + "/" + UTTERANCES), "progress bar: " + run.err());
    }
}
