package dev.earshot.cli;

import dev.earshot.api.prompt.VocabularyLayout;
import dev.earshot.model.assets.AssetResolver;
import dev.earshot.model.tokenizer.WhisperTokenizer;

/** The {@code --encoding} choices: the two BPE vocabularies, and large-v3's special-token layout. */
enum TokenizerEncoding {
    gpt2(VocabularyLayout.ENGLISH_ONLY),
    multilingual(VocabularyLayout.MULTILINGUAL),
    multilingual_v3(VocabularyLayout.LARGE_V3);

    private final VocabularyLayout layout;

    TokenizerEncoding(VocabularyLayout layout) {
        this.layout = layout;
    }

    WhisperTokenizer load() {
        return WhisperTokenizer.load(layout, AssetResolver.fromEnvironment());
    }
}
