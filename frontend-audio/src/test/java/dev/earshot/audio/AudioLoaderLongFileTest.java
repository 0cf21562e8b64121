package dev.earshot.audio;

import dev.earshot.audio.resample.SincResampler;
import dev.earshot.audio.testing.AllocationMeter;
import dev.earshot.audio.testing.WavBytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The whole pipeline (WAV, mix-down, resampling, rounding) streams a long file without holding it. */
class AudioLoaderLongFileTest {

    @TempDir
    Path dir;

    @Test
    void tenMinutesOf44kStereoStreamWithBoundedMemory() throws IOException {
        long frames = 600L * 44100;
        Path file = dir.resolve("long.wav");
        byte[] header = WavBytes.pcm16(44100, 2).declaredDataSize(4 * frames).build();
        Files.write(file, header);
        try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
            sparse.setLength(header.length + 4 * frames); // silence, without writing 100 MB
        }
        float[] block = new float[4096];
        AllocationMeter meter = AllocationMeter.start();
        long samples = 0;
        try (AudioStream stream = AudioLoader.open16kMono(file)) {
            long expected = SincResampler.outputLength(frames, 44100, 16000);
            assertEquals(expected, stream.sampleCount());
            int n;
            while ((n = stream.read(block)) > 0) {
                for (int i = 0; i < n; i++) {
                    if (block[i] != 0f) {
                        throw new AssertionError("sample " + (samples + i) + " of silence is " + block[i]);
                    }
                }
                samples += n;
            }
            assertEquals(expected, samples);
        }
        long allocated = meter.allocatedBytes();
        System.out.println("10 min of 44.1 kHz stereo resampled with " + allocated + " bytes allocated");
        assertTrue(allocated < 8 << 20, "allocated " + allocated + " bytes for " + samples + " output samples");
    }
}
