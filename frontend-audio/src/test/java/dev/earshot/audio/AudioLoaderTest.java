package dev.earshot.audio;

import dev.earshot.audio.ffmpeg.Ffmpeg;
import dev.earshot.audio.testing.WavBytes;
import dev.earshot.testkit.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.earshot.audio.testing.WavBytes.integers;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The facade: whisper's load_audio, WAV in Java, the rest through ffmpeg. */
class AudioLoaderTest {

    @TempDir
    Path dir;

    @Test
    void jfkIsWhispersSamplesExactly() throws IOException {
        float[] expected = Reference.tensor(Reference.path("frontend", "jfk.safetensors"), "samples").data();
        assertArrayEquals(expected, AudioLoader.load16kMono(Reference.path("audio", "jfk.wav")));
    }

    @Test
    void sixteenKilohertzWavNeedsNoFfmpeg() throws IOException {
        float[] expected = Reference.tensor(Reference.path("frontend", "jfk.safetensors"), "samples").data();
        AudioLoader noFfmpeg = AudioLoader.whisperCompatible().withFfmpeg(Ffmpeg.at(dir.resolve("none")));
        assertArrayEquals(expected, noFfmpeg.load(Reference.path("audio", "jfk.wav")));
    }

    @Test
    void streamDescribesTheConversion() throws IOException {
        try (AudioStream stream = AudioLoader.open16kMono(Reference.path("audio", "tts_en_1_44k_stereo.wav"))) {
            assertEquals(16000, stream.sampleRate());
            assertEquals(55016, stream.sampleCount());
            assertTrue(stream.description().contains("16-bit PCM, 2 channels, 44100 Hz), resampled to 16000 Hz, rounded to 16 bits"),
                    stream.description());
        }
    }

    @Test
    void whisperQuantisationRoundsHalvesOf16BitMixesUpAndNoneKeepsThem() throws IOException {
        // Stereo means of odd sums fall exactly between two 16-bit steps.
        Path file = write(WavBytes.pcm16(16000, 2).data(integers(2, 1, 0, -1, 0, 3, 4, -32768, -32767)).build());
        assertArrayEquals(new float[] {1 / 32768f, 0f, 4 / 32768f, -32767 / 32768f},
                AudioLoader.whisperCompatible().load(file));
        assertArrayEquals(new float[] {0.5f / 32768, -0.5f / 32768, 3.5f / 32768, -32767.5f / 32768},
                AudioLoader.whisperCompatible().withQuantization(Quantization.NONE).load(file));
    }

    @Test
    void whisperQuantisationTruncates24BitMonoAndRoundsFloatHalvesToEven() throws IOException {
        Path pcm24 = write(new WavBytes().bits(24).data(integers(3, 511, -1, 384, -384)).build());
        assertArrayEquals(new float[] {1 / 32768f, -1 / 32768f, 1 / 32768f, -2 / 32768f}, AudioLoader.load16kMono(pcm24));
        Path float32 = write(new WavBytes().formatTag(WavBytes.IEEE_FLOAT).bits(32)
                .data(WavBytes.floats(0.5f / 32768, 1.5f / 32768, 2.5f / 32768, -0.5f / 32768)).build());
        assertArrayEquals(new float[] {0f, 2 / 32768f, 2 / 32768f, -0f}, AudioLoader.load16kMono(float32));
    }

    @Test
    void whisperQuantisationClipsFloatInput() throws IOException {
        Path file = write(new WavBytes().formatTag(WavBytes.IEEE_FLOAT).bits(32).data(WavBytes.floats(1.5f, -2f, 0.99999f)).build());
        assertArrayEquals(new float[] {32767 / 32768f, -1f, 32767 / 32768f}, AudioLoader.load16kMono(file));
    }

    @Test
    void missingFile() {
        Path missing = dir.resolve("missing.mp3");
        AudioFileNotFoundException e = assertThrows(AudioFileNotFoundException.class, () -> AudioLoader.load16kMono(missing));
        assertTrue(e.getMessage().contains(missing + ": no such file"), e.getMessage());
    }

    @Test
    void emptyFile() throws IOException {
        Path empty = write(new byte[0]);
        AudioFormatException e = assertThrows(AudioFormatException.class, () -> AudioLoader.load16kMono(empty));
        assertTrue(e.getMessage().contains("empty (0 bytes)"), e.getMessage());
    }

    @Test
    void directory() {
        AudioFormatException e = assertThrows(AudioFormatException.class, () -> AudioLoader.load16kMono(dir));
        assertTrue(e.getMessage().contains("is a directory"), e.getMessage());
    }

    @Test
    void nonWavWithoutFfmpegSaysWhatTheFileIsAndHowToProceed() throws IOException {
        Path flac = write(new byte[] {'f', 'L', 'a', 'C', 0, 0, 0, 34, 1, 2, 3, 4, 5});
        AudioLoader noFfmpeg = AudioLoader.whisperCompatible().withFfmpeg(Ffmpeg.at(dir.resolve("no-ffmpeg")));
        FfmpegNotFoundException e = assertThrows(FfmpegNotFoundException.class, () -> noFfmpeg.load(flac));
        assertTrue(e.getMessage().contains("this is FLAC audio (told from its first bytes), not WAV")
                && e.getMessage().contains("apt-get install ffmpeg"), e.getMessage());
    }

    @Test
    void muLawWavWithoutFfmpegIsUnsupportedWithAdvice() throws IOException {
        Path file = write(new WavBytes().formatTag(WavBytes.MU_LAW).bits(8).data(new byte[100]).build());
        AudioLoader noFfmpeg = AudioLoader.whisperCompatible().withFfmpeg(Ffmpeg.at(dir.resolve("no-ffmpeg")));
        UnsupportedAudioEncodingException e = assertThrows(UnsupportedAudioEncodingException.class, () -> noFfmpeg.load(file));
        assertTrue(e.getMessage().contains("μ-law") && e.getMessage().contains("ffmpeg -i in.wav -c:a pcm_s16le out.wav")
                && e.getMessage().contains("apt-get install ffmpeg"), e.getMessage());
    }

    private Path write(byte[] bytes) throws IOException {
        return Files.write(Files.createTempFile(dir, "audio", ".bin"), bytes);
    }
}
