package dev.earshot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earshot.testkit.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** earshot wer against the reference WER pairs. */
class WerCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void corpusCountsMatchTheReferencePairs() throws IOException {
        JsonNode wer = Reference.json(Reference.path("text", "wer.json"));
        List<String> references = new ArrayList<>();
        List<String> hypotheses = new ArrayList<>();
        int hits = 0;
        int substitutions = 0;
        int deletions = 0;
        int insertions = 0;
        int words = 0;
        for (JsonNode pair : wer.get("pairs")) {
            String reference = pair.get("reference").asText();
            String hypothesis = pair.get("hypothesis").asText();
            if (!pair.get("normalizer").asText().equals("english") || reference.contains("\n")
                    || hypothesis.contains("\n") || reference.contains("\r") || hypothesis.contains("\r")) {
                continue;
            }
            references.add(reference);
            hypotheses.add(hypothesis);
            hits += pair.get("hits").asInt();
            substitutions += pair.get("substitutions").asInt();
            deletions += pair.get("deletions").asInt();
            insertions += pair.get("insertions").asInt();
            words += pair.get("ref_len").asInt();
        }
        assertTrue(references.size() > 10, "enough English pairs to be a real check");
        Path ref = write("ref.txt", references);
        Path hyp = write("hyp.txt", hypotheses);

        CliRun run = CliRun.of("", "wer", "--ref", ref.toString(), "--hyp", hyp.toString(), "--normalize", "english");

        assertEquals(0, run.exitCode(), run.err());
        JsonNode result = JSON.readTree(run.out());
        assertEquals(references.size(), result.get("utterances").asInt());
        assertEquals(words, result.get("reference_words").asInt());
        assertEquals(hits, result.get("hits").asInt());
        assertEquals(substitutions, result.get("substitutions").asInt());
        assertEquals(deletions, result.get("deletions").asInt());
        assertEquals(insertions, result.get("insertions").asInt());
        assertEquals((double) (substitutions + deletions + insertions) / words, result.get("wer").asDouble(), 1e-12);
    }

    @Test
    void withoutNormalizationCaseAndPunctuationAreErrors() throws IOException {
        Path ref = write("ref.txt", List.of("Hello, world"));
        Path hyp = write("hyp.txt", List.of("hello world"));
        JsonNode raw = JSON.readTree(CliRun.of("", "wer", "--ref", ref.toString(), "--hyp", hyp.toString(),
                "--normalize", "none").out());
        JsonNode basic = JSON.readTree(CliRun.of("", "wer", "--ref", ref.toString(), "--hyp", hyp.toString(),
                "--normalize", "basic").out());
        // raw, "Hello," is not "hello"; "world" matches
        assertEquals(0.5, raw.get("wer").asDouble());
        assertEquals(1, raw.get("substitutions").asInt());
        assertEquals(0.0, basic.get("wer").asDouble());
        assertEquals(2, basic.get("hits").asInt());
    }

    @Test
    void differentLineCountsAreOneLineError() throws IOException {
        Path ref = write("ref.txt", List.of("one", "two"));
        Path hyp = write("hyp.txt", List.of("one"));
        CliRun run = CliRun.of("", "wer", "--ref", ref.toString(), "--hyp", hyp.toString());
        assertEquals(1, run.exitCode());
        assertEquals("", run.out());
        assertTrue(run.err().contains("--ref has 2 lines but --hyp has 1"), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
    }

    @Test
    void missingFileIsOneLineError() throws IOException {
        Path hyp = write("hyp.txt", List.of("one"));
        Path missing = dir.resolve("absent.txt");
        CliRun run = CliRun.of("", "wer", "--ref", missing.toString(), "--hyp", hyp.toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains(missing.toString()) && run.err().contains("no such file"), run.err());
        assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
    }

    private Path write(String name, List<String> lines) throws IOException {
        return Files.write(dir.resolve(name), lines);
    }
}
