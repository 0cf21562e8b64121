package dev.earshot.audio.wav;

/**
 * Everything before a WAV file's samples.
 *
 * @param source the file's name, for messages
 * @param dataBytes bytes of sample data, or -1 when the file does not say (streamed WAV with size 0xFFFFFFFF)
 * @param dataOffset byte offset of the first sample in the file
 */
public record WavHeader(String source, RiffVariant variant, WavFormat format, long dataBytes, long dataOffset) {

    public static final long UNKNOWN_SIZE = -1;

    /** Whole frames in the data chunk, or -1 when its size is unknown (or the format has no fixed frame size). */
    public long frameCount() {
        return dataBytes < 0 || format.blockAlign() == 0 ? UNKNOWN_SIZE : dataBytes / format.blockAlign();
    }

    WavHeader withDataBytes(long bytes) {
        return new WavHeader(source, variant, format, bytes, dataOffset);
    }
}
