package dev.earshot.evaluation.wer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.earshot.evaluation.normalize.BasicTextNormalizer;
import dev.earshot.evaluation.normalize.EnglishTextNormalizer;
import dev.earshot.evaluation.normalize.TextNormalizer;
import dev.earshot.testkit.Reference;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

class WerVectorsTest {

    private static final JsonNode WER = Reference.json(Reference.path("text", "wer.json"));
    private static final Map<String, TextNormalizer> NORMALIZERS = Map.of(
            "english", EnglishTextNormalizer.fromEnvironment(),
            "basic", new BasicTextNormalizer(false, false),
            "basic_remove_diacritics", new BasicTextNormalizer(true, false),
            "none", TextNormalizer.none());

    @TestFactory
    Stream<DynamicTest> everyPair() {
        return pairs().map(pair -> DynamicTest.dynamicTest(pair.get("id").asText() + " ["
                + pair.get("normalizer").asText() + "]", () -> check(pair)));
    }

    private static void check(JsonNode pair) {
        TextNormalizer normalizer = NORMALIZERS.get(pair.get("normalizer").asText());
        String reference = normalizer.normalize(pair.get("reference").asText());
        String hypothesis = normalizer.normalize(pair.get("hypothesis").asText());
        Alignment alignment = ErrorRate.words(reference, hypothesis);
        ErrorCounts counts = alignment.counts();
        assertAll(
                () -> assertEquals(pair.get("reference_normalized").asText(), reference, "reference_normalized"),
                () -> assertEquals(pair.get("hypothesis_normalized").asText(), hypothesis, "hypothesis_normalized"),
                () -> assertEquals(pair.get("ref_len").asInt(), counts.referenceLength(), "ref_len"),
                () -> assertEquals(pair.get("hits").asInt(), counts.hits(), "hits"),
                () -> assertEquals(pair.get("substitutions").asInt(), counts.substitutions(), "substitutions"),
                () -> assertEquals(pair.get("deletions").asInt(), counts.deletions(), "deletions"),
                () -> assertEquals(pair.get("insertions").asInt(), counts.insertions(), "insertions"),
                () -> assertEquals(pair.get("errors").asInt(), counts.errors(), "errors"),
                () -> assertEquals(pair.get("wer").asDouble(), alignment.rate(), 1e-12, "wer"),
                () -> assertEquals(expectedAlignment(pair.get("alignment")), describe(alignment), "alignment"));
    }

    @Test
    void corpusRateIsTotalErrorsOverTotalReferenceWords() {
        CorpusErrorRate corpus = new CorpusErrorRate();
        pairs().forEach(pair -> {
            TextNormalizer normalizer = NORMALIZERS.get(pair.get("normalizer").asText());
            corpus.add(ErrorRate.words(normalizer.normalize(pair.get("reference").asText()),
                    normalizer.normalize(pair.get("hypothesis").asText())).counts());
        });
        JsonNode expected = WER.get("corpus");
        ErrorCounts totals = corpus.totals();
        assertEquals(expected.get("ref_len").asInt(), totals.referenceLength());
        assertEquals(expected.get("errors").asInt(), totals.errors());
        assertEquals(expected.get("hits").asInt(), totals.hits());
        assertEquals(expected.get("substitutions").asInt(), totals.substitutions());
        assertEquals(expected.get("deletions").asInt(), totals.deletions());
        assertEquals(expected.get("insertions").asInt(), totals.insertions());
        assertEquals(expected.get("wer").asDouble(), corpus.rate(), 1e-12);
        assertEquals(WER.get("pairs").size(), corpus.utterances());
    }

    private static Stream<JsonNode> pairs() {
        return StreamSupport.stream(WER.get("pairs").spliterator(), false);
    }

    private static List<List<String>> expectedAlignment(JsonNode steps) {
        List<List<String>> expected = new ArrayList<>();
        for (JsonNode step : steps) {
            expected.add(List.of(step.get(0).asText(), textOrNone(step.get(1)), textOrNone(step.get(2))));
        }
        return expected;
    }

    private static List<List<String>> describe(Alignment alignment) {
        return alignment.steps().stream().map(step -> List.of(step.operation().code(),
                step.reference() == null ? "<none>" : step.reference(),
                step.hypothesis() == null ? "<none>" : step.hypothesis())).toList();
    }

    private static String textOrNone(JsonNode node) {
        return node.isNull() ? "<none>" : node.asText();
    }
}
