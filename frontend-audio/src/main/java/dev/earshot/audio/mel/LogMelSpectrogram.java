package dev.earshot.audio.mel;

import dev.earshot.api.audio.MelSpectrogram;

import java.util.function.IntToDoubleFunction;
import java.util.stream.IntStream;

/**
 * openai/whisper's {@code log_mel_spectrogram}: a 400-point STFT every 160 samples of 16 kHz audio
 * (25 ms window, 10 ms hop), periodic Hann window, reflect padding of 200 samples at each end, the last
 * frame dropped; power spectrum; mel filter bank; {@code log10(max(mel, 1e-10))}; floored at the
 * global maximum − 8; then {@code (x + 4) / 4}.
 *
 * <p>Arithmetic is float64 until the final rounding, so the result is within float32 rounding of
 * openai's (which computes in float32). Frames are computed in parallel on the common pool.
 * Instances are immutable and thread-safe.
 */
public final class LogMelSpectrogram {

    public static final int SAMPLE_RATE = 16000;
    public static final int FFT_SIZE = 400;
    public static final int HOP_LENGTH = 160;
    /** Frames in one 30 s window: the encoder's input length. */
    public static final int FRAMES_PER_WINDOW = MelSpectrogram.FRAMES_PER_WINDOW;
    /** Samples in one 30 s window. */
    public static final int SAMPLES_PER_WINDOW = 480000;

    private static final double LOG_FLOOR = 1e-10;
    private static final double DYNAMIC_RANGE = 8.0;
    private static final int FRAMES_PER_TASK = 256;

    private final MelFilterBank filters;
    private final double[] window; // [FFT_SIZE] periodic Hann

    public LogMelSpectrogram(MelFilterBank filters) {
        if (filters.binCount() != FFT_SIZE / 2 + 1) {
            throw new IllegalArgumentException("filter bank reads " + filters.binCount() + " bins; a "
                    + FFT_SIZE + "-point FFT gives " + (FFT_SIZE / 2 + 1));
        }
        this.filters = filters;
        this.window = new double[FFT_SIZE];
        for (int n = 0; n < FFT_SIZE; n++) {
            window[n] = 0.5 - 0.5 * Math.cos(2 * Math.PI * n / FFT_SIZE);
        }
    }

    /** Whisper's spectrogram with {@code melCount} = 80 (most models) or 128 (large-v3). */
    public static LogMelSpectrogram whisper(int melCount) {
        return new LogMelSpectrogram(MelFilterBank.whisper(melCount));
    }

    public int melCount() {
        return filters.melCount();
    }

    /** The spectrogram of {@code samples} (16 kHz mono) alone: {@code samples.length / 160} frames. */
    public MelSpectrogram compute(float[] samples) {
        return compute(samples, 0);
    }

