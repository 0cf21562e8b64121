package dev.earshot.model.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.earshot.testkit.Reference;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.stream.Stream;

import static dev.earshot.model.tokenizer.Json.ints;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** {@code non_speech_tokens}, the expanded default {@code suppress_tokens} and the blank tokens, per vocabulary. */
class SuppressTokensReferenceTest {

    @TestFactory
    Stream<DynamicNode> suppressionSetsMatchWhisper() {
        JsonNode configs = Reference.json(Reference.path("text", "tokenizer_special_tokens.json")).path("configs");
        return Stream.of("gpt2", "multilingual", "multilingual_v3").map(cfg -> {
            JsonNode expected = configs.path(cfg);
            return DynamicContainer.dynamicContainer(cfg, Stream.of(
                    DynamicTest.dynamicTest("non_speech_tokens", () -> assertArrayEquals(
                            ints(expected.path("non_speech_tokens")),
                            ReferenceTokenizers.forConfig(cfg).nonSpeechTokens())),
                    DynamicTest.dynamicTest("suppress_tokens_default", () -> assertArrayEquals(
                            ints(expected.path("suppress_tokens_default")),
                            ReferenceTokenizers.forConfig(cfg).defaultSuppressTokens())),
                    DynamicTest.dynamicTest("suppress_blank_tokens", () -> assertArrayEquals(
                            ints(expected.path("suppress_blank_tokens")),
                            ReferenceTokenizers.forConfig(cfg).suppressBlankTokens()))));
        });
    }
}
