package dev.earshot.audio;

import java.nio.file.Path;

/** The audio path names nothing. */
public class AudioFileNotFoundException extends AudioException {

    public AudioFileNotFoundException(Path file) {
        super(file + ": no such file. Check the path (relative paths are resolved against "
                + Path.of("").toAbsolutePath() + ").");
    }
}
