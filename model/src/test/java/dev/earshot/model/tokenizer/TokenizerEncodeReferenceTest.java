package dev.earshot.model.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.earshot.testkit.Reference;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static dev.earshot.model.tokenizer.Json.ints;
import static dev.earshot.model.tokenizer.Json.strings;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Every vector of {@code tokenizer_encode.jsonl}: pre-tokenizer pieces, and ids under each special-token policy. */
class TokenizerEncodeReferenceTest {

    private static final List<String> CONFIGS = List.of("gpt2", "multilingual", "multilingual_v3");

    private static List<JsonNode> vectors() {
        return Reference.jsonLines(Reference.path("text", "tokenizer_encode.jsonl"));
    }

    @TestFactory
    Stream<DynamicNode> everyEncodeVector() {
        return vectors().stream().map(vector -> DynamicContainer.dynamicContainer(
                vector.path("id").textValue() + " " + describe(vector.path("text").textValue()), testsFor(vector)));
    }

    private static Stream<DynamicNode> testsFor(JsonNode vector) {
        String text = vector.path("text").textValue();
        String asEncoded = vector.has("text_as_encoded") ? vector.path("text_as_encoded").textValue() : text;
        List<DynamicNode> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest("pieces",
                () -> assertEquals(strings(vector.path("pieces")), PreTokenizer.pieces(asEncoded))));
        for (String cfg : CONFIGS) {
            if (!vector.has(cfg)) {
                continue;
            }
            JsonNode expected = vector.path(cfg);
            int[] plainIds = ints(expected.path("ids"));
            tests.add(DynamicTest.dynamicTest(cfg + " plain", () -> {
                WhisperTokenizer tokenizer = ReferenceTokenizers.forConfig(cfg);
                assertArrayEquals(plainIds, tokenizer.encode(text, SpecialTokenPolicy.PLAIN));
                assertArrayEquals(plainIds, tokenizer.encodeOrdinary(text));
            }));
            tests.add(DynamicTest.dynamicTest(cfg + " disallowed", () -> {
                WhisperTokenizer tokenizer = ReferenceTokenizers.forConfig(cfg);
                if (expected.has("default_raises")) {
                    SpecialTokenInTextException e = assertThrows(SpecialTokenInTextException.class,
                            () -> tokenizer.encode(text, SpecialTokenPolicy.DISALLOWED));
                    assertEquals(expected.path("default_raises").textValue(), e.specialToken());
                    assertEquals(e.specialToken(), asEncoded.substring(e.position(), e.position() + e.specialToken().length()));
                } else {
                    assertArrayEquals(plainIds, tokenizer.encode(text, SpecialTokenPolicy.DISALLOWED));
                }
            }));
            int[] allowedIds = expected.has("ids_allowed_all") ? ints(expected.path("ids_allowed_all")) : plainIds;
            tests.add(DynamicTest.dynamicTest(cfg + " allowed", () -> assertArrayEquals(allowedIds,
                    ReferenceTokenizers.forConfig(cfg).encode(text, SpecialTokenPolicy.ALLOWED))));
        }
        if (!vector.has("multilingual_v3")) {
            // The reference lists large-v3 encodes only for text with "<|"; for other text they equal multilingual's.
            tests.add(DynamicTest.dynamicTest("multilingual_v3 equals multilingual", () -> {
                int[] expected = ints(vector.path("multilingual").path("ids"));
                WhisperTokenizer v3 = ReferenceTokenizers.forConfig("multilingual_v3");
                for (SpecialTokenPolicy policy : SpecialTokenPolicy.values()) {
                    assertArrayEquals(expected, v3.encode(text, policy), policy.name());
                }
            }));
        }
        return tests.stream();
    }

    /** The scanning merge and the heap merge give the same tokens on every piece, in both vocabularies. */
    @Test
    void bothMergeOrdersAgreeOnEveryReferencePiece() {
        for (String cfg : List.of("gpt2", "multilingual")) {
            WhisperTokenizer tokenizer = ReferenceTokenizers.forConfig(cfg);
            BytePairEncoder encoder = new BytePairEncoder(MergeableRanks.load(
                    Reference.assets().resolve(tokenizer.layout().rankFileName())).index());
            for (JsonNode vector : vectors()) {
                for (String piece : strings(vector.path("pieces"))) {
                    byte[] bytes = piece.getBytes(StandardCharsets.UTF_8);
                    IntArrayBuilder scanned = new IntArrayBuilder();
                    IntArrayBuilder heaped = new IntArrayBuilder();
                    encoder.mergeByScanning(bytes, scanned);
                    encoder.mergeWithHeap(bytes, heaped);
                    assertArrayEquals(scanned.toArray(), heaped.toArray(), cfg + " " + vector.path("id").textValue());
                }
            }
        }
    }

    private static String describe(String text) {
        StringBuilder shown = new StringBuilder();
        text.codePoints().limit(40).forEach(cp -> {
            if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) || Character.isSurrogate((char) cp)
                    || cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF) {
                shown.append(String.format("\\u%04X", cp));
            } else {
                shown.appendCodePoint(cp);
            }
        });
        return "«" + shown + (text.codePointCount(0, text.length()) > 40 ? "…" : "") + "»";
    }
}
