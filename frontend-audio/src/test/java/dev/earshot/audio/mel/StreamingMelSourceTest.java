package dev.earshot.audio.mel;

import dev.earshot.api.audio.MelSpectrogram;
import dev.earshot.audio.AudioLoader;
import dev.earshot.testkit.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Windows streamed from the file are the windows of the whole spectrogram, bit for bit. */
class StreamingMelSourceTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"long_65s", "jfk", "silence_2s"})
    void windowsEqualThoseOfTheWholeSpectrogram(String clip) throws Exception {
        Path file = Reference.path("audio", clip + ".wav");
        MelSpectrogram whole = LogMelSpectrogram.whisper(80)
                .compute(AudioLoader.load16kMono(file), LogMelSpectrogram.SAMPLES_PER_WINDOW);
        try (StreamingMelSource streamed = StreamingMelSource.open(file, 80)) {
            assertEquals(whole.frameCount(), streamed.frameCount());
            assertArrayEquals(whole.padOrTrim(3000).data(), streamed.padOrTrim(3000).data(), "language window");
            int content = whole.frameCount() - 3000;
            for (int start : new int[] {0, 1234, 2416, 3000, 6302, content - 2}) {
                if (start < 0 || start >= content) {
                    continue;
                }
                int length = Math.min(3000, content - start);
                assertArrayEquals(whole.window(start, length, 3000).data(), streamed.window(start, length, 3000).data(),
                        clip + " window at " + start);
            }
            assertArrayEquals(whole.window(0, Math.min(3000, content), 3000).data(),
                    streamed.window(0, Math.min(3000, content), 3000).data(), "going back reopens the file");
        }
    }

    @Test
    void memoryStaysAtAWindowForLongAudio(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("twenty-minutes.wav");
        int seconds = 20 * 60;
        writeNoiseWav(file, seconds);
        try (StreamingMelSource streamed = StreamingMelSource.open(file, 80)) {
            assertEquals((seconds * 16000 + LogMelSpectrogram.SAMPLES_PER_WINDOW) / 160, streamed.frameCount());
            for (int start = 0; start + 3000 <= streamed.frameCount() - 3000; start += 2500) {
                streamed.window(start, 3000, 3000);
                assertTrue(streamed.bufferedSamples() <= 1 << 20,
                        "holds " + streamed.bufferedSamples() + " samples at frame " + start + ", not a window's worth");
            }
        }
    }

    private static void writeNoiseWav(Path file, int seconds) throws Exception {
        int samples = seconds * 16000;
        Random random = new Random(5);
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file))) {
            ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
            header.put("RIFF".getBytes()).putInt(36 + samples * 2).put("WAVE".getBytes()).put("fmt ".getBytes())
                    .putInt(16).putShort((short) 1).putShort((short) 1).putInt(16000).putInt(32000).putShort((short) 2)
                    .putShort((short) 16).put("data".getBytes()).putInt(samples * 2);
            out.write(header.array());
            byte[] block = new byte[32000];
            for (int s = 0; s < seconds; s++) {
                for (int i = 0; i < block.length; i += 2) {
                    short v = (short) (random.nextGaussian() * 3000);
                    block[i] = (byte) v;
                    block[i + 1] = (byte) (v >> 8);
                }
                out.write(block);
            }
        }
    }
}
