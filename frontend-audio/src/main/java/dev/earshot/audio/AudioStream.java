package dev.earshot.audio;

import java.io.Closeable;
import java.io.IOException;
import java.util.Arrays;

/**
 * Mono audio as float samples (full scale ±1), delivered block by block so that an hours-long file never has to
 * fit in memory. Multi-channel sources are already mixed down when they reach this interface.
 */
public interface AudioStream extends Closeable {

    /** {@link #sampleCount()} when the total is only known at the end (ffmpeg output, WAV data of unknown size). */
    long UNKNOWN_LENGTH = -1;

    int sampleRate();

    /**
     * How many samples the stream will deliver, or {@link #UNKNOWN_LENGTH}. A file that turns out to be truncated
     * can deliver fewer; never more.
     */
    long sampleCount();

    /** Where the samples come from and how they were decoded, for messages and logs. */
    String description();

    /**
     * Reads up to {@code length} samples into {@code buffer[offset..]}.
     *
     * @return the number of samples read, at least 1 when {@code length > 0}, or -1 at the end of the audio
     */
    int read(float[] buffer, int offset, int length) throws IOException;

    default int read(float[] buffer) throws IOException {
        return read(buffer, 0, buffer.length);
    }

    /** Reads everything that is left into one array. */
    default float[] readAll() throws IOException {
        long expected = sampleCount();
        if (expected > Integer.MAX_VALUE - 8) {
            throw new AudioException(description() + ": " + expected + " samples do not fit in one Java array; "
                    + "read the audio block by block through AudioStream.read instead.");
        }
        float[] all = new float[expected >= 0 ? (int) expected : 1 << 16];
        int filled = 0;
        while (true) {
            if (filled == expected) {
                return all;
            }
            if (filled == all.length) {
                if (all.length >= Integer.MAX_VALUE - 8) {
                    throw new AudioException(description() + ": more than " + filled + " samples do not fit in one "
                            + "Java array; read the audio block by block through AudioStream.read instead.");
                }
                all = Arrays.copyOf(all, (int) Math.min((long) all.length * 2, Integer.MAX_VALUE - 8));
            }
            int n = read(all, filled, all.length - filled);
            if (n < 0) {
                return filled == all.length ? all : Arrays.copyOf(all, filled);
            }
            filled += n;
        }
    }
}
