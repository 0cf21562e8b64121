package dev.earshot.api.prompt;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LanguageTest {

    @Test
    void codesNamesAndOrderMatchWhisper() {
        JsonNode languages = SpecialTokenFixtures.root().path("languages");
        assertEquals(languages.size(), Language.all().size());
        for (int i = 0; i < languages.size(); i++) {
            Language language = Language.all().get(i);
            assertEquals(languages.get(i).path("code").textValue(), language.code());
            assertEquals(languages.get(i).path("name").textValue(), language.englishName());
            assertEquals(i, language.index());
        }
    }

    @TestFactory
    Stream<DynamicTest> lookupMatchesWhisperForEveryNameCodeAndAlias() {
        JsonNode lookup = SpecialTokenFixtures.root().path("language_lookup");
        List<DynamicTest> tests = new ArrayList<>();
        lookup.properties().forEach(entry -> tests.add(DynamicTest.dynamicTest(entry.getKey(), () -> {
            String code = entry.getValue().textValue();
            assertEquals(code, Language.lookup(entry.getKey()).code());
            assertEquals(code, Language.lookup(entry.getKey().toUpperCase(Locale.ROOT)).code(), "lookup ignores case");
        })));
        tests.add(DynamicTest.dynamicTest("no other keys are accepted",
                () -> assertEquals(lookup.size(), Language.lookupTable().size())));
        return tests.stream();
    }

    @Test
    void aliasesReachTheLanguageUsersMean() {
        assertSame(Language.MYANMAR, Language.lookup("Burmese"));
        assertSame(Language.CATALAN, Language.lookup("valencian"));
        assertSame(Language.SPANISH, Language.lookup("CASTILIAN"));
        assertSame(Language.HAITIAN_CREOLE, Language.lookup("haitian creole"));
        assertSame(Language.CANTONESE, Language.lookup("yue"));
    }

    @Test
    void unknownLanguageNamesWhatWasAskedAndTheValidCodes() {
        UnknownLanguageException e = assertThrows(UnknownLanguageException.class, () -> Language.lookup("klingon"));
        assertEquals("klingon", e.requested());
        assertTrue(e.getMessage().contains("'klingon'"), e.getMessage());
        assertTrue(e.getMessage().contains("en, zh, de"), e.getMessage());
        assertTrue(e.getMessage().contains("Language.all()"), e.getMessage());
        assertThrows(UnknownLanguageException.class, () -> Language.lookup(" en"), "Whisper does not trim");
        assertThrows(UnknownLanguageException.class, () -> Language.lookup(""));
        assertThrows(UnknownLanguageException.class, () -> Language.lookup(null));
    }

    @Test
    void cantoneseHasNoTokenBeforeLargeV3() {
        LanguageNotInVocabularyException e = assertThrows(LanguageNotInVocabularyException.class,
                () -> VocabularyLayout.MULTILINGUAL.specialTokens().languageToken(Language.CANTONESE));
        assertTrue(e.getMessage().contains("'yue'") && e.getMessage().contains("large-v3"), e.getMessage());
        assertThrows(LanguageNotInVocabularyException.class,
                () -> VocabularyLayout.MULTILINGUAL.specialTokens().sotSequence(Language.CANTONESE, WhisperTask.TRANSCRIBE));
        assertEquals(50358, VocabularyLayout.LARGE_V3.specialTokens().languageToken(Language.CANTONESE));
    }

    @Test
    void tokenTexts() {
        assertEquals("<|haw|>", Language.HAWAIIAN.tokenText());
        assertEquals("<|translate|>", WhisperTask.TRANSLATE.tokenText());
        assertSame(WhisperTask.TRANSLATE, WhisperTask.fromCode("Translate"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WhisperTask.fromCode("summarize"));
        assertTrue(e.getMessage().contains("'transcribe' or 'translate'"), e.getMessage());
    }
}