    /**
     * The spectrogram of {@code samples} followed by {@code zeroPadding} zero samples, as
     * {@code log_mel_spectrogram(audio, n_mels, padding)}; {@code transcribe()} pads with one window
     * (480000) so that the last window of speech is complete. The normalisation's maximum is over the
     * whole result, padding included, exactly as openai computes it.
     */
    public MelSpectrogram compute(float[] samples, int zeroPadding) {
        if (zeroPadding < 0) {
            throw new IllegalArgumentException("padding must not be negative: " + zeroPadding);
        }
        long total = (long) samples.length + zeroPadding;
        if (total == 0) {
            throw new IllegalArgumentException("the audio is empty: there is nothing to compute a spectrogram of");
        }
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("audio of " + total + " samples is too long for one spectrogram; split it");
        }
        int length = (int) total;
        int frameCount = length / HOP_LENGTH;
        int melCount = filters.melCount();
        float[] logMel = new float[melCount * frameCount];
        int taskCount = (frameCount + FRAMES_PER_TASK - 1) / FRAMES_PER_TASK;
        double max = rawFrames(i -> sample(samples, length, i), 0, frameCount, logMel, frameCount);
        normalize(logMel, max);
        return new MelSpectrogram(melCount, frameCount, logMel);
    }

    /**
     * log10 mel energies of frames [from, to), before normalisation, into columns 0… of {@code out}
     * ([melCount × width]), computed in parallel; returns their maximum.
     *
     * @param sampleAt sample i of the (padded) audio, reflect padding included, for any i a frame reads
     */
    double rawFrames(IntToDoubleFunction sampleAt, int from, int to, float[] out, int width) {
        int taskCount = (to - from + FRAMES_PER_TASK - 1) / FRAMES_PER_TASK;
        return IntStream.range(0, taskCount).parallel().mapToDouble(task -> {
            int first = from + task * FRAMES_PER_TASK;
            int last = Math.min(to, first + FRAMES_PER_TASK);
            return computeFrames(sampleAt, first, last, from, width, out);
        }).max().orElse(Math.log10(LOG_FLOOR));
    }

    /** Floors at {@code max} − 8 and scales to openai's range: {@code (max(x, max − 8) + 4) / 4}. */
    static void normalize(float[] rawLogMel, double max) {
        double floor = max - DYNAMIC_RANGE;
        for (int i = 0; i < rawLogMel.length; i++) {
            rawLogMel[i] = (float) ((Math.max(rawLogMel[i], floor) + 4.0) / 4.0);
        }
    }

    /** The raw value of a frame that sees only zeros: log10 of the floor. */
    static double silentFrameValue() {
        return (float) Math.log10(LOG_FLOOR);
    }

    /** Writes log10 mel energies of frames [from, to) into {@code out} at column frame − base; returns their maximum. */
    private double computeFrames(IntToDoubleFunction sampleAt, int from, int to, int base, int width, float[] out) {
        MixedRadixFft fft = new MixedRadixFft(FFT_SIZE);
        double[] frameRe = new double[FFT_SIZE];
        double[] frameIm = new double[FFT_SIZE];
        double[] spectrumRe = new double[FFT_SIZE];
        double[] spectrumIm = new double[FFT_SIZE];
        double[] power = new double[FFT_SIZE / 2 + 1];
        double[] mel = new double[filters.melCount()];
        double max = Double.NEGATIVE_INFINITY;
        for (int frame = from; frame < to; frame++) {
            int start = frame * HOP_LENGTH - FFT_SIZE / 2; // centred: frame t covers [t·hop − 200, t·hop + 200)
            for (int n = 0; n < FFT_SIZE; n++) {
                frameRe[n] = window[n] * sampleAt.applyAsDouble(start + n);
                frameIm[n] = 0;
            }
            fft.transform(frameRe, frameIm, spectrumRe, spectrumIm);
            for (int k = 0; k < power.length; k++) {
                power[k] = spectrumRe[k] * spectrumRe[k] + spectrumIm[k] * spectrumIm[k];
            }
            filters.apply(power, mel);
            for (int m = 0; m < mel.length; m++) {
                double value = Math.log10(Math.max(mel[m], LOG_FLOOR));
                // Round before taking the maximum so the floor sees exactly the values it will clamp.
                float rounded = (float) value;
                out[m * width + frame - base] = rounded;
                max = Math.max(max, rounded);
            }
        }
        return max;
    }

    /**
     * Sample {@code i} of the audio (zero beyond {@code samples.length}, up to {@code length}) with reflect
     * padding outside [0, length): index −j reads j, index length−1+j reads length−1−j. Clips shorter than
     * the padding reflect back and forth (torch refuses them; a 10 ms clip should still work).
     */
    private static double sample(float[] samples, int length, int i) {
        if (length == 1) {
            i = 0;
        } else {
            int period = 2 * (length - 1);
            i = Math.floorMod(i, period);
            if (i >= length) {
                i = period - i;
            }
        }
        return i < samples.length ? samples[i] : 0.0;
    }
}
