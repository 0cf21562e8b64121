package dev.earshot.model.tokenizer;

/**
 * Decodes UTF-8 the way Python's {@code bytes.decode("utf-8", errors="replace")} does: each maximal ill-formed
 * subpart becomes one U+FFFD (Unicode's recommended practice). The JDK decoder differs on surrogate encodings
 * ({@code ED A0..BF xx}): Python rejects {@code ED} at its second byte and so writes three U+FFFD for
 * {@code ED A0 80}, where the JDK writes one. Token sequences that split a character need Python's answer.
 */
public final class Utf8Decoder {

    private static final char REPLACEMENT = '\uFFFD';

    private Utf8Decoder() {
    }

    public static String decode(byte[] bytes) {
        return decode(bytes, 0, bytes.length);
    }

    /** Decodes {@code bytes[from, to)}. */
    public static String decode(byte[] bytes, int from, int to) {
        StringBuilder text = new StringBuilder(to - from);
        int i = from;
        while (i < to) {
            int lead = bytes[i] & 0xFF;
            if (lead < 0x80) {
                text.append((char) lead);
                i++;
                continue;
            }
            int continuations;
            int codePoint;
            // The allowed range of the byte after the lead excludes overlongs (E0, F0), surrogates (ED) and
            // code points above U+10FFFF (F4); later continuation bytes are always 80..BF.
            int low = 0x80;
            int high = 0xBF;
            if (lead >= 0xC2 && lead <= 0xDF) {
                continuations = 1;
                codePoint = lead & 0x1F;
            } else if (lead >= 0xE0 && lead <= 0xEF) {
                continuations = 2;
                codePoint = lead & 0x0F;
                if (lead == 0xE0) {
                    low = 0xA0;
                } else if (lead == 0xED) {
                    high = 0x9F;
                }
            } else if (lead >= 0xF0 && lead <= 0xF4) {
                continuations = 3;
                codePoint = lead & 0x07;
                if (lead == 0xF0) {
                    low = 0x90;
                } else if (lead == 0xF4) {
                    high = 0x8F;
                }
            } else {
                text.append(REPLACEMENT);
                i++;
                continue;
            }
            int end = i + 1;
            boolean complete = true;
            for (int k = 0; k < continuations; k++) {
                if (end >= to) {
                    complete = false;
                    break;
                }
                int next = bytes[end] & 0xFF;
                if (next < low || next > high) {
                    complete = false;
                    break;
                }
                codePoint = codePoint << 6 | (next & 0x3F);
                end++;
                low = 0x80;
                high = 0xBF;
            }
            if (complete) {
                text.appendCodePoint(codePoint);
            } else {
                text.append(REPLACEMENT);
            }
            i = end;
        }
        return text.toString();
    }
}
