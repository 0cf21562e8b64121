package dev.earshot.audio.wav;

import dev.earshot.audio.AudioFileNotFoundException;
import dev.earshot.audio.AudioFormatException;
import dev.earshot.audio.UnsupportedAudioEncodingException;
import dev.earshot.audio.testing.WavBytes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static dev.earshot.audio.testing.WavBytes.integers;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every kind of bad WAV input gets a specific exception whose message says what is wrong and what to do. */
class WavMalformedInputTest {

    @TempDir
    Path dir;

    private final List<LogRecord> warnings = new ArrayList<>();
    private final Logger log = Logger.getLogger(WavAudioStream.class.getName());
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                warnings.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureWarnings() {
        log.addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        log.removeHandler(capture);
    }

    @Test
    void missingFile() {
        Path missing = dir.resolve("nope.wav");
        AudioFileNotFoundException e = assertThrows(AudioFileNotFoundException.class, () -> WavAudioStream.open(missing));
        assertMessage(e, missing.toString(), "no such file");
    }

    @Test
    void directory() {
        AudioFormatException e = assertThrows(AudioFormatException.class, () -> WavAudioStream.open(dir));
        assertMessage(e, "is a directory");
    }

    @Test
    void emptyFile() throws IOException {
        AudioFormatException e = assertThrows(AudioFormatException.class, () -> WavAudioStream.open(write(new byte[0])));
        assertMessage(e, "empty (0 bytes)");
    }

    @ParameterizedTest
    @CsvSource({
            "4, RIFF header",
            "20, format tag",
            "30, byte rate",
            "33, block align",
            "38, header of the chunk after byte 36",
    })
    void headerCutShort(int keptBytes, String whereItEnds) throws IOException {
        byte[] whole = WavBytes.pcm16(16000, 1).data(integers(2, 1, 2, 3)).build();
        Path file = write(Arrays.copyOf(whole, keptBytes));
        AudioFormatException e = assertThrows(AudioFormatException.class, () -> WavAudioStream.open(file));
        assertMessage(e, "ends at byte " + keptBytes, whereItEnds, "truncated");
    }

    @Test
    void noDataChunk() throws IOException {
        byte[] whole = WavBytes.pcm16(16000, 1).data(integers(2, 1, 2)).build();
        Path file = write(Arrays.copyOf(whole, 36)); // RIFF header and fmt chunk only
        AudioFormatException e = assertThrows(AudioFormatException.class, () -> WavAudioStream.open(file));
        assertMessage(e, "without a 'data' chunk", "truncated");
    }

    @Test
    void chunkLargerThanTheFileBeforeTheData() throws IOException {
        byte[] bytes = new WavBytes().bits(16).chunkBeforeData("LIST", new byte[100]).data(integers(2, 1)).build();
        Path file = write(Arrays.copyOf(bytes, 80));
        AudioFormatException e = assertThrows(AudioFormatException.class, () -> WavAudioStream.open(file));
        assertMessage(e, "ends at byte 80", "'LIST' chunk");
    }

    @Test
    void dataBeforeFmt() throws IOException {
        Path file = write(new WavBytes().bits(16).data(integers(2, 1)).dataBeforeFmt().build());
        AudioFormatException e = assertThrows(AudioFormatException.class, () -> WavAudioStream.open(file));
        assertMessage(e, "'data' chunk comes before the 'fmt ' chunk", "ffmpeg -i in.wav -c:a pcm_s16le out.wav");
    }

