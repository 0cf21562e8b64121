package dev.earshot.evaluation.normalize;

import dev.earshot.model.assets.AssetResolver;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EnglishTextNormalizerTest {

    private static final EnglishTextNormalizer ENGLISH = EnglishTextNormalizer.fromEnvironment();

    @TestFactory
    Stream<DynamicTest> everyEnglishVector() {
        return NormalizerVectors.tests("normalizer_english.jsonl", c -> c.get("expected").asText(), ENGLISH);
    }

    @TestFactory
    Stream<DynamicTest> everyNumberVector() {
        return NormalizerVectors.tests("normalizer_english_number.jsonl", c -> c.get("expected").asText(),
                new EnglishNumberNormalizer());
    }

    @TestFactory
    Stream<DynamicTest> everySpellingVector() {
        return NormalizerVectors.tests("normalizer_english_spelling.jsonl", c -> c.get("expected").asText(),
                EnglishSpellingNormalizer.fromAssets(AssetResolver.fromEnvironment()));
    }

    @Test
    void pythonWhitespaceIncludesInformationSeparatorsButNotZeroWidthSpace() {
        assertEquals("a b", ENGLISH.normalize("a\u001Cb"));
        assertEquals(1, PythonRegex.split("a\u200Bb").size());
    }

    @Test
    void combiningMarksAreNotWordCharactersForWordBoundaries() {
        // Python's \b sees a boundary between "m" and a combining acute, so "um" is still a filler;
        // with Java's UNICODE_CHARACTER_CLASS it would not be, and "um" would survive
        assertEquals("hello world", ENGLISH.normalize("hello um\u0301 world"));
    }
}
