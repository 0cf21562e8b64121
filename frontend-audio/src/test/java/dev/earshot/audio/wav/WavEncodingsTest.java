package dev.earshot.audio.wav;

import dev.earshot.audio.testing.WavBytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import static dev.earshot.audio.testing.WavBytes.integers;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Generated WAVs of every supported layout decode to the values that were written. */
class WavEncodingsTest {

    @TempDir
    Path dir;

    @Test
    void unsigned8BitIsCentredOn128() throws IOException {
        byte[] data = integers(1, 0, 1, 127, 128, 129, 255);
        float[] samples = decode(new WavBytes().bits(8).data(data));
        assertArrayEquals(new float[] {-1f, -127 / 128f, -1 / 128f, 0f, 1 / 128f, 127 / 128f}, samples);
    }

    @Test
    void signed16BitIsValueOver32768() throws IOException {
        float[] samples = decode(new WavBytes().bits(16).data(integers(2, -32768, -1, 0, 1, 12345, 32767)));
        assertArrayEquals(new float[] {-1f, -1 / 32768f, 0f, 1 / 32768f, 12345 / 32768f, 32767 / 32768f}, samples);
    }

    @Test
    void signed24BitIsValueOver2To23() throws IOException {
        long[] values = {-8388608, -1, 0, 1, 4_000_001, 8388607, -5_555_555};
        float[] samples = decode(new WavBytes().bits(24).data(integers(3, values)));
        assertArrayEquals(scaled(values, 1 << 23), samples);
    }

    @Test
    void signed32BitIsValueOver2To31() throws IOException {
        long[] values = {Integer.MIN_VALUE, -1, 0, 1, 123_456_789, Integer.MAX_VALUE};
        float[] samples = decode(new WavBytes().bits(32).data(integers(4, values)));
        assertArrayEquals(scaled(values, 1L << 31), samples);
    }

    @Test
    void float32IsTakenAsIs() throws IOException {
        float[] values = {0f, -0.5f, 0.999f, -1f, 1.5f, Float.MIN_VALUE, -3.25e-7f};
        float[] samples = decode(new WavBytes().formatTag(WavBytes.IEEE_FLOAT).bits(32).data(WavBytes.floats(values)));
        assertArrayEquals(values, samples);
    }

