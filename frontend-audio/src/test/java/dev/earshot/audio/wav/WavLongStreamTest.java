package dev.earshot.audio.wav;

import dev.earshot.audio.testing.AllocationMeter;
import dev.earshot.audio.testing.WavBytes;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An hour of audio streams through in blocks; memory stays at the size of a block, not of the file. */
class WavLongStreamTest {

    private static final int RATE = 16000;
    private static final long FRAMES = 3600L * RATE;

    @Test
    void oneHourOfStereoStreamsWithBoundedMemory() throws IOException {
        float[] block = new float[4096];
        AllocationMeter meter = AllocationMeter.start();
        long frame = 0;
        try (WavAudioStream stream = WavAudioStream.open(new SyntheticStereoWav(), "one hour")) {
            assertEquals(FRAMES, stream.sampleCount());
            int n;
            while ((n = stream.read(block)) > 0) {
                for (int i = 0; i < n; i++, frame++) {
                    float expected = (left(frame) + right(frame)) / 65536f;
                    if (block[i] != expected) {
                        throw new AssertionError("frame " + frame + ": expected " + expected + ", got " + block[i]);
                    }
                }
            }
        }
        assertEquals(FRAMES, frame);
        long allocated = meter.allocatedBytes();
        long fileBytes = 4 * FRAMES;
        System.out.println("one hour of 16 kHz stereo (" + fileBytes + " bytes) read with " + allocated + " bytes allocated");
        assertTrue(allocated < 4 << 20, "allocated " + allocated + " bytes streaming a " + fileBytes + "-byte file");
    }

    private static short left(long frame) {
        return (short) (frame * 31);
    }

    private static short right(long frame) {
        return (short) (frame * 17 + 5);
    }

    /** A 16-bit stereo WAV generated as it is read: never in memory, never on disk. */
    private static final class SyntheticStereoWav extends InputStream {
        private final byte[] header;
        private long position;

        SyntheticStereoWav() {
            header = WavBytes.pcm16(RATE, 2).declaredDataSize(4 * FRAMES).build(); // no samples: they are generated
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            long end = header.length + 4 * FRAMES;
            if (position >= end) {
                return -1;
            }
            int n = (int) Math.min(len, end - position);
            for (int i = 0; i < n; i++, position++) {
                if (position < header.length) {
                    b[off + i] = header[(int) position];
                } else {
                    long offset = position - header.length;
                    short sample = (offset & 2) == 0 ? left(offset >> 2) : right(offset >> 2);
                    b[off + i] = (byte) ((offset & 1) == 0 ? sample : sample >> 8);
                }
            }
            return n;
        }
    }
}
