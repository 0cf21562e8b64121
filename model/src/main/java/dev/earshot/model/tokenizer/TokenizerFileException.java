package dev.earshot.model.tokenizer;

import java.nio.file.Path;

/** A tiktoken rank file that cannot be read or is not the file the model's vocabulary needs. */
public class TokenizerFileException extends RuntimeException {

    public TokenizerFileException(Path file, String problem) {
        super(file + ": " + problem);
    }

    public TokenizerFileException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
