package dev.earshot.audio.resample;

import dev.earshot.audio.testing.SignalDifference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The resampler's own quality, against exact sines. Measured with {@link SincFilterDesign#whisperCompatible()}: pass
 * band SNR 124 dB at 1 kHz falling to 94 dB at 6 kHz (44.1 kHz in), stop band ≥ 92 dB; with
 * {@link SincFilterDesign#highQuality()}: ≥ 120 dB up to 7 kHz, stop band ≥ 130 dB. Bounds sit 2-3 dB below.
 */
class SincResamplerTest {

    private static final SincFilterDesign WHISPER = SincFilterDesign.whisperCompatible();

    @ParameterizedTest
    @CsvSource({
            "44100, 16000, 151636, 55016",
            "8000,  16000, 27508,  55016",
            "48000, 16000, 48001,  16001",
            "11025, 16000, 1,      2",
            "16000, 16000, 5,      5",
            "37337, 16000, 100000, 42853",
            "44100, 16000, 0,      0",
    })
    void deliversCeilOfInputTimesRatioSamples(int inRate, int outRate, int inputLength, long expected) {
        assertEquals(expected, SincResampler.outputLength(inputLength, inRate, outRate));
        float[] out = resample(noise(inputLength, 1), inRate, outRate, 4096, 4096);
        assertEquals(expected, out.length);
    }

    /** 37337 Hz has no small ratio to 16 kHz, so it exercises the interpolated filter table. */
    @ParameterizedTest
    @CsvSource({"44100, 16000", "8000, 16000", "37337, 16000", "16000, 44100"})
    void resultDoesNotDependOnHowTheInputIsSplit(int inRate, int outRate) {
        float[] input = noise(30_000, 3);
        float[] oneShot = resample(input, inRate, outRate, input.length, 1 << 20);
        Random sizes = new Random(5);
        SincResampler resampler = new SincResampler(inRate, outRate, WHISPER);
        float[] pieces = new float[oneShot.length + 1000];
        int filled = 0;
        int fed = 0;
        while (true) {
            int n = resampler.read(pieces, filled, 1 + sizes.nextInt(700));
            if (n < 0) {
                break;
            }
            filled += n;
            if (n == 0 && fed < input.length) {
                int block = Math.min(1 + sizes.nextInt(3000), input.length - fed);
                resampler.write(input, fed, block);
                fed += block;
            } else if (n == 0) {
                resampler.endInput();
            }
        }
        assertEquals(oneShot.length, filled);
        pieces = Arrays.copyOf(pieces, filled);
        assertArrayEquals(oneShot, pieces);
    }

    @ParameterizedTest(name = "{0}: {1} Hz, {2} Hz sine")
    @CsvSource({
            "whisper, 44100, 1000, 120",
            "whisper, 44100, 6000, 94",
            "whisper, 48000, 3000, 100",
            "whisper, 22050, 5000, 91",
            "whisper, 8000,  1000, 116",
            "whisper, 8000,  3000, 87",
            "whisper, 11025, 4000, 89",
            "whisper, 37337, 2000, 108",
            "high,    44100, 1000, 134",
            "high,    44100, 7000, 119",
            "high,    48000, 7000, 119",
            "high,    8000,  3500, 118",
            "high,    37337, 7000, 119",
    })
    void sineInThePassBandComesOutAsTheSameSine(String design, int inRate, double frequency, double minSnrDb) {
        int n = inRate * 2;
        float[] input = new float[n];
        for (int i = 0; i < n; i++) {
            input[i] = (float) (0.5 * Math.sin(2 * Math.PI * frequency * i / inRate + 0.3));
        }
        float[] out = resample(input, inRate, 16000, designNamed(design), 4096, 4096);
        float[] ideal = new float[out.length];
        for (int i = 0; i < out.length; i++) {
            ideal[i] = (float) (0.5 * Math.sin(2 * Math.PI * frequency * i / 16000 + 0.3));
        }
        int edge = 1000; // the filter's start-up and run-out against the assumed silence
        SignalDifference diff = SignalDifference.between(ideal, out, edge, out.length - edge);
        System.out.println(design + " " + inRate + " Hz, " + frequency + " Hz sine: " + diff);
        assertTrue(diff.snrDb() >= minSnrDb, diff.toString());
    }

    @ParameterizedTest(name = "{0}: {1} Hz, {2} Hz sine")
    @CsvSource({
            "whisper, 44100, 12000, 99",
            "whisper, 44100, 9500,  90",
            "whisper, 48000, 20000, 112",
            "whisper, 37337, 10000, 101",
            "high,    44100, 12000, 138",
            "high,    44100, 8800,  128",
            "high,    37337, 10000, 131",
    })
    void sineAboveTheOutputNyquistIsRemoved(String design, int inRate, double frequency, double minAttenuationDb) {
        int n = inRate * 2;
        float[] input = new float[n];
        for (int i = 0; i < n; i++) {
            input[i] = (float) (0.5 * Math.sin(2 * Math.PI * frequency * i / inRate));
        }
        float[] out = resample(input, inRate, 16000, designNamed(design), 4096, 4096);
        double power = 0;
        int edge = 1000;
        for (int i = edge; i < out.length - edge; i++) {
            power += (double) out[i] * out[i];
        }
        double attenuationDb = 10 * Math.log10(0.125 / (power / (out.length - 2 * edge)));
        System.out.println(design + " " + inRate + " Hz, " + frequency + " Hz sine attenuated by " + attenuationDb + " dB");
        assertTrue(attenuationDb >= minAttenuationDb, "attenuation " + attenuationDb + " dB");
    }

    @ParameterizedTest(name = "{0}: {1} Hz sine at 8 kHz")
    @CsvSource({"whisper, 3500, 35", "high, 3500, 125", "high, 3700, 150"})
    void upsamplingImagesAreRemoved(String design, double frequency, double minAttenuationDb) {
        // The whisper-compatible filter, like ffmpeg's, does not band-limit when upsampling: only ~38 dB here.
        // At 16 kHz a 8 kHz-sampled sine at f has an image at 8000 − f; measure it by correlating with that image.
        int n = 16000;
        float[] input = new float[n];
        for (int i = 0; i < n; i++) {
            input[i] = (float) (0.5 * Math.sin(2 * Math.PI * frequency * i / 8000));
        }
        float[] out = resample(input, 8000, 16000, designNamed(design), 4096, 4096);
        double image = 8000 - frequency;
        double re = 0;
        double im = 0;
        int edge = 1000;
        for (int i = edge; i < out.length - edge; i++) {
            re += out[i] * Math.cos(2 * Math.PI * image * i / 16000);
            im += out[i] * Math.sin(2 * Math.PI * image * i / 16000);
        }
        double amplitude = 2 * Math.hypot(re, im) / (out.length - 2 * edge);
        double attenuationDb = 20 * Math.log10(0.5 / amplitude);
        System.out.println(design + " image of " + frequency + " Hz attenuated by " + attenuationDb + " dB");
        assertTrue(attenuationDb >= minAttenuationDb, "attenuation " + attenuationDb + " dB");
    }

    private static SincFilterDesign designNamed(String name) {
        return name.equals("high") ? SincFilterDesign.highQuality() : SincFilterDesign.whisperCompatible();
    }

    @Test
    void constantStaysConstant() {
        float[] input = new float[20_000];
        Arrays.fill(input, 0.25f);
        float[] out = resample(input, 44100, 16000, 1000, 1000);
        for (int i = 100; i < out.length - 100; i++) {
            assertEquals(0.25f, out[i], 1e-6f, "sample " + i);
        }
    }

    @Test
    void upsamplingByTwoKeepsTheInputSamples() {
        float[] input = noise(5000, 11);
        float[] out = resample(input, 8000, 16000, 777, 999);
        for (int i = 0; i < input.length; i++) {
            assertEquals(input[i], out[2 * i], 1e-6f, "input sample " + i);
        }
    }

    @Test
    void noInputGivesNoOutput() {
        SincResampler resampler = new SincResampler(44100, 16000, WHISPER);
        resampler.endInput();
        assertEquals(-1, resampler.read(new float[10], 0, 10));
        assertEquals(0, resampler.read(new float[10], 0, 0));
    }

    @Test
    void misuseIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new SincResampler(0, 16000, WHISPER));
        assertThrows(IllegalArgumentException.class, () -> new SincResampler(44100, -1, WHISPER));
        assertThrows(IllegalArgumentException.class, () -> new SincFilterDesign(0, 0.9, 1, 9));
        assertThrows(IllegalArgumentException.class, () -> new SincFilterDesign(16, 1.5, 1, 9));
        assertThrows(IllegalArgumentException.class, () -> new SincFilterDesign(16, 0.9, 0, 9));
        assertThrows(IllegalArgumentException.class, () -> new SincFilterDesign(16, 0.9, 1, Double.NaN));
        SincResampler ended = new SincResampler(44100, 16000, WHISPER);
        ended.endInput();
        assertThrows(IllegalStateException.class, () -> ended.write(new float[1], 0, 1));
    }

    /** Resamples with the given block sizes: write when no output is ready, end the input when it is all written. */
    static float[] resample(float[] input, int inRate, int outRate, int writeBlock, int readBlock) {
        return resample(input, inRate, outRate, WHISPER, writeBlock, readBlock);
    }

    static float[] resample(float[] input, int inRate, int outRate, SincFilterDesign design, int writeBlock, int readBlock) {
        SincResampler resampler = new SincResampler(inRate, outRate, design);
        float[] block = new float[readBlock];
        float[] out = new float[1024];
        int filled = 0;
        int fed = 0;
        while (true) {
            int n = resampler.read(block, 0, readBlock);
            if (n < 0) {
                return Arrays.copyOf(out, filled);
            }
            if (n > 0) {
                if (filled + n > out.length) {
                    out = Arrays.copyOf(out, Math.max(2 * out.length, filled + n));
                }
                System.arraycopy(block, 0, out, filled, n);
                filled += n;
            } else if (fed < input.length) {
                int size = Math.min(writeBlock, input.length - fed);
                resampler.write(input, fed, size);
                fed += size;
            } else {
                resampler.endInput();
            }
        }
    }

    private static float[] noise(int n, long seed) {
        Random random = new Random(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) random.nextGaussian() * 0.2f;
        }
        return x;
    }
}