    @Test
    void float64IsRoundedToFloat() throws IOException {
        double[] values = {0, -0.5, 0.1, 1 / 3.0, -0.987654321, 2.0};
        float[] samples = decode(new WavBytes().formatTag(WavBytes.IEEE_FLOAT).bits(64).data(WavBytes.doubles(values)));
        float[] expected = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            expected[i] = (float) values[i];
        }
        assertArrayEquals(expected, samples);
    }

    @Test
    void extensiblePcmWith24ValidBitsIn32BitContainers() throws IOException {
        long[] values24 = {-8388608, -3, 0, 7, 8388607};
        long[] leftJustified = Arrays.stream(values24).map(v -> v << 8).toArray();
        WavBytes wav = new WavBytes().bits(32).extensible(WavBytes.PCM, 24).data(integers(4, leftJustified));
        try (WavAudioStream stream = open(wav)) {
            assertEquals("WAVE_FORMAT_EXTENSIBLE 24-bit PCM in 32-bit containers", stream.header().format().encodingName());
            assertArrayEquals(scaled(values24, 1 << 23), stream.readAll());
        }
    }

    @Test
    void extensibleFloat() throws IOException {
        float[] values = {0.25f, -0.75f, 0.125f};
        WavBytes wav = new WavBytes().bits(32).extensible(WavBytes.IEEE_FLOAT, 32).data(WavBytes.floats(values));
        assertArrayEquals(values, decode(wav));
    }

    @Test
    void twentyBitPcmLeftJustifiedIn24Bits() throws IOException {
        long[] values20 = {-524288, -1, 0, 1, 524287};
        long[] leftJustified = Arrays.stream(values20).map(v -> v << 4).toArray();
        WavBytes wav = new WavBytes().bits(20).blockAlign(3).data(integers(3, leftJustified));
        assertArrayEquals(scaled(values20, 1 << 19), decode(wav));
    }

    @Test
    void stereoIsTheMeanOfLeftAndRight() throws IOException {
        long[] interleaved = {1000, 3001, -32768, -32768, 32767, -32768, 5, 0};
        float[] samples = decode(WavBytes.pcm16(16000, 2).data(integers(2, interleaved)));
        assertArrayEquals(new float[] {4001 / 65536f, -1f, -1 / 65536f, 5 / 65536f}, samples);
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 6, 8})
    void manyChannelsMixToTheirMean(int channels) throws IOException {
        Random random = new Random(channels);
        int frames = 5000;
        long[] interleaved = new long[frames * channels];
        float[] expected = new float[frames];
        for (int f = 0; f < frames; f++) {
            long sum = 0;
            for (int c = 0; c < channels; c++) {
                interleaved[f * channels + c] = random.nextInt(1 << 24) - (1 << 23);
                sum += interleaved[f * channels + c];
            }
            expected[f] = (float) ((double) sum / channels / (1 << 23));
        }
        WavBytes wav = new WavBytes().channels(channels).bits(24).sampleRate(48000).data(integers(3, interleaved));
        try (WavAudioStream stream = open(wav)) {
            assertEquals(48000, stream.sampleRate());
            assertEquals(frames, stream.sampleCount());
            assertArrayEquals(expected, stream.readAll());
        }
    }

    @Test
    void unknownChunksAreSkippedIncludingTheirPadByte() throws IOException {
        long[] values = {1, -2, 3, -4};
        WavBytes wav = new WavBytes().bits(16)
                .chunkBeforeFmt("JUNK", new byte[] {9, 9, 9})
                .chunkBeforeData("LIST", new byte[] {1, 2, 3, 4, 5})
                .chunkBeforeData("fact", integers(4, 4))
                .data(integers(2, values))
                .chunkAfterData("LIST", "after the samples".getBytes());
        try (WavAudioStream stream = open(wav)) {
            assertEquals(4, stream.sampleCount());
            assertArrayEquals(scaled(values, 32768), stream.readAll());
        }
    }

    @Test
    void fmtChunkWithExtensionBytesIsAccepted() throws IOException {
        // Some writers use an 18-byte fmt (cbSize 0) or pad it further.
        assertArrayEquals(new float[] {0.5f}, decode(new WavBytes().bits(16).fmtChunkSize(18).data(integers(2, 16384))));
        assertArrayEquals(new float[] {0.5f}, decode(new WavBytes().bits(16).fmtChunkSize(23).data(integers(2, 16384))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"RF64", "BW64"})
    void rf64TakesTheDataSizeFromDs64(String id) throws IOException {
        long[] values = {100, -200, 300};
        WavBytes wav = new WavBytes().rf64(id).bits(16).data(integers(2, values))
                .chunkAfterData("LIST", new byte[8]);
        try (WavAudioStream stream = open(wav)) {
            assertEquals(RiffVariant.RF64, stream.header().variant());
            assertEquals(3, stream.sampleCount());
            assertTrue(stream.description().contains("RF64"), stream.description());
            assertArrayEquals(scaled(values, 32768), stream.readAll());
        }
    }

    @Test
    void streamedWavOfUnknownSizeReadsToTheEnd() throws IOException {
        long[] values = {7, 8, 9, 10, 11};
        byte[] bytes = new WavBytes().bits(16).data(integers(2, values)).declaredDataSize(0xFFFFFFFFL).build();
        try (WavAudioStream stream = WavAudioStream.open(new ByteArrayInputStream(bytes), "pipe")) {
            assertEquals(WavAudioStream.UNKNOWN_LENGTH, stream.sampleCount());
            assertArrayEquals(scaled(values, 32768), stream.readAll());
        }
        Path file = dir.resolve("streamed.wav");
        Files.write(file, bytes);
        try (WavAudioStream stream = WavAudioStream.open(file)) {
            assertEquals(5, stream.sampleCount(), "a file's size tells how many frames there are");
        }
    }

    @Test
    void smallReadsGiveTheSameSamplesAsOneBigRead() throws IOException {
        Random random = new Random(7);
        long[] interleaved = random.longs(2 * 40_000, -32768, 32768).toArray();
        WavBytes wav = WavBytes.pcm16(44100, 2).data(integers(2, interleaved));
        float[] whole;
        try (WavAudioStream stream = open(wav)) {
            whole = stream.readAll();
        }
        float[] pieces = new float[whole.length + 10];
        try (WavAudioStream stream = open(wav)) {
            int filled = 0;
            int[] sizes = {1, 7, 4096, 33_333, 3};
            for (int i = 0; ; i++) {
                int n = stream.read(pieces, filled, sizes[i % sizes.length]);
                if (n < 0) {
                    break;
                }
                assertTrue(n >= 1 && n <= sizes[i % sizes.length]);
                filled += n;
            }
            assertEquals(whole.length, filled);
            assertEquals(0, stream.read(pieces, 0, 0));
        }
        assertArrayEquals(whole, Arrays.copyOf(pieces, whole.length));
    }

    @Test
    void descriptionSaysWhatTheFileHolds() throws IOException {
        try (WavAudioStream stream = open(new WavBytes().channels(2).sampleRate(22050).bits(24).data(new byte[12]))) {
            assertTrue(stream.description().endsWith("(WAV, 24-bit PCM, 2 channels, 22050 Hz)"), stream.description());
        }
    }

    private WavAudioStream open(WavBytes wav) throws IOException {
        Path file = Files.createTempFile(dir, "encoding", ".wav");
        Files.write(file, wav.build());
        return WavAudioStream.open(file);
    }

    private float[] decode(WavBytes wav) throws IOException {
        try (WavAudioStream stream = open(wav)) {
            return stream.readAll();
        }
    }

    private static float[] scaled(long[] values, long fullScale) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) ((double) values[i] / fullScale);
        }
        return out;
    }
}
