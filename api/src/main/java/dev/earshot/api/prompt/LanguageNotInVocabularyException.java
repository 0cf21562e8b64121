package dev.earshot.api.prompt;

/** A language Whisper knows, asked of a model whose vocabulary has no token for it (Cantonese before large-v3). */
public class LanguageNotInVocabularyException extends IllegalArgumentException {

    LanguageNotInVocabularyException(Language language, VocabularyLayout layout) {
        super("The language '" + language.code() + "' (" + language.englishName() + ") has no token in this model's "
                + "vocabulary (" + layout.description() + ", " + layout.languageCount() + " languages). "
                + "Use a large-v3 or turbo model for it, or choose another language.");
    }
}
