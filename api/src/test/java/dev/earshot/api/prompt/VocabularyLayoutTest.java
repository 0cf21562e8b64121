package dev.earshot.api.prompt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VocabularyLayoutTest {

    @Test
    void eachPublishedSizeHasItsLayout() {
        assertSame(VocabularyLayout.ENGLISH_ONLY, VocabularyLayout.fromVocabularySize(51864));
        assertSame(VocabularyLayout.MULTILINGUAL, VocabularyLayout.fromVocabularySize(51865));
        assertSame(VocabularyLayout.LARGE_V3, VocabularyLayout.fromVocabularySize(51866));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 50257, 51863, 51867, 100000})
    void otherSizesAreRejectedWithTheValidOnes(int size) {
        UnsupportedVocabularyException e = assertThrows(UnsupportedVocabularyException.class,
                () -> VocabularyLayout.fromVocabularySize(size));
        assertTrue(e.getMessage().contains("has " + size + "."), e.getMessage());
        assertTrue(e.getMessage().contains("51864") && e.getMessage().contains("51865")
                && e.getMessage().contains("51866"), e.getMessage());
    }

    @Test
    void rankFilesAndLanguages() {
        assertEquals("gpt2.tiktoken", VocabularyLayout.ENGLISH_ONLY.rankFileName());
        assertEquals("multilingual.tiktoken", VocabularyLayout.MULTILINGUAL.rankFileName());
        assertEquals("multilingual.tiktoken", VocabularyLayout.LARGE_V3.rankFileName());
        assertFalse(VocabularyLayout.ENGLISH_ONLY.isMultilingual());
        assertTrue(VocabularyLayout.LARGE_V3.isMultilingual());
        assertFalse(VocabularyLayout.MULTILINGUAL.hasLanguage(Language.CANTONESE));
        assertTrue(VocabularyLayout.LARGE_V3.hasLanguage(Language.CANTONESE));
        assertEquals(Language.SUNDANESE, VocabularyLayout.ENGLISH_ONLY.languages().getLast());
        assertEquals(Language.CANTONESE, VocabularyLayout.LARGE_V3.languages().getLast());
        assertSame(SpecialTokens.of(VocabularyLayout.LARGE_V3), VocabularyLayout.LARGE_V3.specialTokens());
    }
}
