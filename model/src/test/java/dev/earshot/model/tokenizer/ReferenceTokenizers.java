package dev.earshot.model.tokenizer;

import dev.earshot.api.prompt.VocabularyLayout;
import dev.earshot.testkit.Reference;

import java.util.EnumMap;
import java.util.Map;

/** Tokenizers over the reference copies of whisper's rank files, loaded once per test run. */
final class ReferenceTokenizers {

    private static final Map<VocabularyLayout, WhisperTokenizer> LOADED = new EnumMap<>(VocabularyLayout.class);

    private ReferenceTokenizers() {
    }

    /** The layout a reference file's {@code cfg}/{@code encoding} name stands for. */
    static VocabularyLayout layout(String cfg) {
        return switch (cfg) {
            case "gpt2" -> VocabularyLayout.ENGLISH_ONLY;
            case "multilingual" -> VocabularyLayout.MULTILINGUAL;
            case "multilingual_v3" -> VocabularyLayout.LARGE_V3;
            default -> throw new IllegalArgumentException("unknown reference vocabulary " + cfg);
        };
    }

    static WhisperTokenizer forConfig(String cfg) {
        return of(layout(cfg));
    }

    static synchronized WhisperTokenizer of(VocabularyLayout layout) {
        return LOADED.computeIfAbsent(layout,
                l -> WhisperTokenizer.fromRankFile(l, Reference.assets().resolve(l.rankFileName())));
    }
}
