package dev.earshot.audio.resample;

/**
 * The low-pass filter of a {@link SincResampler}: a sinc windowed by a Kaiser window. Its pass band ends at the lower
 * of {@code outputCutoff} × the output's Nyquist frequency and {@code inputCutoff} × the input's.
 *
 * @param zeroCrossings zero crossings of the sinc on each side of its centre, counted at the pass-band edge; the
 *     filter spans 2·zeroCrossings periods of that frequency. More is a sharper transition and slower.
 * @param outputCutoff limits the band when downsampling, so nothing above the output's Nyquist frequency folds back
 * @param inputCutoff limits the band when upsampling, so the images of the input spectrum above its Nyquist
 *     frequency are removed. 1 leaves input samples unchanged at the output instants that coincide with them, but
 *     lets through part of the images of content just below the input's Nyquist frequency.
 * @param kaiserBeta the Kaiser window's shape: larger attenuates the stop band more and widens the transition band
 */
public record SincFilterDesign(int zeroCrossings, double outputCutoff, double inputCutoff, double kaiserBeta) {

    public SincFilterDesign {
        if (zeroCrossings < 1) {
            throw new IllegalArgumentException("zeroCrossings must be at least 1, got " + zeroCrossings);
        }
        if (!(outputCutoff > 0 && outputCutoff <= 1) || !(inputCutoff > 0 && inputCutoff <= 1)) {
            throw new IllegalArgumentException("cutoffs must be in (0, 1], got " + outputCutoff + " and " + inputCutoff);
        }
        if (!(kaiserBeta >= 0 && Double.isFinite(kaiserBeta))) {
            throw new IllegalArgumentException("kaiserBeta must be finite and non-negative, got " + kaiserBeta);
        }
    }

    /**
     * The filter whose output is closest to what openai/whisper gets from ffmpeg's default resampler: fitted against
     * the reference samples (44.1 kHz stereo and 8 kHz clips), where the difference is sharply smallest at 16 zero
     * crossings, output cutoff 0.97, no input cutoff and β = 9. Stop band about −90 dB when downsampling; when
     * upsampling, content near the input's Nyquist frequency leaves images, as in whisper (a sine at 87.5% of it
     * images at −38 dB).
     */
    public static SincFilterDesign whisperCompatible() {
        return new SincFilterDesign(16, 0.97, 1.0, 9.0);
    }

    /**
     * For when matching whisper matters less than fidelity: in both directions the response is −6 dB at 95% of the
     * lower Nyquist frequency, flat to within 1e-6 up to 87.5% of it (7 kHz at 16 kHz) and below −125 dB in the stop
     * band; about four times the work of {@link #whisperCompatible()}.
     */
    public static SincFilterDesign highQuality() {
        return new SincFilterDesign(64, 0.95, 0.95, 12.0);
    }

    /** Pass-band edge relative to the input's Nyquist frequency, for a conversion by {@code up/down}. */
    double bandwidth(int up, int down) {
        return Math.min(inputCutoff, outputCutoff * up / down);
    }
}
