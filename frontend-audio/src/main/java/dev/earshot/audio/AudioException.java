package dev.earshot.audio;

import java.io.IOException;

/**
 * Audio that could not be loaded for a reason the user can act on. The message names the file, says what is
 * wrong and what to do; callers (the CLI) print it as is. An {@link IOException} so that one {@code throws}
 * clause covers both these and plain read failures.
 */
public class AudioException extends IOException {

    public AudioException(String message) {
        super(message);
    }

    public AudioException(String message, Throwable cause) {
        super(message, cause);
    }
}
