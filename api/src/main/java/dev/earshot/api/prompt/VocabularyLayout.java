package dev.earshot.api.prompt;

import java.util.List;

/**
 * The three token vocabularies of the published Whisper models. A layout fixes every special-token id: they
 * start right after the BPE ranks of its rank file, in the order of {@link SpecialTokens}.
 */
public enum VocabularyLayout {
    /** The {@code *.en} models: GPT-2's BPE ranks. */
    ENGLISH_ONLY(51864, "gpt2.tiktoken", 50256, 99, "English-only"),
    /** tiny … large-v2. */
    MULTILINGUAL(51865, "multilingual.tiktoken", 50257, 99, "multilingual"),
    /** large-v3 and turbo: one more language token, {@code <|yue|>}. */
    LARGE_V3(51866, "multilingual.tiktoken", 50257, 100, "large-v3 multilingual");

    /** Timestamp tokens cover 0.00 … 30.00 s in steps of 0.02 s. */
    static final int TIMESTAMP_COUNT = 1501;
    /** eot, sot, translate, transcribe, startoflm, startofprev, nospeech, notimestamps. */
    private static final int NON_LANGUAGE_CONTROL_TOKENS = 8;

    private final int vocabularySize;
    private final String rankFileName;
    private final int mergeableRankCount;
    private final int languageCount;
    private final String description;

    VocabularyLayout(int vocabularySize, String rankFileName, int mergeableRankCount, int languageCount,
                     String description) {
        if (mergeableRankCount + NON_LANGUAGE_CONTROL_TOKENS + languageCount + TIMESTAMP_COUNT != vocabularySize) {
            throw new AssertionError("inconsistent vocabulary layout " + description);
        }
        this.vocabularySize = vocabularySize;
        this.rankFileName = rankFileName;
        this.mergeableRankCount = mergeableRankCount;
        this.languageCount = languageCount;
        this.description = description;
    }

    /**
     * The layout of a model with this many output tokens ({@code n_vocab}).
     *
     * @throws UnsupportedVocabularyException for any other size
     */
    public static VocabularyLayout fromVocabularySize(int vocabularySize) {
        for (VocabularyLayout layout : values()) {
            if (layout.vocabularySize == vocabularySize) {
                return layout;
            }
        }
        throw new UnsupportedVocabularyException(vocabularySize);
    }

    /** {@code n_vocab}: the number of rows of the token embedding. */
    public int vocabularySize() {
        return vocabularySize;
    }

    /** The file name of the tiktoken rank file (third-party data, resolved at run time). */
    public String rankFileName() {
        return rankFileName;
    }

    /** How many BPE ranks the rank file holds; {@code <|endoftext|>} gets this id. */
    public int mergeableRankCount() {
        return mergeableRankCount;
    }

    /** How many language tokens the vocabulary has (99, or 100 with Cantonese). */
    public int languageCount() {
        return languageCount;
    }

    /**
     * Whether the model was trained with language and task tokens. English-only models have those tokens in
     * their vocabulary but were trained with {@code <|startoftranscript|>} alone.
     */
    public boolean isMultilingual() {
        return this != ENGLISH_ONLY;
    }

    /** The languages that have a token here, in id order. */
    public List<Language> languages() {
        return Language.all().subList(0, languageCount);
    }

    /** Whether this vocabulary has a token for the language. */
    public boolean hasLanguage(Language language) {
        return language.index() < languageCount;
    }

    /** The special-token ids of this layout. */
    public SpecialTokens specialTokens() {
        return SpecialTokens.of(this);
    }

    /** A short human name, for messages. */
    public String description() {
        return description;
    }
}