    @Test
    void truncatedDataKeepsTheWholeFramesThatArePresentAndWarns() throws IOException {
        long[] interleaved = {10, 20, 30, 40, 50, 60, 70, 80};
        byte[] full = WavBytes.pcm16(16000, 2).data(integers(2, interleaved)).build();
        byte[] cut = Arrays.copyOf(full, full.length - 6); // loses frame 3 and half of frame 2
        float[] expected = {15 / 32768f, 35 / 32768f};

        try (WavAudioStream stream = WavAudioStream.open(write(cut))) {
            assertEquals(2, stream.sampleCount(), "the file size shows the truncation up front");
            assertArrayEquals(expected, stream.readAll());
        }
        assertWarned("declares 16 bytes but only 10 are present", "truncated", "2 whole frames");

        warnings.clear();
        try (WavAudioStream stream = WavAudioStream.open(new ByteArrayInputStream(cut), "pipe")) {
            assertEquals(4, stream.sampleCount(), "a pipe can only trust the header");
            assertArrayEquals(expected, stream.readAll());
        }
        assertWarned("declares 16 bytes but only 10 are present");
        assertWarned("ends in the middle of a frame");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "7 | 8 | μ-law (WAV format tag 0x0007)",
            "6 | 8 | A-law (WAV format tag 0x0006)",
            "2 | 4 | Microsoft ADPCM (WAV format tag 0x0002)",
            "17 | 4 | IMA ADPCM (WAV format tag 0x0011)",
            "85 | 0 | MP3 (WAV format tag 0x0055)",
            "4660 | 16 | an unknown encoding (WAV format tag 0x1234)",
    })
    void unsupportedEncodingsAreNamedWithAConversionCommand(int tag, int bits, String name) throws IOException {
        Path file = write(new WavBytes().formatTag(tag).bits(bits).blockAlign(256).data(new byte[512]).build());
        UnsupportedAudioEncodingException e =
                assertThrows(UnsupportedAudioEncodingException.class, () -> WavAudioStream.open(file));
        assertEquals(name, e.encoding());
        assertMessage(e, name, "ffmpeg -i in.wav -c:a pcm_s16le out.wav");
        assertTrue(!WavAudioStream.decodes(WavAudioStream.readHeader(file)));
    }

    @Test
    void extensibleWithAForeignSubFormatGuid() throws IOException {
        byte[] ambisonicGuid = HexFormat.of().parseHex("01000000211907d3a31b00a0c9ef2d8f"); // not the standard family
        Path file = write(new WavBytes().bits(16).extensibleGuid(ambisonicGuid).data(new byte[4]).build());
        UnsupportedAudioEncodingException e =
                assertThrows(UnsupportedAudioEncodingException.class, () -> WavAudioStream.open(file));
        assertMessage(e, "sub-format 00000001-1921-d307-a31b-00a0c9ef2d8f");
    }

    @Test
    void halfPrecisionFloatIsUnsupported() throws IOException {
        Path file = write(new WavBytes().formatTag(WavBytes.IEEE_FLOAT).bits(16).data(new byte[4]).build());
        UnsupportedAudioEncodingException e =
                assertThrows(UnsupportedAudioEncodingException.class, () -> WavAudioStream.open(file));
        assertEquals("16-bit float", e.encoding());
    }

    @Test
    void nanSampleIsReportedByIndex() throws IOException {
        float[] interleaved = {0.1f, 0.2f, 0.3f, 0.4f, 0.5f, Float.NaN, 0.7f, 0.8f};
        Path file = write(new WavBytes().formatTag(WavBytes.IEEE_FLOAT).channels(2).bits(32)
                .data(WavBytes.floats(interleaved)).build());
        try (WavAudioStream stream = WavAudioStream.open(file)) {
            AudioFormatException e = assertThrows(AudioFormatException.class, stream::readAll);
            assertMessage(e, "sample 5 (frame 2, channel 1, at 0.000 s)", "NaN or infinity", "re-export");
        }
    }

    @Test
    void infinitySampleFarIntoTheFileIsReportedByItsAbsoluteIndex() throws IOException {
        double[] samples = new double[100_000]; // spans several read blocks
        samples[70_001] = Double.NEGATIVE_INFINITY;
        Path file = write(new WavBytes().formatTag(WavBytes.IEEE_FLOAT).bits(64).data(WavBytes.doubles(samples)).build());
        try (WavAudioStream stream = WavAudioStream.open(file)) {
            AudioFormatException e = assertThrows(AudioFormatException.class, stream::readAll);
            assertMessage(e, "sample 70001 (frame 70001, channel 0, at 4.375 s)");
        }
    }

    @Test
    void zeroChannels() throws IOException {
        Path file = write(new WavBytes().channels(0).bits(16).blockAlign(2).data(new byte[4]).build());
        AudioFormatException e = assertThrows(AudioFormatException.class, () -> WavAudioStream.open(file));
        assertMessage(e, "declares 0 channels", "Re-export");
    }

    @Test
    void zeroSampleRate() throws IOException {
        Path file = write(new WavBytes().sampleRate(0).bits(16).data(new byte[4]).build());
        AudioFormatException e = assertThrows(AudioFormatException.class, () -> WavAudioStream.open(file));
        assertMessage(e, "sample rate of 0 Hz");
    }

    @Test
    void blockAlignThatSplitsASample() throws IOException {
        Path file = write(WavBytes.pcm16(16000, 2).blockAlign(3).data(new byte[6]).build());
        AudioFormatException e = assertThrows(AudioFormatException.class, () -> WavAudioStream.open(file));
        assertMessage(e, "block align (3 bytes per frame)", "2 channels");
    }

    @Test
    void moreBitsThanTheSampleHolds() throws IOException {
        Path file = write(new WavBytes().bits(24).blockAlign(2).data(new byte[4]).build());
        AudioFormatException e = assertThrows(AudioFormatException.class, () -> WavAudioStream.open(file));
        assertMessage(e, "24 bits per sample", "2-byte samples", "contradictory");
    }

    @Test
    void fmtChunkTooShort() throws IOException {
        Path file = write(new WavBytes().bits(16).fmtChunkSize(14).data(new byte[2]).build());
        AudioFormatException e = assertThrows(AudioFormatException.class, () -> WavAudioStream.open(file));
        assertMessage(e, "'fmt ' chunk is 14 bytes", "16");
    }

    @Test
    void extensibleFmtChunkTooShort() throws IOException {
        Path file = write(new WavBytes().bits(16).extensible(WavBytes.PCM, 16).fmtChunkSize(18).data(new byte[2]).build());
        AudioFormatException e = assertThrows(AudioFormatException.class, () -> WavAudioStream.open(file));
        assertMessage(e, "WAVE_FORMAT_EXTENSIBLE", "18 bytes, less than the 40");
    }

    @Test
    void rf64WithoutDs64() throws IOException {
        byte[] bytes = new WavBytes().bits(16).data(new byte[2]).build();
        System.arraycopy("RF64".getBytes(), 0, bytes, 0, 4);
        AudioFormatException e = assertThrows(AudioFormatException.class, () -> WavAudioStream.open(write(bytes)));
        assertMessage(e, "must start with a 'ds64' chunk", "'fmt '");
    }

    @Test
    void notAWavFile() throws IOException {
        AudioFormatException text = assertThrows(AudioFormatException.class,
                () -> WavAudioStream.open(write("hello, this is text".getBytes())));
        assertMessage(text, "not a WAV file", "'hell'");
        byte[] avi = new WavBytes().data(new byte[2]).build();
        System.arraycopy("AVI ".getBytes(), 0, avi, 8, 4);
        AudioFormatException riff = assertThrows(AudioFormatException.class, () -> WavAudioStream.open(write(avi)));
        assertMessage(riff, "RIFF file of type 'AVI '", "not a WAV file");
    }

    private Path write(byte[] bytes) throws IOException {
        Path file = Files.createTempFile(dir, "bad", ".wav");
        Files.write(file, bytes);
        return file;
    }

    private static void assertMessage(Exception e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "message lacks \"" + part + "\": " + e.getMessage());
        }
    }

    private void assertWarned(String... parts) {
        for (LogRecord w : warnings) {
            String text = java.text.MessageFormat.format(w.getMessage(), w.getParameters());
            if (Arrays.stream(parts).allMatch(text::contains)) {
                return;
            }
        }
        throw new AssertionError("no warning containing " + Arrays.toString(parts) + " among " + warnings.stream()
                .map(w -> java.text.MessageFormat.format(w.getMessage(), w.getParameters())).toList());
    }
}
