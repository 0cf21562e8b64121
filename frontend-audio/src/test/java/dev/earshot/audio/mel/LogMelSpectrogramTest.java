package dev.earshot.audio.mel;

import dev.earshot.api.audio.MelSpectrogram;

import dev.earshot.audio.AudioLoader;
import dev.earshot.testkit.FloatTensor;
import dev.earshot.testkit.Reference;
import dev.earshot.testkit.Tolerance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Log-mel against openai/whisper's {@code log_mel_spectrogram}, from the samples openai decoded.
 * Tolerance 1e-3 abs: the reference README's recommendation, 10× over the 4.2e-5 float32-vs-float64
 * difference it measured (we compute in float64, openai in float32).
 */
class LogMelSpectrogramTest {

    static final double LOG_MEL_TOLERANCE = 1e-3;

    @ParameterizedTest(name = "{0}, {1} mel bins")
    @CsvSource({"jfk, 80", "jfk, 128", "tts_en_1_44k_stereo, 80", "tts_en_1_44k_stereo, 128",
            "tts_en_1_8k, 80", "tts_en_1_8k, 128"})
    void matchesOpenaiFromItsOwnSamples(String clip, int melCount) {
        Path file = Reference.path("frontend", clip + ".safetensors");
        float[] samples = Reference.tensor(file, "samples").data();
        FloatTensor expected = Reference.tensor(file, "log_mel_" + melCount);

        MelSpectrogram mel = LogMelSpectrogram.whisper(melCount).compute(samples);

        assertEquals(expected.dim(0), mel.melCount());
        assertEquals(expected.dim(1), mel.frameCount(), "N/160 frames: the last STFT frame is dropped");
        Tolerance.assertClose(expected.data(), mel.data(), LOG_MEL_TOLERANCE, clip + " log-mel " + melCount);
    }

    /** 16 kHz mono 16-bit clips, whose samples are exactly int16 / 32768: read by our WAV reader. */
    @ParameterizedTest(name = "{0}, {1} mel bins")
    @CsvSource({"tts_en_1, 80", "tts_en_1, 128", "tts_en_2, 80", "tts_en_2, 128", "tts_en_3, 80", "tts_en_3, 128",
            "silence_2s, 80", "silence_2s, 128"})
    void matchesOpenaiFromTheWavFile(String clip, int melCount) throws Exception {
        FloatTensor expected = Reference.tensor(Reference.path("frontend", clip + ".safetensors"), "log_mel_" + melCount);
        float[] samples = AudioLoader.load16kMono(Reference.path("audio", clip + ".wav"));

        MelSpectrogram mel = LogMelSpectrogram.whisper(melCount).compute(samples);

        assertEquals(expected.dim(1), mel.frameCount());
        Tolerance.assertClose(expected.data(), mel.data(), LOG_MEL_TOLERANCE, clip + " log-mel " + melCount);
    }

    /** transcribe()'s spectrogram: the whole file plus 30 s of zeros, normalised over both. */
    @Test
    void matchesTranscribesPaddedSpectrogramOfALongFile() throws Exception {
        FloatTensor expected = Reference.tensor(Reference.path("frontend", "long_65s.safetensors"), "log_mel_80_transcribe");
        float[] samples = AudioLoader.load16kMono(Reference.path("audio", "long_65s.wav"));

        MelSpectrogram mel = LogMelSpectrogram.whisper(80).compute(samples, LogMelSpectrogram.SAMPLES_PER_WINDOW);

        assertEquals(9500, mel.frameCount());
        Tolerance.assertClose(expected.data(), mel.data(), LOG_MEL_TOLERANCE, "long_65s padded log-mel");
    }

    @Test
    void padOrTrimAppendsZeroColumnsNotSilence() {
        Path file = Reference.path("frontend", "jfk.safetensors");
        float[] samples = Reference.tensor(file, "samples").data();
        FloatTensor expected = Reference.tensor(file, "mel_3000_80");

        MelSpectrogram window = LogMelSpectrogram.whisper(80).compute(samples).padOrTrim(3000);

        assertEquals(3000, window.frameCount());
        Tolerance.assertClose(expected.data(), window.data(), LOG_MEL_TOLERANCE, "jfk pad_or_trim(3000)");
        assertEquals(0f, window.get(40, 2999));
    }

    @Test
    void digitalSilenceIsMinusOnePointFiveEverywhere() {
        MelSpectrogram mel = LogMelSpectrogram.whisper(80).compute(new float[32000]);
        assertEquals(200, mel.frameCount());
        for (float v : mel.data()) {
            assertEquals(-1.5f, v);
        }
    }

    @Test
    void paddingIsPartOfTheSpectrumAndOfItsMaximum() {
        float[] samples = new float[16000];
        java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (float) (0.1 * random.nextGaussian());
        }
        LogMelSpectrogram spectrogram = LogMelSpectrogram.whisper(80);
        MelSpectrogram padded = spectrogram.compute(samples, LogMelSpectrogram.SAMPLES_PER_WINDOW);
        float[] explicit = java.util.Arrays.copyOf(samples, samples.length + LogMelSpectrogram.SAMPLES_PER_WINDOW);
        MelSpectrogram reference = spectrogram.compute(explicit);

        assertEquals(100 + 3000, padded.frameCount());
        assertEquals(reference, padded);
        // The padding's frames sit at the floor (max − 8), normalised.
        float floor = padded.get(0, padded.frameCount() - 1);
        for (int m = 0; m < 80; m++) {
            assertEquals(floor, padded.get(m, 2000));
        }
    }

    @Test
    void emptyAudioIsRefusedWithAReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LogMelSpectrogram.whisper(80).compute(new float[0]));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
    }

    @Test
    void clipsShorterThanThePaddingStillGiveFrames() {
        float[] samples = new float[170];
        samples[10] = 0.5f;
        MelSpectrogram mel = LogMelSpectrogram.whisper(80).compute(samples);
        assertEquals(1, mel.frameCount());
        for (float v : mel.data()) {
            assertTrue(Float.isFinite(v));
        }
    }
}
