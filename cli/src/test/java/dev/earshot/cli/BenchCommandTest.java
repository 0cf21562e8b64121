package dev.earshot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earshot.testkit.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The harness on a reference toy model: the jsonl contract, the report files, and its errors. No timing is asserted. */
class BenchCommandTest {

    private static final String MODEL = Reference.path("models", "toy-multi").toString();

    @Test
    void jsonlPrintsOneLinePerMeasureWithTheContractsFields() throws Exception {
        CliRun run = CliRun.of("", "bench", "--model", MODEL, "--backend", "cpu", "--threads", "1", "--tokens", "8",
                "--format", "jsonl");
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.out().lines().toList();
        ObjectMapper json = new ObjectMapper();
        List<String> what = lines.stream().map(line -> readTree(json, line).get("what").asText()).toList();
        assertEquals(List.of("enc+cross", "enc", "dec/token", "prompt/8", "beam5/step"), what);
        for (String line : lines) {
            JsonNode node = readTree(json, line);
            assertEquals("ms", node.get("unit").asText());
            assertEquals(1, node.get("runs").size(), "one timed run per process by default");
            assertTrue(node.get("runs").get(0).asDouble() > 0, line);
            assertEquals(1, node.get("cpu_runs").size(), line);
        }
    }

    /** Each speed option is measured and named in the configuration line (q8_0 on 2 threads, an F16 cache on 1). */
    @ParameterizedTest(name = "{0} {1} on {2} threads")
    @CsvSource({"--quantize, q8_0, 2, token steps q8_0", "--cross-kv, F16, 1, cross K/V f16"})
    void aSpeedOptionIsMeasuredAndNamedInTheConfiguration(String option, String value, String threads, String named)
            throws Exception {
        CliRun run = CliRun.of("", "bench", "--model", MODEL, "--backend", "cpu", "--threads", threads, "--tokens", "8",
                "--format", "jsonl", "--configuration-line", option, value);
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.out().lines().toList();
        assertTrue(lines.getFirst().contains(named), lines.getFirst());
        assertEquals(6, lines.size(), run.out());
    }

    @Test
    void aHalfCrossAttentionCacheIsRefusedWhereItCannotBeKept() {
        CliRun opencl = CliRun.of("", "bench", "--model", MODEL, "--backend", "opencl", "--cross-kv", "f16", "--format", "jsonl");
        assertEquals(1, opencl.exitCode());
        assertTrue(opencl.err().contains("the opencl backend cannot keep the cross-attention cache in F16; use F32"),
                opencl.err());
        CliRun unknown = CliRun.of("", "bench", "--model", MODEL, "--cross-kv", "bf16", "--format", "jsonl");
        assertTrue(unknown.err().contains("unknown cross-attention cache type 'bf16'; use f32 or f16"), unknown.err());
    }

    @Test
    void quantizationIsRefusedWhereItCannotRun() {
        CliRun opencl = CliRun.of("", "bench", "--model", MODEL, "--backend", "opencl", "--quantize", "q8_0", "--format", "jsonl");
        assertEquals(1, opencl.exitCode());
        assertTrue(opencl.err().contains("opencl backend has no Q8_0 weights"), opencl.err());
        CliRun unknown = CliRun.of("", "bench", "--model", MODEL, "--quantize", "q4", "--format", "jsonl");
        assertTrue(unknown.err().contains("unknown quantization 'q4'") && unknown.err().contains("none, q8_0"), unknown.err());
    }

    @Test
    void aMelFileOfTheWrongSizeIsRefused(@TempDir Path dir) throws Exception {
        Path mel = Files.write(dir.resolve("short.mel"), new byte[80 * 100 * 4]);
        CliRun run = CliRun.of("", "bench", "--model", MODEL, "--mel", mel.toString(), "--format", "jsonl");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("32000 bytes") && run.err().contains("[80][3000] = 960000 bytes"), run.err());
        assertFalse(run.err().contains("\tat "), run.err());
    }

    @Test
    void aMelFileIsEncodedAsGiven(@TempDir Path dir) throws Exception {
        Path mel = Files.write(dir.resolve("window.mel"), new byte[80 * 3000 * 4]);
        CliRun run = CliRun.of("", "bench", "--model", MODEL, "--mel", mel.toString(), "--tokens", "4", "--format", "jsonl");
        assertEquals(0, run.exitCode(), run.err());
    }

    @Test
    void badInputsAreOneClearLine(@TempDir Path dir) {
        CliRun missing = CliRun.of("", "bench", "--model", MODEL, "--audio", dir.resolve("none.wav").toString(), "--format", "jsonl");
        assertTrue(missing.err().contains("no such file") && missing.err().contains("none.wav"), missing.err());
        CliRun backend = CliRun.of("", "bench", "--model", MODEL, "--backend", "quantum", "--format", "jsonl");
        assertEquals(1, backend.exitCode());
        assertTrue(backend.err().contains("quantum"), backend.err());
        CliRun tokens = CliRun.of("", "bench", "--model", MODEL, "--tokens", "5000", "--format", "jsonl");
        assertTrue(tokens.err().contains("does not fit the decoder's context"), tokens.err());
        CliRun matrix = CliRun.of("", "bench", "--model", MODEL, "--threads", "1,2", "--format", "jsonl");
        assertTrue(matrix.err().contains("one configuration"), matrix.err());
    }

    @Test
    void reportRunsEachConfigurationInItsOwnJvmAndWritesJsonMarkdownAndChart(@TempDir Path dir) throws Exception {
        CliRun run = CliRun.of("", "bench", "--model", MODEL, "--backend", "cpu", "--threads", "1,2", "--tokens", "4",
                "--runs", "2", "--output-dir", dir.toString(), "--rtf-audio", Reference.path("audio", "jfk.wav").toString());
        assertEquals(0, run.exitCode(), run.err());
        JsonNode runs = new ObjectMapper().readTree(dir.resolve("bench.json").toFile());
        assertEquals(2, runs.size());
        assertEquals(1, runs.get(0).get("threads").asInt());
        assertEquals(2, runs.get(1).get("threads").asInt());
        assertEquals("cpu", runs.get(0).get("backend").asText());
        assertEquals(2, runs.get(0).get("measures").get(0).get("runs").size());
        assertTrue(runs.get(0).get("measures").findValuesAsText("what").contains("rtf"));
        String markdown = Files.readString(dir.resolve("bench.md"));
        assertTrue(markdown.contains("| cpu ×1 toy-multi |") && markdown.contains("ratio of cpu ×1 toy-multi"), markdown);
        assertTrue(run.out().contains("enc+cross"), run.out());
        BufferedImage chart = javax.imageio.ImageIO.read(dir.resolve("bench.png").toFile());
        assertEquals(1000, chart.getWidth());
        assertEquals(560, chart.getHeight());
    }

    private static JsonNode readTree(ObjectMapper json, String line) {
        try {
            return json.readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }
}
