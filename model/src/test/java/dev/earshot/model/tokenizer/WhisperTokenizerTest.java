package dev.earshot.model.tokenizer;

import dev.earshot.api.prompt.Language;
import dev.earshot.api.prompt.SpecialTokens;
import dev.earshot.api.prompt.VocabularyLayout;
import dev.earshot.model.assets.AssetResolver;
import dev.earshot.testkit.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WhisperTokenizerTest {

    private final WhisperTokenizer multilingual = ReferenceTokenizers.of(VocabularyLayout.MULTILINGUAL);

    @Test
    void tiktokensDocumentedIds() {
        WhisperTokenizer gpt2 = ReferenceTokenizers.of(VocabularyLayout.ENGLISH_ONLY);
        assertArrayEquals(new int[] {31373, 995}, gpt2.encode("hello world", SpecialTokenPolicy.DISALLOWED));
        assertArrayEquals(new int[] {27, 91, 437, 1659, 5239, 91, 29}, gpt2.encode("<|endoftext|>", SpecialTokenPolicy.PLAIN));
    }

    @Test
    void disallowedSpecialTokensAreReportedWithPositionAndAdvice() {
        SpecialTokenInTextException e = assertThrows(SpecialTokenInTextException.class,
                () -> multilingual.encode("say <|en|> then <|endoftext|>", SpecialTokenPolicy.DISALLOWED));
        assertEquals("<|en|>", e.specialToken());
        assertEquals(4, e.position());
        assertTrue(e.getMessage().contains("SpecialTokenPolicy.PLAIN"), e.getMessage());
    }

    @Test
    void onlyTheVocabularysOwnSpecialTokensAreSpecial() {
        for (String text : new String[] {"<|nocaptions|>", "<|30.02|>", "<|yue|>", "<|EN|>", "<|en |>"}) {
            assertArrayEquals(multilingual.encode(text, SpecialTokenPolicy.PLAIN),
                    multilingual.encode(text, SpecialTokenPolicy.ALLOWED), text);
        }
        WhisperTokenizer v3 = ReferenceTokenizers.of(VocabularyLayout.LARGE_V3);
        assertArrayEquals(new int[] {50358}, v3.encode("<|yue|>", SpecialTokenPolicy.ALLOWED));
        assertArrayEquals(new int[] {50365 + 54}, v3.encode("<|1.08|>", SpecialTokenPolicy.ALLOWED));
    }

    @Test
    void allowedSpecialTokensSplitTheTextAroundThem() {
        SpecialTokens special = multilingual.specialTokens();
        int[] ids = multilingual.encode("<|startoftranscript|><|en|> Hello<|endoftext|>", SpecialTokenPolicy.ALLOWED);
        int[] hello = multilingual.encode(" Hello", SpecialTokenPolicy.PLAIN);
        assertArrayEquals(new int[] {special.sot(), special.languageToken(Language.ENGLISH), hello[0], special.eot()}, ids);
        assertEquals("<|startoftranscript|><|en|> Hello<|endoftext|>", multilingual.decode(ids));
    }

    @Test
    void loneSurrogatesBecomeReplacementCharacters() {
        assertArrayEquals(multilingual.encode("a\uFFFDb\uFFFD", SpecialTokenPolicy.PLAIN),
                multilingual.encode("a\uD800b\uDC00", SpecialTokenPolicy.PLAIN));
        assertArrayEquals(multilingual.encode("😀", SpecialTokenPolicy.PLAIN),
                multilingual.encode("\uD83D\uDE00", SpecialTokenPolicy.PLAIN), "a valid pair stays");
    }

    @Test
    void decodeDropsTimestampsButDecodeWithTimestampsKeepsThem() {
        SpecialTokens special = multilingual.specialTokens();
        int[] ids = {special.timestampToken(0), 2425, special.timestampToken(54), special.eot()};
        assertEquals(" Hello<|endoftext|>", multilingual.decode(ids));
        assertEquals("<|0.00|> Hello<|1.08|><|endoftext|>", multilingual.decodeWithTimestamps(ids));
    }

    @Test
    void idsOutsideTheVocabularyAreRejectedWhereWhisperRejectsThem() {
        UnknownTokenException e = assertThrows(UnknownTokenException.class,
                () -> multilingual.decodeWithTimestamps(new int[] {51865}));
        assertEquals(51865, e.tokenId());
        assertTrue(e.getMessage().startsWith("invalid token id 51865"), e.getMessage());
        assertThrows(UnknownTokenException.class, () -> multilingual.decode(new int[] {-1}));
        assertThrows(UnknownTokenException.class, () -> multilingual.tokenBytes(-1));
        assertEquals("", multilingual.decode(new int[] {51865, 99999}));
    }

    @Test
    void tokenBytesAreCopies() {
        byte[] bytes = multilingual.tokenBytes(2425);
        bytes[0] = 0;
        assertEquals(" Hello", new String(multilingual.tokenBytes(2425), StandardCharsets.UTF_8));
    }

    @Test
    void englishOnlyModelsSplitWordsAtSpacesWhateverTheLanguage() {
        WhisperTokenizer gpt2 = ReferenceTokenizers.of(VocabularyLayout.ENGLISH_ONLY);
        int[] tokens = gpt2.encode(" hello world", SpecialTokenPolicy.PLAIN);
        assertEquals(List.of(" hello", " world"), gpt2.splitToWordTokens(tokens, Language.JAPANESE).words());
        assertEquals(gpt2.splitTokensOnSpaces(tokens).words(), gpt2.splitToWordTokens(tokens, null).words());
    }

    @Test
    void wordSplittingJoinsSubwordsAndSeparatesPunctuation() {
        int[] tokens = multilingual.encode(" Unbelievable, isn't it?!", SpecialTokenPolicy.PLAIN);
        WordTokens words = multilingual.splitToWordTokens(tokens, Language.ENGLISH);
        // "?!" is one token, and not a substring of string.punctuation, so whisper glues it to the word before.
        assertEquals(List.of(" Unbelievable", ",", " isn't", " it?!"), words.words());
        int total = words.tokens().stream().mapToInt(group -> group.length).sum();
        assertEquals(tokens.length, total);
    }

    @Test
    void loadsTheRankFileThroughTheAssetResolverWithoutNetwork(@TempDir Path cache) {
        AssetResolver assets = AssetResolver.builder()
                .environment(Map.of(AssetResolver.ASSETS_VARIABLE, Reference.assets().toString()))
                .cacheDirectory(cache)
                .source(URI.create("http://127.0.0.1:9/unused/"))
                .build();
        WhisperTokenizer tokenizer = WhisperTokenizer.load(VocabularyLayout.LARGE_V3, assets);
        assertSame(VocabularyLayout.LARGE_V3, tokenizer.layout());
        assertEquals(51866, tokenizer.vocabularySize());
        assertArrayEquals(multilingual.encode("Hello world", SpecialTokenPolicy.PLAIN),
                tokenizer.encode("Hello world", SpecialTokenPolicy.PLAIN));
    }
}
