package dev.earshot.audio.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * How far a signal is from a reference: largest and RMS absolute difference, and the signal-to-noise ratio
 * 10·log10(Σ reference² / Σ difference²) in dB.
 */
public record SignalDifference(double maxAbs, double rms, double snrDb, int worstIndex) {

    public static SignalDifference between(float[] reference, float[] actual) {
        assertEquals(reference.length, actual.length, "lengths differ");
        return between(reference, actual, 0, reference.length);
    }

    /** Only over {@code [from, to)}, e.g. to leave out a filter's start-up at the edges. */
    public static SignalDifference between(float[] reference, float[] actual, int from, int to) {
        double signal = 0;
        double noise = 0;
        double worst = 0;
        int worstIndex = -1;
        for (int i = from; i < to; i++) {
            double d = (double) actual[i] - reference[i];
            signal += (double) reference[i] * reference[i];
            noise += d * d;
            if (!(Math.abs(d) <= worst)) {
                worst = Math.abs(d);
                worstIndex = i;
            }
        }
        return new SignalDifference(worst, Math.sqrt(noise / (to - from)), 10 * Math.log10(signal / noise), worstIndex);
    }

    @Override
    public String toString() {
        return String.format("max |diff| %.3g (%.2f LSB of 16 bits) at %d, RMS %.3g, SNR %.2f dB", maxAbs,
                maxAbs * 32768, worstIndex, rms, snrDb);
    }
}
