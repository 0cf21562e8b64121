package dev.earshot.audio;

/** A well-formed file whose sample encoding earshot does not decode in Java (μ-law, ADPCM, MP3-in-WAV...). */
public class UnsupportedAudioEncodingException extends AudioFormatException {

    private final String encoding;

    public UnsupportedAudioEncodingException(String source, String encoding, String advice) {
        super(source, encoding + " is not decoded by earshot's WAV reader. " + advice);
        this.encoding = encoding;
    }

    /** The encoding's name, e.g. "μ-law (WAV format tag 0x0007)". */
    public String encoding() {
        return encoding;
    }
}
