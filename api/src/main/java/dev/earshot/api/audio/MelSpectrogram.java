package dev.earshot.api.audio;

import java.util.Arrays;

/**
 * A log-mel spectrogram as Whisper reads it: {@code data} is [melCount × frameCount], row-major (one row per
 * mel band), one frame per 10 ms of 16 kHz audio. Made by the audio front end, consumed by the model.
 */
public record MelSpectrogram(int melCount, int frameCount, float[] data) implements MelSource {

    /** Frames per second: a 160-sample hop at 16 kHz. */
    public static final int FRAMES_PER_SECOND = 100;
    /** Frames in one 30 s window, the encoder's input. */
    public static final int FRAMES_PER_WINDOW = 3000;

    public MelSpectrogram {
        if (melCount <= 0 || frameCount < 0 || data.length != (long) melCount * frameCount) {
            throw new IllegalArgumentException("spectrogram of " + melCount + " × " + frameCount
                    + " cannot hold " + data.length + " values");
        }
    }

    public float get(int mel, int frame) {
        return data[mel * frameCount + frame];
    }

    /** Seconds of audio the frames cover (10 ms each). */
    public double durationSeconds() {
        return frameCount / (double) FRAMES_PER_SECOND;
    }

    /**
     * Frames [start, start + length) — frames past the end read as 0.0 — then zero columns up to
     * {@code width}: openai's {@code pad_or_trim(mel[:, start:start+length], width)}, how transcribe cuts
     * a 30 s window. Note: zero, not the log-mel of silence (−1.5).
     */
    @Override
    public MelSpectrogram window(int start, int length, int width) {
        if (start < 0 || length < 0 || width <= 0) {
            throw new IllegalArgumentException("bad window: start " + start + ", length " + length + ", width " + width);
        }
        float[] out = new float[melCount * width];
        int copied = Math.max(0, Math.min(Math.min(length, width), frameCount - start));
        for (int m = 0; m < melCount; m++) {
            System.arraycopy(data, m * frameCount + start, out, m * width, copied);
        }
        return new MelSpectrogram(melCount, width, out);
    }


    @Override
    public boolean equals(Object o) {
        return o instanceof MelSpectrogram other && melCount == other.melCount && frameCount == other.frameCount
                && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * melCount + frameCount) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "MelSpectrogram[" + melCount + " × " + frameCount + "]";
    }
}
