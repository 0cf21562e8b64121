package dev.earshot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.earshot.testkit.Reference;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** earshot normalize against the reference normalizer vectors. */
class NormalizeCommandTest {

    /** Inputs that survive a trip through lines: no line breaks of any kind BufferedReader splits on. */
    private static List<JsonNode> singleLineCases(String fileName) {
        return Reference.jsonLines(Reference.path("text", fileName)).stream()
                .filter(c -> c.get("input").asText().chars().noneMatch(ch -> ch == '\n' || ch == '\r'))
                .limit(60).toList();
    }

    @Test
    void englishNormalizesEveryLineLikeWhisper() {
        List<JsonNode> cases = singleLineCases("normalizer_english.jsonl");
        StringBuilder stdin = new StringBuilder();
        StringBuilder expected = new StringBuilder();
        for (JsonNode c : cases) {
            stdin.append(c.get("input").asText()).append('\n');
            expected.append(c.get("expected").asText()).append('\n');
        }
        CliRun run = CliRun.of(stdin.toString(), "normalize", "--english");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(expected.toString(), run.out());
    }

    @Test
    void basicHonoursBothOptions() {
        List<JsonNode> cases = singleLineCases("normalizer_basic.jsonl");
        StringBuilder stdin = new StringBuilder();
        StringBuilder expected = new StringBuilder();
        for (JsonNode c : cases) {
            stdin.append(c.get("input").asText()).append('\n');
            expected.append(c.get("expected").get("remove_diacritics+split_letters").asText()).append('\n');
        }
        CliRun run = CliRun.of(stdin.toString(), "normalize", "--basic", "--remove-diacritics", "--split-letters");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(expected.toString(), run.out());
    }

    @Test
    void basicDefaultKeepsDiacritics() {
        CliRun run = CliRun.of("Très bien!\n", "normalize", "--basic");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("très bien \n", run.out());
    }

    @Test
    void aNormalizerMustBeChosen() {
        CliRun run = CliRun.of("x\n", "normalize");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--english") && run.err().contains("--basic"), run.err());
    }

    @Test
    void basicOptionsAreRefusedWithEnglish() {
        CliRun run = CliRun.of("x\n", "normalize", "--english", "--split-letters");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("only apply to --basic"), run.err());
        assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
    }
}
