package dev.earshot.audio.wav;

import com.fasterxml.jackson.databind.JsonNode;
import dev.earshot.testkit.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The reference WAV files decode to exactly what openai/whisper's load_audio gave for them. */
class WavReferenceClipsTest {

    @Test
    void jfkGivesWhisperSamplesBitForBit() throws IOException {
        float[] expected = Reference.tensor(Reference.path("frontend", "jfk.safetensors"), "samples").data();
        try (WavAudioStream wav = WavAudioStream.open(Reference.path("audio", "jfk.wav"))) {
            assertEquals(78, wav.header().dataOffset(), "jfk.wav has a LIST chunk before its data");
            assertEquals(expected.length, wav.sampleCount());
            assertArrayEquals(expected, wav.readAll());
        }
    }

    /** For these clips the reference README says whisper's samples are exactly int16 / 32768. */
    @ParameterizedTest
    @ValueSource(strings = {"tts_en_1", "tts_en_2", "tts_en_3", "long_65s", "silence_2s"})
    void sixteenKilohertzMonoClipsAreInt16Over32768(String clip) throws IOException {
        Path file = Reference.path("audio", clip + ".wav");
        JsonNode info = clipInfo(clip + ".wav");
        int frames = info.get("n_frames").asInt();
        // The samples are the file's last 2·frames bytes; read them without the reader under test.
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        float[] expected = new float[frames];
        int dataStart = bytes.capacity() - 2 * frames;
        for (int i = 0; i < frames; i++) {
            expected[i] = bytes.getShort(dataStart + 2 * i) / 32768.0f;
        }
        try (WavAudioStream wav = WavAudioStream.open(file)) {
            assertEquals(16000, wav.sampleRate());
            assertArrayEquals(expected, wav.readAll());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"jfk.wav", "tts_en_1.wav", "tts_en_1_44k_stereo.wav", "tts_en_1_8k.wav", "long_65s.wav"})
    void headersAgreeWithTheFixtureDescription(String name) throws IOException {
        JsonNode info = clipInfo(name);
        WavHeader header = WavAudioStream.readHeader(Reference.path("audio", name));
        assertEquals(info.get("sample_rate").asInt(), header.format().sampleRate());
        assertEquals(info.get("channels").asInt(), header.format().channels());
        assertEquals(info.get("n_frames").asLong(), header.frameCount());
        assertEquals("16-bit PCM", header.format().encodingName());
    }

    @Test
    void stereoClipMixesToTheMeanOfBothChannels() throws IOException {
        Path file = Reference.path("audio", "tts_en_1_44k_stereo.wav");
        int frames = clipInfo("tts_en_1_44k_stereo.wav").get("n_frames").asInt();
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        int dataStart = bytes.capacity() - 4 * frames;
        float[] expected = new float[frames];
        for (int i = 0; i < frames; i++) {
            int left = bytes.getShort(dataStart + 4 * i);
            int right = bytes.getShort(dataStart + 4 * i + 2);
            expected[i] = (left + right) / 65536.0f;
        }
        try (WavAudioStream wav = WavAudioStream.open(file)) {
            assertArrayEquals(expected, wav.readAll());
        }
    }

    private static JsonNode clipInfo(String file) {
        for (JsonNode clip : Reference.json(Reference.path("audio", "audio.json")).get("clips")) {
            if (clip.get("file").asText().equals(file)) {
                return clip;
            }
        }
        throw new AssertionError("audio.json does not describe " + file);
    }
}
