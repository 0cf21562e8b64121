package dev.earshot.audio.mel;

import dev.earshot.audio.AudioStream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * A forward-only view of a 16 kHz stream as the padded signal the STFT reads: samples before 0 reflect
 * (index −j reads j), samples past the end are the zero padding. Keeps only what the frames still to come
 * need, so memory does not grow with the audio's length.
 */
final class SampleWindow implements AutoCloseable {

    private static final int REFLECT = LogMelSpectrogram.FFT_SIZE / 2;

    private final AudioStream stream;
    private final float[] head = new float[REFLECT + 1];   // samples 0..200, for the reflection at the start
    private float[] buffer = new float[1 << 16];           // samples [start, start + length)
    private long start;
    private int length;
    private boolean ended;
    private long total;                                    // samples read so far; the audio's length once ended

    SampleWindow(AudioStream stream) {
        this.stream = stream;
        ensure(REFLECT + 1);
        for (int i = 0; i < head.length && i < length; i++) {
            head[i] = buffer[i];
        }
    }

    boolean ended() {
        return ended;
    }

    /** Samples read so far; once {@link #ended()}, the audio's length. */
    long total() {
        return total;
    }

    /** Samples held in memory now. */
    int buffered() {
        return buffer.length;
    }

    /** Reads until samples below {@code until} are available or the audio ends. */
    void ensure(long until) {
        while (!ended && start + length < until) {
            if (length == buffer.length) {
                buffer = Arrays.copyOf(buffer, buffer.length * 2);
            }
            try {
                int read = stream.read(buffer, length, buffer.length - length);
                if (read < 0) {
                    ended = true;
                } else {
                    length += read;
                    total += read;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Forgets samples below {@code index}; no later frame reads them. */
    void discardBefore(long index) {
        int drop = (int) Math.max(0, Math.min(length, index - start));
        if (drop > 0) {
            System.arraycopy(buffer, drop, buffer, 0, length - drop);
            length -= drop;
            start += drop;
        }
    }

    /** Sample {@code i} of the padded signal; {@link #ensure} must have been called for it. */
    double at(long i) {
        if (i < 0) {
            return head[(int) -i];
        }
        if (i >= start + length) {
            return 0.0; // past the end of the audio: the zero padding (its own reflection is zeros too)
        }
        return buffer[(int) (i - start)];
    }

    @Override
    public void close() {
        try {
            stream.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
