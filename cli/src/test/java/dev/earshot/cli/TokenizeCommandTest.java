package dev.earshot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.earshot.testkit.Reference;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** tokenize/detokenize through the command line, against the reference vectors. */
class TokenizeCommandTest {

    @Test
    void tokenizesLinesLikeOpenai() {
        List<JsonNode> cases = Reference.jsonLines(Reference.path("text", "tokenizer_encode.jsonl")).stream()
                .filter(c -> !c.has("text_as_encoded") && !c.get("text").asText().contains("\n")
                        && !c.get("text").asText().contains("\r") && !c.get("gpt2").has("default_raises"))
                .limit(40).toList();
        StringBuilder stdin = new StringBuilder();
        StringBuilder expected = new StringBuilder();
        for (JsonNode c : cases) {
            stdin.append(c.get("text").asText()).append('\n');
            expected.append(c.get("gpt2").get("ids").toString()).append('\n');
        }
        CliRun run = CliRun.of(stdin.toString(), "tokenize", "--encoding", "gpt2");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(expected.toString(), run.out());
    }

    @Test
    void specialTokenTextIsAnErrorUnlessAllowed() {
        JsonNode c = Reference.jsonLines(Reference.path("text", "tokenizer_encode.jsonl")).stream()
                .filter(v -> v.get("multilingual").has("ids_allowed_all") && v.get("multilingual").has("default_raises")
                        && !v.get("text").asText().contains("\n") && !v.has("text_as_encoded"))
                .findFirst().orElseThrow();
        String line = c.get("text").asText() + "\n";
        CliRun refused = CliRun.of(line, "tokenize", "--encoding", "multilingual");
        assertEquals(1, refused.exitCode());
        assertTrue(refused.err().contains("line 1") && refused.err().contains(c.get("multilingual").get("default_raises").asText()),
                refused.err());
        assertFalse(refused.err().contains("\tat "), "no stack trace: " + refused.err());

        assertEquals(c.get("multilingual").get("ids_allowed_all") + "\n",
                CliRun.of(line, "tokenize", "--encoding", "multilingual", "--special", "allowed").out());
        assertEquals(c.get("multilingual").get("ids") + "\n",
                CliRun.of(line, "tokenize", "--encoding", "multilingual", "--special", "plain").out());
    }

    @Test
    void detokenizesWithAndWithoutTimestamps() {
        JsonNode c = Reference.jsonLines(Reference.path("text", "tokenizer_decode.jsonl")).stream()
                .filter(v -> v.get("group").asText().equals("timestamps") && v.has("decode") && v.has("decode_with_timestamps"))
                .findFirst().orElseThrow();
        String ids = c.get("ids").toString() + "\n";
        String encoding = c.get("encoding").asText();
        assertEquals(c.get("decode").toString() + "\n", CliRun.of(ids, "detokenize", "--encoding", encoding).out());
        assertEquals(c.get("decode_with_timestamps").toString() + "\n",
                CliRun.of(ids, "detokenize", "--encoding", encoding, "--timestamps").out());
    }

    @Test
    void malformedInputIsOneLineOnStderr() {
        CliRun run = CliRun.of("[1, 2\n", "detokenize", "--encoding", "gpt2");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().startsWith("earshot detokenize: line 1 is not a JSON array"), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
    }
}
