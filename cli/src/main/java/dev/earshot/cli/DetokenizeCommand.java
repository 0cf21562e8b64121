package dev.earshot.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earshot.model.tokenizer.WhisperTokenizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** {@code earshot detokenize}: one JSON array of ids per stdin line → the text as a JSON string per line. */
@Command(name = "detokenize", mixinStandardHelpOptions = true,
        description = "Reads one JSON array of token ids per stdin line and prints the decoded text as a JSON string.")
final class DetokenizeCommand implements Callable<Integer> {

    @Option(names = "--encoding", required = true, paramLabel = "gpt2|multilingual|multilingual_v3",
            description = "gpt2 (English-only models), multilingual, or multilingual_v3 (large-v3's special tokens).")
    TokenizerEncoding encoding;

    @Option(names = "--timestamps",
            description = "Keep timestamp tokens as <|1.08|> text (openai's decode_with_timestamps); by default they are dropped.")
    boolean withTimestamps;

    @Override
    public Integer call() throws Exception {
        WhisperTokenizer tokenizer = encoding.load();
        ObjectMapper json = new ObjectMapper();
        LineFilter.run((line, lineNumber) -> {
            int[] ids;
            try {
                ids = json.readValue(line, int[].class);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("line " + lineNumber + " is not a JSON array of token ids: "
                        + e.getOriginalMessage());
            }
            if (ids == null) {
                throw new IllegalArgumentException("line " + lineNumber + " is null, not a JSON array of token ids");
            }
            try {
                return json.writeValueAsString(withTimestamps ? tokenizer.decodeWithTimestamps(ids) : tokenizer.decode(ids));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("line " + lineNumber + ": " + e.getMessage(), e);
            }
        });
        return 0;
    }
}
