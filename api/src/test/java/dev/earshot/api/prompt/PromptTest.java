package dev.earshot.api.prompt;

import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PromptTest {

    private final SpecialTokens multilingual = VocabularyLayout.MULTILINGUAL.specialTokens();

    @Test
    void fullPromptInWhisperOrder() {
        Prompt prompt = Prompt.builder(multilingual)
                .previousText(new int[] {2425, 1002})
                .language(Language.GERMAN)
                .task(WhisperTask.TRANSLATE)
                .withoutTimestamps()
                .prefix(new int[] {400, 370})
                .build();
        assertArrayEquals(new int[] {50361, 2425, 1002, 50258, 50261, 50358, 50363, 400, 370}, prompt.tokens());
        assertEquals(3, prompt.sotIndex());
        assertEquals(9, prompt.length());
    }

    @Test
    void emptyPartsAreLeftOut() {
        Prompt prompt = Prompt.builder(multilingual).previousText(new int[0]).prefix(null)
                .language(Language.ENGLISH).task(WhisperTask.TRANSCRIBE).build();
        assertArrayEquals(new int[] {50258, 50259, 50359}, prompt.tokens());
        assertEquals(0, prompt.sotIndex());
        assertArrayEquals(new int[] {50258}, Prompt.builder(multilingual).build().tokens(),
                "language detection starts from <|startoftranscript|> alone");
    }

    @Test
    void timestampsCanBeSwitchedBackOn() {
        Prompt prompt = Prompt.builder(multilingual).withoutTimestamps().timestamps(true).build();
        assertArrayEquals(new int[] {50258}, prompt.tokens());
    }

    @Test
    void previousTextKeepsOnlyTheLatestHalfContext() {
        int[] previous = IntStream.range(0, 300).toArray();
        Prompt prompt = Prompt.builder(multilingual).previousText(previous)
                .language(Language.ENGLISH).task(WhisperTask.TRANSCRIBE).build();
        int[] tokens = prompt.tokens();
        assertEquals(1 + 223 + 3, tokens.length);
        assertEquals(multilingual.sotPrev(), tokens[0]);
        assertEquals(300 - 223, tokens[1]);
        assertEquals(299, tokens[223]);
        assertEquals(224, prompt.sotIndex());
    }

    @Test
    void englishOnlyModelsStartWithSotAlone() {
        SpecialTokens english = VocabularyLayout.ENGLISH_ONLY.specialTokens();
        Prompt prompt = Prompt.builder(english).language(Language.ENGLISH).task(WhisperTask.TRANSCRIBE)
                .withoutTimestamps().build();
        assertArrayEquals(new int[] {50257, 50362}, prompt.tokens());
    }

    @Test
    void tokensOutsideTheVocabularyAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Prompt.builder(multilingual).prefix(new int[] {5, 51865}));
        assertTrue(e.getMessage().contains("51865") && e.getMessage().contains("prefix"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Prompt.builder(multilingual).previousText(new int[] {-1}));
    }

    @Test
    void aPromptFillingTheContextIsTooLong() {
        int[] prefix = new int[447];
        assertEquals(448, Prompt.builder(multilingual).prefix(new int[446]).build().length() + 1);
        PromptTooLongException e = assertThrows(PromptTooLongException.class,
                () -> Prompt.builder(multilingual).prefix(prefix).build());
        assertTrue(e.getMessage().contains("448 tokens") && e.getMessage().contains("448"), e.getMessage());
    }

    @Test
    void theBuilderCopiesItsInputs() {
        int[] prefix = {1, 2};
        Prompt.Builder builder = Prompt.builder(multilingual).prefix(prefix);
        prefix[0] = 99;
        int[] tokens = builder.build().tokens();
        assertEquals(1, tokens[1]);
        tokens[0] = 7;
        assertEquals(multilingual.sot(), builder.build().tokens()[0]);
    }
}
