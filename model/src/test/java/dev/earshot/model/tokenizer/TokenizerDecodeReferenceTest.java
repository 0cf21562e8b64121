package dev.earshot.model.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.earshot.testkit.Reference;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import static dev.earshot.model.tokenizer.Json.ints;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every vector of {@code tokenizer_decode.jsonl}: decode, decode with timestamps, and the raw-byte decoding. */
class TokenizerDecodeReferenceTest {

    @TestFactory
    Stream<DynamicNode> everyDecodeVector() {
        return Reference.jsonLines(Reference.path("text", "tokenizer_decode.jsonl")).stream()
                .map(vector -> DynamicContainer.dynamicContainer(vector.path("id").textValue() + " "
                        + vector.path("encoding").textValue() + " " + vector.path("group").textValue() + ": "
                        + vector.path("note").textValue(), testsFor(vector)));
    }

    private static Stream<DynamicNode> testsFor(JsonNode vector) {
        int[] ids = ints(vector.path("ids"));
        String cfg = vector.path("encoding").textValue();
        List<DynamicNode> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest("decode", () -> {
            WhisperTokenizer tokenizer = ReferenceTokenizers.forConfig(cfg);
            if (vector.has("decode_error")) {
                UnknownTokenException e = assertThrows(UnknownTokenException.class, () -> tokenizer.decode(ids));
                assertTrue(e.getMessage().startsWith(vector.path("decode_error").textValue()), e.getMessage());
            } else {
                assertEquals(vector.path("decode").textValue(), tokenizer.decode(ids));
            }
        }));
        tests.add(DynamicTest.dynamicTest("decode_with_timestamps", () -> {
            WhisperTokenizer tokenizer = ReferenceTokenizers.forConfig(cfg);
            if (vector.has("decode_with_timestamps_error")) {
                UnknownTokenException e = assertThrows(UnknownTokenException.class,
                        () -> tokenizer.decodeWithTimestamps(ids));
                assertTrue(e.getMessage().startsWith(vector.path("decode_with_timestamps_error").textValue()),
                        e.getMessage());
            } else {
                assertEquals(vector.path("decode_with_timestamps").textValue(), tokenizer.decodeWithTimestamps(ids));
            }
        }));
        if (vector.path("utf8_bytes_hex").isTextual()) {
            tests.add(DynamicTest.dynamicTest("utf8 bytes", () -> {
                byte[] bytes = HexFormat.of().parseHex(vector.path("utf8_bytes_hex").textValue());
                WhisperTokenizer tokenizer = ReferenceTokenizers.forConfig(cfg);
                ByteArrayOutputStream joined = new ByteArrayOutputStream();
                for (int id : ids) {
                    joined.writeBytes(tokenizer.tokenBytes(id));
                }
                assertEquals(HexFormat.of().formatHex(bytes), HexFormat.of().formatHex(joined.toByteArray()));
                assertEquals(vector.path("decode_with_timestamps").textValue(), Utf8Decoder.decode(bytes));
            }));
        }
        return tests.stream();
    }
}
