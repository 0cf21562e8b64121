package dev.earshot.audio;

/** The bytes of an audio file are damaged, truncated or contradict themselves (zero channels, NaN samples...). */
public class AudioFormatException extends AudioException {

    public AudioFormatException(String source, String problem) {
        super(source + ": " + problem);
    }
}
