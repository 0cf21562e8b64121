package dev.earshot.model.tokenizer;

import dev.earshot.api.prompt.VocabularyLayout;
import dev.earshot.testkit.Reference;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class BytePairEncoderTest {

    private static BytePairEncoder encoder(ByteSequenceIndex index) {
        return new BytePairEncoder(index);
    }

    /** A toy vocabulary where the merge order is known: 0..3 are a, b, c, d; then ab, bc, abc, cd. */
    private static ByteSequenceIndex toyRanks() {
        return new ByteSequenceIndex(new byte[][] {
                {'a'}, {'b'}, {'c'}, {'d'}, {'a', 'b'}, {'b', 'c'}, {'a', 'b', 'c'}, {'c', 'd'}});
    }

    private static int[] scan(BytePairEncoder encoder, String text) {
        IntArrayBuilder out = new IntArrayBuilder();
        encoder.mergeByScanning(text.getBytes(StandardCharsets.US_ASCII), out);
        return out.toArray();
    }

    private static int[] heap(BytePairEncoder encoder, String text) {
        IntArrayBuilder out = new IntArrayBuilder();
        encoder.mergeWithHeap(text.getBytes(StandardCharsets.US_ASCII), out);
        return out.toArray();
    }

    @Test
    void mergesLowestRankFirstAndLeftmostOnTies() {
        BytePairEncoder encoder = encoder(toyRanks());
        // "abcd": ab (4) beats bc (5) and cd (7); then ab+c = abc (6); abc+d is no token.
        assertArrayEquals(new int[] {6, 3}, scan(encoder, "abcd"));
        assertArrayEquals(new int[] {6, 3}, heap(encoder, "abcd"));
        // "bcd": bc (5) beats cd (7), leaving d.
        assertArrayEquals(new int[] {5, 3}, scan(encoder, "bcd"));
        assertArrayEquals(new int[] {5, 3}, heap(encoder, "bcd"));
        // "abab": the two ab pairs have equal rank; both merge, leftmost first.
        assertArrayEquals(new int[] {4, 4}, scan(encoder, "abab"));
        assertArrayEquals(new int[] {4, 4}, heap(encoder, "abab"));
        assertArrayEquals(new int[] {0}, scan(encoder, "a"));
        assertArrayEquals(new int[] {0}, heap(encoder, "a"));
        assertArrayEquals(new int[0], scan(encoder, ""));
        assertArrayEquals(new int[0], heap(encoder, ""));
    }

    @Test
    void bothMergeOrdersAgreeOnRandomTextInBothVocabularies() {
        Random random = new Random(3);
        String alphabet = "aaaeeeiioouu  nnttssrrll,.'-\n0123456789éßж中😀";
        for (VocabularyLayout layout : new VocabularyLayout[] {VocabularyLayout.ENGLISH_ONLY, VocabularyLayout.MULTILINGUAL}) {
            ByteSequenceIndex index = MergeableRanks.load(Reference.assets().resolve(layout.rankFileName())).index();
            BytePairEncoder encoder = encoder(index);
            for (int round = 0; round < 300; round++) {
                int[] codePoints = alphabet.codePoints().toArray();
                StringBuilder text = new StringBuilder();
                int length = 1 + random.nextInt(250);
                for (int i = 0; i < length; i++) {
                    text.appendCodePoint(codePoints[random.nextInt(codePoints.length)]);
                }
                byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
                IntArrayBuilder scanned = new IntArrayBuilder();
                IntArrayBuilder heaped = new IntArrayBuilder();
                encoder.mergeByScanning(bytes, scanned);
                encoder.mergeWithHeap(bytes, heaped);
                assertArrayEquals(scanned.toArray(), heaped.toArray(), layout + " " + text);
            }
        }
    }

    /**
     * A megabyte-long piece (one "word" of letters) must not take quadratic time. The limit is a guard against a
     * catastrophe, far above the real cost, not a measurement.
     */
    @Test
    void aVeryLongPieceIsEncodedWithoutQuadraticBlowUp() {
        WhisperTokenizer tokenizer = ReferenceTokenizers.of(VocabularyLayout.MULTILINGUAL);
        Random random = new Random(5);
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < 1_000_000; i++) {
            word.append((char) ('a' + random.nextInt(26)));
        }
        String text = word.toString();
        int[] ids = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> tokenizer.encode(text, SpecialTokenPolicy.PLAIN));
        assertEquals(text, tokenizer.decode(ids));
        assertEquals(1, PreTokenizer.pieces(text).size());
    }
}
