package dev.earshot.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earshot.model.tokenizer.SpecialTokenInTextException;
import dev.earshot.model.tokenizer.SpecialTokenPolicy;
import dev.earshot.model.tokenizer.WhisperTokenizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** {@code earshot tokenize}: text lines on stdin → one JSON array of token ids per line. */
@Command(name = "tokenize", mixinStandardHelpOptions = true,
        description = "Reads text lines from stdin and prints each one's token ids as a JSON array.")
final class TokenizeCommand implements Callable<Integer> {

    /** How text that spells a special token (e.g. "<|endoftext|>") is treated. */
    enum Special {
        /** openai's encode(): such text is an error. */
        disallowed(SpecialTokenPolicy.DISALLOWED),
        /** encode(text, disallowed_special=()): encoded as the plain characters. */
        plain(SpecialTokenPolicy.PLAIN),
        /** encode(text, allowed_special="all"): becomes the special token's id. */
        allowed(SpecialTokenPolicy.ALLOWED);

        final SpecialTokenPolicy policy;

        Special(SpecialTokenPolicy policy) {
            this.policy = policy;
        }
    }

    @Option(names = "--encoding", required = true, paramLabel = "gpt2|multilingual|multilingual_v3",
            description = "gpt2 (English-only models), multilingual, or multilingual_v3 (large-v3's special tokens).")
    TokenizerEncoding encoding;

    @Option(names = "--special", defaultValue = "disallowed", paramLabel = "disallowed|plain|allowed",
            description = "Text that spells a special token: an error (default, as openai's encode), plain text, or the special token.")
    Special special;

    @Override
    public Integer call() throws Exception {
        WhisperTokenizer tokenizer = encoding.load();
        ObjectMapper json = new ObjectMapper();
        LineFilter.run((line, lineNumber) -> {
            try {
                return json.writeValueAsString(tokenizer.encode(line, special.policy));
            } catch (SpecialTokenInTextException e) {
                throw new IllegalArgumentException("line " + lineNumber + ": " + e.getMessage()
                        + " (use --special plain or --special allowed to accept it)", e);
            }
        });
        return 0;
    }
}
