package dev.earshot.audio.mel;

import dev.earshot.api.audio.MelSource;
import dev.earshot.api.audio.MelSpectrogram;
import dev.earshot.audio.AudioLoader;
import dev.earshot.audio.AudioStream;

import java.io.IOException;
import java.nio.file.Path;

/**
 * transcribe()'s spectrogram — the audio plus 30 s of zeros, normalised by its global maximum — served window
 * by window from the file, so hours of audio take the memory of a window, not of the whole spectrogram.
 * A first pass streams the audio to find the maximum (openai normalises over everything); windows then
 * stream it again, forward. Asking for an earlier window reopens the file. Values are identical to
 * {@link LogMelSpectrogram#compute(float[], int)}'s. Not thread-safe.
 */
public final class StreamingMelSource implements MelSource, AutoCloseable {

    private static final int PADDING = LogMelSpectrogram.SAMPLES_PER_WINDOW;
    private static final int HOP = LogMelSpectrogram.HOP_LENGTH;
    private static final int CHUNK_FRAMES = MelSpectrogram.FRAMES_PER_WINDOW;

    private final Path audio;
    private final AudioLoader loader;
    private final LogMelSpectrogram spectrogram;
    private final int frameCount;
    private final double max;
    private SampleWindow samples; // the second pass, positioned at or before nextFrame's samples
    private int nextFrame;

    private StreamingMelSource(Path audio, AudioLoader loader, LogMelSpectrogram spectrogram, int frameCount, double max) {
        this.audio = audio;
        this.loader = loader;
        this.spectrogram = spectrogram;
        this.frameCount = frameCount;
        this.max = max;
    }

    /** Reads {@code audio} once to size and normalise the spectrogram; windows read it again as needed. */
    public static StreamingMelSource open(Path audio, int melCount) throws IOException {
        return open(audio, AudioLoader.whisperCompatible(), LogMelSpectrogram.whisper(melCount));
    }

    static StreamingMelSource open(Path audio, AudioLoader loader, LogMelSpectrogram spectrogram) throws IOException {
        double max = Double.NEGATIVE_INFINITY;
        float[] chunk = new float[spectrogram.melCount() * CHUNK_FRAMES];
        try (SampleWindow window = new SampleWindow(loader.open(audio))) {
            int from = 0;
            while (true) {
                int to = from + CHUNK_FRAMES;
                window.ensure((long) to * HOP + LogMelSpectrogram.FFT_SIZE);
                if (window.ended() && from * (long) HOP - LogMelSpectrogram.FFT_SIZE > window.total()) {
                    break; // every later frame sees only the zero padding
                }
                max = Math.max(max, spectrogram.rawFrames(i -> window.at(i), from, to, chunk, CHUNK_FRAMES));
                window.discardBefore((long) to * HOP - LogMelSpectrogram.FFT_SIZE);
                from = to;
            }
            long total = window.total() + PADDING;
            if (total > Integer.MAX_VALUE) {
                throw new IOException(audio + ": " + window.total() / 16000 / 3600 + " hours is more than one transcript can hold");
            }
            int frames = (int) (total / HOP);
            max = Math.max(max, LogMelSpectrogram.silentFrameValue());
            if (window.total() == 0) {
                throw new IOException(audio + ": the audio is empty");
            }
            return new StreamingMelSource(audio, loader, spectrogram, frames, max);
        }
    }

    @Override
    public int melCount() {
        return spectrogram.melCount();
    }

    @Override
    public int frameCount() {
        return frameCount;
    }

    @Override
    public MelSpectrogram window(int start, int length, int width) {
        if (start < 0 || length < 0 || width <= 0) {
            throw new IllegalArgumentException("bad window: start " + start + ", length " + length + ", width " + width);
        }
        int frames = Math.max(0, Math.min(Math.min(length, width), frameCount - start));
        float[] raw = new float[melCount() * frames];
        if (frames > 0) {
            SampleWindow window = positionedAt(start);
            window.ensure((long) (start + frames) * HOP + LogMelSpectrogram.FFT_SIZE);
            spectrogram.rawFrames(i -> window.at(i), start, start + frames, raw, frames);
            LogMelSpectrogram.normalize(raw, max);
            nextFrame = start;
        }
        float[] out = new float[melCount() * width];
        for (int m = 0; m < melCount(); m++) {
            System.arraycopy(raw, m * frames, out, m * width, frames);
        }
        return new MelSpectrogram(melCount(), width, out);
    }

    /** The second pass's reader, holding the samples of frame {@code start} onwards (reopened to go back). */
    private SampleWindow positionedAt(int start) {
        if (samples == null || start < nextFrame) {
            if (samples != null) {
                samples.close();
            }
            try {
                AudioStream stream = loader.open(audio);
                samples = new SampleWindow(stream);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(audio + " could not be read again", e);
            }
        }
        samples.discardBefore((long) start * HOP - LogMelSpectrogram.FFT_SIZE);
        return samples;
    }

    /** Samples the window reader holds (its buffer's capacity): bounded by a window, whatever the audio's length. */
    int bufferedSamples() {
        return samples == null ? 0 : samples.buffered();
    }

    @Override
    public void close() {
        if (samples != null) {
            samples.close();
            samples = null;
        }
    }
}
