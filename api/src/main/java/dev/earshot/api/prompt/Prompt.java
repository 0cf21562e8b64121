package dev.earshot.api.prompt;

import java.util.Arrays;

/**
 * The tokens a Whisper decoder starts from:
 * {@code [<|startofprev|> previous-text] <|startoftranscript|> [<|lang|>] [<|transcribe|>|<|translate|>]
 * [<|notimestamps|>] [prefix]}. Built with {@link #builder(SpecialTokens)}; decoding continues after the last one.
 */
public final class Prompt {

    /** {@code n_text_ctx} of every published Whisper model. */
    public static final int WHISPER_TEXT_CONTEXT = 448;

    private final int[] tokens;
    private final int sotIndex;

    private Prompt(int[] tokens, int sotIndex) {
        this.tokens = tokens;
        this.sotIndex = sotIndex;
    }

    /** A builder over the special tokens of the model's vocabulary. */
    public static Builder builder(SpecialTokens specialTokens) {
        return new Builder(specialTokens);
    }

    /** The prompt's token ids (a copy). */
    public int[] tokens() {
        return tokens.clone();
    }

    public int length() {
        return tokens.length;
    }

    /**
     * Where {@code <|startoftranscript|>} is; the logits at this position give the language and no-speech
     * probabilities.
     */
    public int sotIndex() {
        return sotIndex;
    }

    @Override
    public String toString() {
        return "Prompt" + Arrays.toString(tokens);
    }

    /** Collects the optional parts of a prompt; every part may be left out. */
    public static final class Builder {

        private final SpecialTokens specialTokens;
        private int[] previousText = new int[0];
        private Language language;
        private WhisperTask task;
        private boolean withoutTimestamps;
        private int[] prefix = new int[0];
        private int textContext = WHISPER_TEXT_CONTEXT;

        private Builder(SpecialTokens specialTokens) {
            if (specialTokens == null) {
                throw new IllegalArgumentException("a prompt needs the special tokens of the model's vocabulary");
            }
            this.specialTokens = specialTokens;
        }

        /**
         * The text of the preceding window (or a user's initial prompt), already tokenized; it goes after
         * {@code <|startofprev|>}. Only its last {@code textContext / 2 - 1} tokens are kept, as Whisper was
         * trained with at most half its context on previous text. An empty array leaves the part out.
         */
        public Builder previousText(int[] tokens) {
            this.previousText = checkedTokens(tokens, "previous text");
            return this;
        }

        /** The spoken language; leave it out to have the model detect it. */
        public Builder language(Language language) {
            this.language = language;
            return this;
        }

        public Builder task(WhisperTask task) {
            this.task = task;
            return this;
        }

        /** Adds {@code <|notimestamps|>}, asking for text without timestamp tokens. */
        public Builder withoutTimestamps() {
            this.withoutTimestamps = true;
            return this;
        }

        /** Sets whether the prompt asks for timestamp tokens (the default) or not. */
        public Builder timestamps(boolean predictTimestamps) {
            this.withoutTimestamps = !predictTimestamps;
            return this;
        }

        /** Tokens the transcript must start with (Whisper's {@code prefix}), already tokenized. */
        public Builder prefix(int[] tokens) {
            this.prefix = checkedTokens(tokens, "prefix");
            return this;
        }

        /** The model's text context ({@code n_text_ctx}); 448 for every published Whisper model. */
        public Builder textContext(int textContext) {
            if (textContext < 4) {
                throw new IllegalArgumentException("text context " + textContext + " is too small for any prompt");
            }
            this.textContext = textContext;
            return this;
        }

        /**
         * @throws LanguageNotInVocabularyException if the vocabulary has no token for the language
         * @throws PromptTooLongException           if the prompt fills the whole text context
         */
        public Prompt build() {
            int[] header = withoutTimestamps
                    ? specialTokens.sotSequenceIncludingNoTimestamps(language, task)
                    : specialTokens.sotSequence(language, task);
            int keptPrevious = Math.min(previousText.length, textContext / 2 - 1);
            int previousPart = keptPrevious == 0 ? 0 : 1 + keptPrevious;
            int[] tokens = new int[previousPart + header.length + prefix.length];
            int at = 0;
            if (previousPart > 0) {
                tokens[at++] = specialTokens.sotPrev();
                System.arraycopy(previousText, previousText.length - keptPrevious, tokens, at, keptPrevious);
                at += keptPrevious;
            }
            int sotIndex = at;
            System.arraycopy(header, 0, tokens, at, header.length);
            at += header.length;
            System.arraycopy(prefix, 0, tokens, at, prefix.length);
            if (tokens.length >= textContext) {
                throw new PromptTooLongException(tokens.length, textContext);
            }
            return new Prompt(tokens, sotIndex);
        }

        private int[] checkedTokens(int[] tokens, String part) {
            if (tokens == null) {
                return new int[0];
            }
            for (int token : tokens) {
                if (token < 0 || token >= specialTokens.vocabularySize()) {
                    throw new IllegalArgumentException("the " + part + " holds token " + token + ", which is not in the "
                            + specialTokens.layout().description() + " vocabulary (0…"
                            + (specialTokens.vocabularySize() - 1) + ")");
                }
            }
            return tokens.clone();
        }
    }
}
