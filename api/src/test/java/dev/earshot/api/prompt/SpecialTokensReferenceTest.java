package dev.earshot.api.prompt;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Stream;

import static dev.earshot.api.prompt.SpecialTokenFixtures.CONFIGS;
import static dev.earshot.api.prompt.SpecialTokenFixtures.config;
import static dev.earshot.api.prompt.SpecialTokenFixtures.ints;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The special-token tables and prompt starts of openai/whisper, for each of the three vocabularies. */
class SpecialTokensReferenceTest {

    @TestFactory
    Stream<DynamicNode> matchesWhisperForEveryVocabulary() {
        return CONFIGS.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(entry -> DynamicContainer.dynamicContainer(entry.getKey(),
                        testsFor(entry.getKey(), entry.getValue())));
    }

    private static Stream<DynamicNode> testsFor(String name, VocabularyLayout layout) {
        JsonNode expected = config(name);
        SpecialTokens tokens = layout.specialTokens();
        List<DynamicNode> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest("layout sizes", () -> {
            assertEquals(expected.path("n_vocab").intValue(), layout.vocabularySize());
            assertEquals(expected.path("n_mergeable_ranks").intValue(), layout.mergeableRankCount());
            assertEquals(expected.path("num_languages").intValue(), layout.languageCount());
            assertEquals(expected.path("encoding").textValue() + ".tiktoken", layout.rankFileName());
            assertEquals(layout, VocabularyLayout.fromVocabularySize(expected.path("n_vocab").intValue()));
        }));
        tests.add(DynamicTest.dynamicTest("special token table in id order", () -> {
            Map<String, Integer> table = new LinkedHashMap<>();
            expected.path("special_tokens").properties().forEach(e -> table.put(e.getKey(), e.getValue().intValue()));
            assertEquals(List.copyOf(table.entrySet()), List.copyOf(tokens.table().entrySet()));
            table.forEach((text, id) -> {
                assertEquals(text, tokens.text(id));
                assertEquals(OptionalInt.of(id), tokens.idOf(text));
                assertTrue(tokens.isSpecial(id));
            });
        }));
        tests.add(DynamicTest.dynamicTest("aliases", () -> {
            expected.path("aliases").properties().forEach(e -> {
                assertEquals(OptionalInt.of(e.getValue().intValue()), tokens.idOf(e.getKey()));
                assertFalse(tokens.table().containsKey(e.getKey()), "an alias is not a special token of the vocabulary");
            });
            assertEquals(expected.path("aliases").size(), tokens.aliases().size());
        }));
        tests.add(DynamicTest.dynamicTest("named ids", () -> {
            JsonNode ids = expected.path("ids");
            assertEquals(ids.path("eot").intValue(), tokens.eot());
            assertEquals(ids.path("sot").intValue(), tokens.sot());
            assertEquals(ids.path("translate").intValue(), tokens.translate());
            assertEquals(ids.path("transcribe").intValue(), tokens.transcribe());
            assertEquals(ids.path("sot_lm").intValue(), tokens.sotLm());
            assertEquals(ids.path("sot_prev").intValue(), tokens.sotPrev());
            assertEquals(ids.path("no_speech").intValue(), tokens.noSpeech());
            assertEquals(ids.path("no_timestamps").intValue(), tokens.noTimestamps());
            assertEquals(ids.path("timestamp_begin").intValue(), tokens.timestampBegin());
            assertEquals(ids.path("timestamp_last").intValue(), tokens.timestampLast());
            assertEquals(ids.path("transcribe").intValue(), tokens.taskToken(WhisperTask.TRANSCRIBE));
            assertEquals(ids.path("translate").intValue(), tokens.taskToken(WhisperTask.TRANSLATE));
        }));
        tests.add(DynamicTest.dynamicTest("language tokens and codes in id order", () -> {
            int[] languageTokens = ints(expected.path("all_language_tokens"));
            assertArrayEquals(languageTokens, tokens.languageTokens());
            JsonNode codes = expected.path("all_language_codes");
            assertEquals(codes.size(), layout.languages().size());
            for (int i = 0; i < codes.size(); i++) {
                Language language = layout.languages().get(i);
                assertEquals(codes.get(i).textValue(), language.code());
                assertEquals(languageTokens[i], tokens.languageToken(language));
                assertEquals(language, tokens.languageOf(languageTokens[i]).orElseThrow());
                assertTrue(tokens.isLanguageToken(languageTokens[i]));
            }
            assertFalse(tokens.isLanguageToken(tokens.sot()));
            assertFalse(tokens.isLanguageToken(tokens.translate()));
            assertTrue(tokens.languageOf(tokens.translate()).isEmpty());
        }));
        tests.add(DynamicTest.dynamicTest("timestamps", () -> {
            assertEquals(tokens.timestampBegin(), tokens.timestampToken(0));
            assertEquals(tokens.timestampLast(), tokens.timestampToken(1500));
            assertEquals(tokens.vocabularySize() - 1, tokens.timestampLast());
            for (int index = 0; index <= 1500; index++) {
                int id = tokens.timestampToken(index);
                assertTrue(tokens.isTimestamp(id));
                assertEquals(index * 0.02, tokens.timestampSeconds(id), 1e-9);
                assertEquals(id, tokens.timestampTokenNearest(index * 0.02));
                assertEquals(String.format(Locale.ROOT, "<|%.2f|>", index * 0.02), tokens.text(id));
            }
            assertFalse(tokens.isTimestamp(tokens.timestampBegin() - 1));
            assertFalse(tokens.isTimestamp(tokens.timestampLast() + 1));
            assertThrows(IllegalArgumentException.class, () -> tokens.timestampToken(1501));
            assertThrows(IllegalArgumentException.class, () -> tokens.timestampToken(-1));
            assertThrows(IllegalArgumentException.class, () -> tokens.timestampTokenNearest(30.02));
            assertThrows(IllegalArgumentException.class, () -> tokens.timestampTokenNearest(Double.NaN));
            assertThrows(IllegalArgumentException.class, () -> tokens.timestampSeconds(tokens.noTimestamps()));
            assertThrows(IllegalArgumentException.class, () -> tokens.text(tokens.eot() - 1));
            assertThrows(IllegalArgumentException.class, () -> tokens.text(tokens.vocabularySize()));
        }));
        tests.add(DynamicTest.dynamicTest("get_tokenizer default", () -> {
            JsonNode defaults = expected.path("get_tokenizer_default");
            Language language = defaults.path("language").isNull() ? null : Language.lookup(defaults.path("language").textValue());
            WhisperTask task = defaults.path("task").isNull() ? null : WhisperTask.fromCode(defaults.path("task").textValue());
            assertEquals(layout.isMultilingual() ? Language.ENGLISH : null, language);
            assertEquals(layout.isMultilingual() ? WhisperTask.TRANSCRIBE : null, task);
            assertArrayEquals(ints(defaults.path("sot_sequence")), tokens.sotSequence(language, task));
            assertArrayEquals(ints(defaults.path("sot_sequence_including_notimestamps")),
                    tokens.sotSequenceIncludingNoTimestamps(language, task));
        }));
        expected.path("sot_sequences").properties().forEach(entry -> {
            String key = entry.getKey();
            tests.add(DynamicTest.dynamicTest("sot_sequence " + key, () -> {
                String[] parts = key.split("/", -1);
                Language language = parts[0].equals("-") ? null : Language.lookup(parts[0]);
                WhisperTask task = parts[1].equals("-") ? null : WhisperTask.fromCode(parts[1]);
                assertArrayEquals(ints(entry.getValue().path("sot_sequence")), tokens.sotSequence(language, task));
                assertArrayEquals(ints(entry.getValue().path("sot_sequence_including_notimestamps")),
                        tokens.sotSequenceIncludingNoTimestamps(language, task));
                Prompt.Builder builder = Prompt.builder(tokens).language(language).task(task);
                assertArrayEquals(ints(entry.getValue().path("sot_sequence")), builder.build().tokens());
                assertArrayEquals(ints(entry.getValue().path("sot_sequence_including_notimestamps")),
                        builder.withoutTimestamps().build().tokens());
            }));
        });
        return tests.stream();
    }
}
