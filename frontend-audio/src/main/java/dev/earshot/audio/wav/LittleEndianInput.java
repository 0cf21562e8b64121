package dev.earshot.audio.wav;

import dev.earshot.audio.AudioFormatException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Little-endian reads that know their byte offset, so a truncated header is reported where it ends. */
final class LittleEndianInput {

    private final InputStream in;
    private final String source;
    private final byte[] scratch = new byte[8];
    private long position;

    LittleEndianInput(InputStream in, String source) {
        this.in = in;
        this.source = source;
    }

    long position() {
        return position;
    }

    String source() {
        return source;
    }

    /** Reads {@code n} bytes, fewer only at the end of the stream. */
    int readUpTo(byte[] buffer, int offset, int n) throws IOException {
        int got = in.readNBytes(buffer, offset, n);
        position += got;
        return got;
    }

    void readFully(byte[] buffer, int offset, int n, String during) throws IOException {
        if (readUpTo(buffer, offset, n) < n) {
            throw truncated(during);
        }
    }

    int u16(String during) throws IOException {
        readFully(scratch, 0, 2, during);
        return (scratch[0] & 0xFF) | (scratch[1] & 0xFF) << 8;
    }

    long u32(String during) throws IOException {
        readFully(scratch, 0, 4, during);
        return (scratch[0] & 0xFFL) | (scratch[1] & 0xFFL) << 8 | (scratch[2] & 0xFFL) << 16 | (scratch[3] & 0xFFL) << 24;
    }

    /** An unsigned 64-bit size; one beyond {@link Long#MAX_VALUE} can only be corruption. */
    long u64(String during) throws IOException {
        long low = u32(during);
        long high = u32(during);
        if (high > Integer.MAX_VALUE) {
            throw new AudioFormatException(source, "the " + during + " is larger than 2^63 bytes; the header is corrupt");
        }
        return high << 32 | low;
    }

    String fourCc(String during) throws IOException {
        readFully(scratch, 0, 4, during);
        return new String(scratch, 0, 4, StandardCharsets.ISO_8859_1);
    }

    void skip(long n, String during) throws IOException {
        long left = n;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                // skip() may return 0 before the end; one read tells the end apart from a slow stream.
                if (in.read() < 0) {
                    position += n - left;
                    throw truncated(during);
                }
                skipped = 1;
            }
            left -= skipped;
        }
        position += n;
    }

    AudioFormatException truncated(String during) {
        return new AudioFormatException(source, "the file ends at byte " + position + ", inside the WAV header (while reading the "
                + during + "): it is truncated or not a complete WAV file. Re-export or re-download it.");
    }
}
