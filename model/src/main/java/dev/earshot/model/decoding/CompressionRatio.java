package dev.earshot.model.decoding;

import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;

/**
 * How repetitive a text is: its UTF-8 length over its zlib-compressed length, as openai's
 * {@code compression_ratio}. Above 2.4, transcribe treats a window as a repetition loop and retries hotter.
 */
public final class CompressionRatio {

    private CompressionRatio() {
    }

    public static double of(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        return (double) utf8.length / compressedLength(utf8);
    }

    /** zlib stream length at zlib's default level, as Python's {@code zlib.compress(data)}. */
    static int compressedLength(byte[] data) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
        try {
            deflater.setInput(data);
            deflater.finish();
            byte[] buffer = new byte[data.length + 64];
            int total = 0;
            while (!deflater.finished()) {
                total += deflater.deflate(buffer);
            }
            return total;
        } finally {
            deflater.end();
        }
    }
}
