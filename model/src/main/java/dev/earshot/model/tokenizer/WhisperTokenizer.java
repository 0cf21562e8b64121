package dev.earshot.model.tokenizer;

import dev.earshot.api.prompt.Language;
import dev.earshot.api.prompt.SpecialTokens;
import dev.earshot.api.prompt.VocabularyLayout;
import dev.earshot.model.assets.AssetResolver;
import dev.earshot.model.assets.ThirdPartyAsset;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * Whisper's tokenizer: byte-level BPE over a tiktoken rank file, plus the special tokens of a vocabulary layout.
 * It gives the ids openai/whisper (tiktoken) gives, and decodes bytes the way Python does. Instances are immutable
 * and safe to share between threads.
 */
public final class WhisperTokenizer {

    /** Languages written without spaces between words, which word timestamps split into characters. */
    private static final Set<String> UNSPACED_LANGUAGES = Set.of("zh", "ja", "th", "lo", "my", "yue");

    private final VocabularyLayout layout;
    private final SpecialTokens specialTokens;
    private final MergeableRanks ranks;
    private final BytePairEncoder bytePairEncoder;
    private final SpecialTokenScanner specialTokenScanner;
    /** The bytes every id decodes to: the rank's bytes, or a special token's text. */
    private final byte[][] bytesById;
    private final WordSplitter wordSplitter;
    private final int[] nonSpeechTokens;
    private final int[] defaultSuppressTokens;
    private final int[] suppressBlankTokens;

    /**
     * @throws TokenizerFileException if the ranks are not the ones this layout was built on
     */
    public WhisperTokenizer(VocabularyLayout layout, MergeableRanks ranks, Path rankFile) {
        if (ranks.size() != layout.mergeableRankCount()) {
            throw new TokenizerFileException(rankFile, "the file has " + ranks.size() + " tokens, but the "
                    + layout.description() + " vocabulary is built on " + layout.rankFileName() + " with "
                    + layout.mergeableRankCount() + ". Use whisper's " + layout.rankFileName() + ".");
        }
        this.layout = layout;
        this.specialTokens = layout.specialTokens();
        this.ranks = ranks;
        this.bytePairEncoder = new BytePairEncoder(ranks.index());
        this.specialTokenScanner = new SpecialTokenScanner(specialTokens.table());
        this.bytesById = new byte[layout.vocabularySize()][];
        for (int id = 0; id < ranks.size(); id++) {
            bytesById[id] = ranks.bytesUnsafe(id);
        }
        for (int id = ranks.size(); id < layout.vocabularySize(); id++) {
            bytesById[id] = specialTokens.text(id).getBytes(StandardCharsets.UTF_8);
        }
        this.wordSplitter = new WordSplitter(this);
        this.nonSpeechTokens = SuppressionSets.nonSpeech(this);
        this.defaultSuppressTokens = SuppressionSets.defaults(this);
        this.suppressBlankTokens = SuppressionSets.blank(this);
    }

    /**
     * The tokenizer of a vocabulary layout, its rank file found by the resolver ({@code $EARSHOT_ASSETS}, the
     * model directory, the cache, else a verified download).
     */
    public static WhisperTokenizer load(VocabularyLayout layout, AssetResolver assets) {
        Path rankFile = assets.resolve(ThirdPartyAsset.forFileName(layout.rankFileName()));
        return fromRankFile(layout, rankFile);
    }

    /** The tokenizer of a vocabulary layout over a rank file at a known path. */
    public static WhisperTokenizer fromRankFile(VocabularyLayout layout, Path rankFile) {
        return new WhisperTokenizer(layout, MergeableRanks.load(rankFile), rankFile);
    }

    public VocabularyLayout layout() {
        return layout;
    }

    public SpecialTokens specialTokens() {
        return specialTokens;
    }

    /** {@code n_vocab}: ids are 0 … vocabularySize − 1. */
    public int vocabularySize() {
        return layout.vocabularySize();
    }

    /**
     * Token ids of a text. Lone surrogates are replaced by U+FFFD first, as tiktoken does.
     *
     * @throws SpecialTokenInTextException under {@link SpecialTokenPolicy#DISALLOWED}, if the text spells a special
     *                                     token of this vocabulary
     */
    public int[] encode(String text, SpecialTokenPolicy policy) {
        String clean = replaceLoneSurrogates(text);
        IntArrayBuilder ids = new IntArrayBuilder();
        switch (policy) {
            case PLAIN -> appendOrdinary(clean, ids);
            case DISALLOWED -> {
                SpecialTokenScanner.Match found = specialTokenScanner.find(clean, 0);
                if (found != null) {
                    throw new SpecialTokenInTextException(clean.substring(found.start(), found.end()), found.start());
                }
                appendOrdinary(clean, ids);
            }
            case ALLOWED -> {
                int from = 0;
                for (SpecialTokenScanner.Match found = specialTokenScanner.find(clean, 0); found != null;
                     found = specialTokenScanner.find(clean, from)) {
                    // tiktoken runs the pre-tokenizer on each stretch between special tokens separately.
                    appendOrdinary(clean.substring(from, found.start()), ids);
                    ids.add(found.id());
                    from = found.end();
                }
                appendOrdinary(clean.substring(from), ids);
            }
        }
        return ids.toArray();
    }

