package dev.earshot.evaluation.normalize;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.stream.Stream;

class BasicTextNormalizerTest {

    @TestFactory
    Stream<DynamicTest> defaultOptions() {
        return NormalizerVectors.tests("normalizer_basic.jsonl", c -> c.get("expected").get("default").asText(),
                new BasicTextNormalizer(false, false));
    }

    @TestFactory
    Stream<DynamicTest> removeDiacritics() {
        return NormalizerVectors.tests("normalizer_basic.jsonl",
                c -> c.get("expected").get("remove_diacritics").asText(), new BasicTextNormalizer(true, false));
    }

    @TestFactory
    Stream<DynamicTest> splitLetters() {
        return NormalizerVectors.tests("normalizer_basic.jsonl",
                c -> c.get("expected").get("split_letters").asText(), new BasicTextNormalizer(false, true));
    }

    @TestFactory
    Stream<DynamicTest> removeDiacriticsAndSplitLetters() {
        return NormalizerVectors.tests("normalizer_basic.jsonl",
                c -> c.get("expected").get("remove_diacritics+split_letters").asText(),
                new BasicTextNormalizer(true, true));
    }
}
