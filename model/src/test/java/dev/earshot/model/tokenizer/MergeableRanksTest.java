package dev.earshot.model.tokenizer;

import dev.earshot.api.prompt.VocabularyLayout;
import dev.earshot.testkit.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MergeableRanksTest {

    @TempDir
    Path directory;

    private Path file(String content) throws IOException {
        Path file = directory.resolve("ranks.tiktoken");
        Files.writeString(file, content);
        return file;
    }

    @Test
    void readsBase64RanksAndThePaddingOnlyEmptyToken() throws IOException {
        MergeableRanks ranks = MergeableRanks.load(file("YQ== 0\nYg== 1\nYWI= 3\n= 2\n"));
        assertEquals(4, ranks.size());
        assertArrayEquals(new byte[] {'a'}, ranks.bytes(0));
        assertArrayEquals(new byte[] {'a', 'b'}, ranks.bytes(3));
        assertArrayEquals(new byte[0], ranks.bytes(2));
        assertEquals(3, ranks.index().rankOf(new byte[] {'x', 'a', 'b'}, 1, 3));
        assertEquals(2, ranks.index().rankOf(new byte[0], 0, 0));
        assertEquals(-1, ranks.index().rankOf(new byte[] {'b', 'a'}, 0, 2));
    }

    @Test
    void whispersMultilingualFileHasTheEmptyTokenAt50256() {
        MergeableRanks ranks = MergeableRanks.load(Reference.assets().resolve("multilingual.tiktoken"));
        assertEquals(50257, ranks.size());
        assertArrayEquals(new byte[0], ranks.bytes(50256));
        WhisperTokenizer tokenizer = ReferenceTokenizers.of(VocabularyLayout.MULTILINGUAL);
        assertEquals("", tokenizer.decode(new int[] {50256}));
        assertEquals("<|endoftext|>", tokenizer.decode(new int[] {50257}));
    }

    @Test
    void malformedLinesAreReportedWithTheirNumber() throws IOException {
        TokenizerFileException e = assertThrows(TokenizerFileException.class,
                () -> MergeableRanks.load(file("YQ== 0\nYg==1\n")));
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("EARSHOT_ASSETS"), e.getMessage());
        e = assertThrows(TokenizerFileException.class, () -> MergeableRanks.load(file("YQ== 0\nYg== one\n")));
        assertTrue(e.getMessage().contains("line 2: the rank is not a number"), e.getMessage());
        e = assertThrows(TokenizerFileException.class, () -> MergeableRanks.load(file("YQ== 0\n!!!! 1\n")));
        assertTrue(e.getMessage().contains("line 2: the token is not valid base64"), e.getMessage());
    }

    @Test
    void ranksMustBeZeroToNOnceEach() throws IOException {
        TokenizerFileException e = assertThrows(TokenizerFileException.class,
                () -> MergeableRanks.load(file("YQ== 0\nYg== 0\n")));
        assertTrue(e.getMessage().contains("rank 0 appears twice"), e.getMessage());
        e = assertThrows(TokenizerFileException.class, () -> MergeableRanks.load(file("YQ== 0\nYg== 5\n")));
        assertTrue(e.getMessage().contains("rank 5 is outside 0…1"), e.getMessage());
        e = assertThrows(TokenizerFileException.class, () -> MergeableRanks.load(file("YQ== 0\nYQ== 1\n")));
        assertTrue(e.getMessage().contains("rank 1 has the same bytes as rank 0"), e.getMessage());
    }

    @Test
    void aMissingFileSaysWhichFile() {
        Path missing = directory.resolve("nope.tiktoken");
        TokenizerFileException e = assertThrows(TokenizerFileException.class, () -> MergeableRanks.load(missing));
        assertTrue(e.getMessage().startsWith(missing.toString()), e.getMessage());
    }

    @Test
    void aRankFileOfTheWrongVocabularyIsRejected() {
        Path gpt2 = Reference.assets().resolve("gpt2.tiktoken");
        TokenizerFileException e = assertThrows(TokenizerFileException.class,
                () -> WhisperTokenizer.fromRankFile(VocabularyLayout.LARGE_V3, gpt2));
        assertTrue(e.getMessage().contains("50256 tokens") && e.getMessage().contains("multilingual.tiktoken"),
                e.getMessage());
    }
}
