package dev.earshot.api.prompt;

/** A model whose vocabulary size matches none of Whisper's layouts. */
public class UnsupportedVocabularyException extends IllegalArgumentException {

    UnsupportedVocabularyException(int vocabularySize) {
        super("A Whisper model has 51864 tokens (English-only), 51865 (multilingual) or 51866 (large-v3), but this "
                + "model has " + vocabularySize + ". The checkpoint is not a Whisper model, or its n_vocab was "
                + "changed by fine-tuning; use an original Whisper checkpoint or a conversion of one.");
    }
}