    /** Token ids of a text in which special-token spellings are ordinary characters (tiktoken's encode_ordinary). */
    public int[] encodeOrdinary(String text) {
        return encode(text, SpecialTokenPolicy.PLAIN);
    }

    private void appendOrdinary(String text, IntArrayBuilder ids) {
        Matcher pieces = PreTokenizer.matcher(text);
        while (pieces.find()) {
            bytePairEncoder.encode(pieces.group().getBytes(StandardCharsets.UTF_8), ids);
        }
    }

    private static String replaceLoneSurrogates(String text) {
        StringBuilder replaced = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (paired) {
                if (replaced != null) {
                    replaced.append(c).append(text.charAt(i + 1));
                }
                i++;
            } else if (Character.isSurrogate(c)) {
                if (replaced == null) {
                    replaced = new StringBuilder(text.length()).append(text, 0, i);
                }
                replaced.append('\uFFFD');
            } else if (replaced != null) {
                replaced.append(c);
            }
        }
        return replaced == null ? text : replaced.toString();
    }

    /**
     * The text of the tokens, leaving out timestamp tokens (and any id past the vocabulary); other special tokens
     * appear as their text. Bytes are joined before UTF-8 decoding, so a character split over tokens comes out
     * whole, and invalid bytes become U+FFFD as in Python's {@code errors="replace"}.
     *
     * @throws UnknownTokenException for a negative id
     */
    public String decode(int[] ids) {
        ByteBuffer bytes = new ByteBuffer();
        for (int id : ids) {
            if (id < 0) {
                throw new UnknownTokenException(id, vocabularySize());
            }
            if (id < specialTokens.timestampBegin()) {
                bytes.append(bytesById[id]);
            }
        }
        return bytes.decode();
    }

    /**
     * The text of the tokens with timestamps written as {@code <|1.08|>}.
     *
     * @throws UnknownTokenException for an id outside the vocabulary
     */
    public String decodeWithTimestamps(int[] ids) {
        ByteBuffer bytes = new ByteBuffer();
        for (int id : ids) {
            bytes.append(tokenBytesUnsafe(id));
        }
        return bytes.decode();
    }

    /**
     * The bytes of one token (a copy): a piece of UTF-8 that may be an incomplete character.
     *
     * @throws UnknownTokenException for an id outside the vocabulary
     */
    public byte[] tokenBytes(int id) {
        return tokenBytesUnsafe(id).clone();
    }

    private byte[] tokenBytesUnsafe(int id) {
        if (id < 0 || id >= bytesById.length) {
            throw new UnknownTokenException(id, vocabularySize());
        }
        return bytesById[id];
    }

    /**
     * Groups tokens into words for word-level timestamps: by character for Chinese, Japanese, Thai, Lao, Burmese and
     * Cantonese, else at spaces and punctuation. English-only models always split at spaces, as whisper does.
     *
     * @param language the transcript's language, or null when there is none (English-only models)
     */
    public WordTokens splitToWordTokens(int[] tokens, Language language) {
        boolean unspaced = layout.isMultilingual() && language != null && UNSPACED_LANGUAGES.contains(language.code());
        return unspaced ? wordSplitter.splitOnUnicode(tokens) : wordSplitter.splitOnSpaces(tokens);
    }

    /** Splits wherever the decoded text so far is complete characters (whisper's {@code split_tokens_on_unicode}). */
    public WordTokens splitTokensOnUnicode(int[] tokens) {
        return wordSplitter.splitOnUnicode(tokens);
    }

    /** Splits at spaces and punctuation (whisper's {@code split_tokens_on_spaces}). */
    public WordTokens splitTokensOnSpaces(int[] tokens) {
        return wordSplitter.splitOnSpaces(tokens);
    }

    /**
     * Tokens for symbols that are not speech (brackets, music notes, …), sorted; whisper's
     * {@code non_speech_tokens}.
     */
    public int[] nonSpeechTokens() {
        return nonSpeechTokens.clone();
    }

    /** What {@code suppress_tokens="-1"} means: non-speech tokens plus control tokens, sorted. */
    public int[] defaultSuppressTokens() {
        return defaultSuppressTokens.clone();
    }

    /** Suppressed at the first sampled position: the space token(s) and {@code <|endoftext|>}. */
    public int[] suppressBlankTokens() {
        return suppressBlankTokens.clone();
    }

    @Override
    public String toString() {
        return "WhisperTokenizer[" + layout + "]";
    }

    /** Token bytes collected before decoding them once. */
    private static final class ByteBuffer {
        private byte[] bytes = new byte[64];
        private int length;

        void append(byte[] more) {
            if (length + more.length > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more.length));
            }
            System.arraycopy(more, 0, bytes, length, more.length);
            length += more.length;
        }

        String decode() {
            return Utf8Decoder.decode(bytes, 0, length);
        }
    }
}
