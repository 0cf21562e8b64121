package dev.earshot.api.audio;

/**
 * Where 30 s windows of a log-mel spectrogram come from: a whole spectrogram in memory
 * ({@link MelSpectrogram}), or one computed from the audio file as windows are asked for, so hours of audio
 * need no more memory than a window.
 */
public interface MelSource {

    int melCount();

    /** Frames in the spectrogram, padding included. */
    int frameCount();

    /**
     * Frames [start, start + length) — frames past the end read as 0.0 — then zero columns up to {@code width}:
     * openai's {@code pad_or_trim(mel[:, start:start+length], width)}.
     */
    MelSpectrogram window(int start, int length, int width);

    /** The first {@code width} frames, zero columns appended if short. */
    default MelSpectrogram padOrTrim(int width) {
        return window(0, Math.min(frameCount(), width), width);
    }
}
