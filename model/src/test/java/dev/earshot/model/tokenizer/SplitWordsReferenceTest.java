package dev.earshot.model.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.earshot.api.prompt.Language;
import dev.earshot.testkit.Reference;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.stream.Stream;

import static dev.earshot.model.tokenizer.Json.boxed;
import static dev.earshot.model.tokenizer.Json.intLists;
import static dev.earshot.model.tokenizer.Json.ints;
import static dev.earshot.model.tokenizer.Json.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every vector of {@code tokenizer_split_words.jsonl}. */
class SplitWordsReferenceTest {

    @TestFactory
    Stream<DynamicNode> everySplitVector() {
        return Reference.jsonLines(Reference.path("text", "tokenizer_split_words.jsonl")).stream()
                .map(vector -> DynamicContainer.dynamicContainer(vector.path("id").textValue() + " "
                        + vector.path("encoding").textValue() + "/" + vector.path("language").asText("-") + " "
                        + vector.path("variant").textValue() + " (" + vector.path("method").textValue() + ")",
                        Stream.of(
                                DynamicTest.dynamicTest("split_to_word_tokens", () -> {
                                    WordTokens words = tokenizer(vector).splitToWordTokens(ints(vector.path("tokens")),
                                            language(vector));
                                    assertEquals(strings(vector.path("words")), words.words());
                                    assertEquals(intLists(vector.path("word_tokens")), boxed(words.tokens()));
                                }),
                                DynamicTest.dynamicTest("split_tokens_on_unicode", () -> {
                                    WordTokens words = tokenizer(vector).splitTokensOnUnicode(ints(vector.path("tokens")));
                                    assertEquals(strings(vector.path("unicode_words")), words.words());
                                    assertEquals(intLists(vector.path("unicode_word_tokens")), boxed(words.tokens()));
                                }))));
    }

    private static WhisperTokenizer tokenizer(JsonNode vector) {
        return ReferenceTokenizers.forConfig(vector.path("encoding").textValue());
    }

    private static Language language(JsonNode vector) {
        return vector.path("language").isNull() ? null : Language.lookup(vector.path("language").textValue());
    }
}
