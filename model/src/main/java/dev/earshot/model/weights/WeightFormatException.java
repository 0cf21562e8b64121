package dev.earshot.model.weights;

import java.nio.file.Path;

/** A checkpoint file that is damaged, truncated or not in the format its name claims. */
public class WeightFormatException extends RuntimeException {

    public WeightFormatException(Path file, String problem) {
        super(file + ": " + problem);
    }

    public WeightFormatException(String message) {
        super(message);
    }
}
