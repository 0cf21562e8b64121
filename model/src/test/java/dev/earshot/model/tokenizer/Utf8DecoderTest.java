package dev.earshot.model.tokenizer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Python's {@code bytes.decode("utf-8", "replace")}: one U+FFFD per maximal ill-formed subpart. */
class Utf8DecoderTest {

    private static String decodeHex(String hex) {
        return Utf8Decoder.decode(HexFormat.of().parseHex(hex));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            // hex bytes, expected text with ~ standing for U+FFFD
            "'', ''",
            "41, A",
            "c3a9, é",
            "e282ac, €",
            "f09f9880, 😀",
            "efbbbf41, \uFEFFA",          // a BOM is kept
            "eda080, ~~~",                // surrogate range: ED only allows 80..9F next
            "edbfbf, ~~~",
            "ed9fbf, \uD7FF",
            "e08080, ~~~",                // overlong three-byte form
            "e0a080, \u0800",
            "f08f8080, ~~~~",             // overlong four-byte form
            "f4908080, ~~~~",             // above U+10FFFF
            "f48fbfbf, \uDBFF\uDFFF",
            "c0af, ~~",                   // C0 and C1 never start a character
            "c1bf, ~~",
            "f5808080, ~~~~",
            "ff41, ~A",
            "80, ~",
            "e282, ~",                    // a truncated sequence is one subpart
            "f09f98, ~",
            "f09f9841, ~A",
            "e28241, ~A",
            "c341, ~A",
            "eb8b, ~",
            "eb8ba4eb, 다~",
            "f09f98f09f9880, ~😀",
    })
    void replacesEachMaximalSubpart(String hex, String expected) {
        assertEquals(expected.replace('~', '\uFFFD'), decodeHex(hex));
    }

    @Test
    void decodesARangeOfALargerArray() {
        byte[] bytes = "xx€yy".getBytes(StandardCharsets.UTF_8);
        assertEquals("€", Utf8Decoder.decode(bytes, 2, 5));
        assertEquals("\uFFFD", Utf8Decoder.decode(bytes, 2, 4));
    }

    @Test
    void agreesWithTheJdkOnWellFormedText() {
        Random random = new Random(7);
        for (int round = 0; round < 2000; round++) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < 20; i++) {
                int codePoint;
                do {
                    codePoint = switch (random.nextInt(4)) {
                        case 0 -> random.nextInt(0x80);
                        case 1 -> 0x80 + random.nextInt(0x800 - 0x80);
                        case 2 -> 0x800 + random.nextInt(0x10000 - 0x800);
                        default -> 0x10000 + random.nextInt(0x110000 - 0x10000);
                    };
                } while (codePoint >= 0xD800 && codePoint <= 0xDFFF);
                text.appendCodePoint(codePoint);
            }
            assertEquals(text.toString(), Utf8Decoder.decode(text.toString().getBytes(StandardCharsets.UTF_8)));
        }
    }

    /**
     * Outside the surrogate range (lead byte ED) the JDK's replacement also follows the maximal-subpart rule, so it
     * is an independent check on random bytes.
     */
    @Test
    void agreesWithTheJdkOnRandomBytesWithoutSurrogateLeads() {
        Random random = new Random(11);
        byte[] alphabet = HexFormat.of().parseHex("00417f80818fbfc0c1c2c3dfe0e1ecefeef0f1f3f4f5ff9fa0");
        for (int round = 0; round < 20000; round++) {
            byte[] bytes = new byte[1 + random.nextInt(8)];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = alphabet[random.nextInt(alphabet.length)];
            }
            assertEquals(new String(bytes, StandardCharsets.UTF_8), Utf8Decoder.decode(bytes), HexFormat.of().formatHex(bytes));
        }
    }
}
