package dev.earshot.evaluation.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import dev.earshot.testkit.Reference;
import org.junit.jupiter.api.DynamicTest;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The openai/whisper normalizer vectors, one dynamic test per case. */
final class NormalizerVectors {

    private NormalizerVectors() {
    }

    static List<JsonNode> cases(String fileName) {
        List<JsonNode> cases = Reference.jsonLines(Reference.path("text", fileName));
        assertFalse(cases.isEmpty(), fileName + " has no cases");
        return cases;
    }

    /** A test per case comparing the normalizer's output with {@code expected} (or a field of it). */
    static Stream<DynamicTest> tests(String fileName, Function<JsonNode, String> expected,
                                     TextNormalizer normalizer) {
        return cases(fileName).stream().map(c -> DynamicTest.dynamicTest(
                c.get("id").asText() + " [" + c.get("category").asText() + "] " + printable(c.get("input").asText()),
                () -> assertEquals(expected.apply(c), normalizer.normalize(c.get("input").asText()),
                        () -> "input: " + printable(c.get("input").asText()))));
    }

    /** Test names stay on one line and readable whatever control characters an input holds. */
    private static String printable(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().limit(60).forEach(c -> {
            if (Character.isISOControl(c) || Character.getType(c) == Character.LINE_SEPARATOR
                    || Character.getType(c) == Character.PARAGRAPH_SEPARATOR || Character.getType(c) == Character.SURROGATE) {
                out.append(String.format("\\u%04X", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
