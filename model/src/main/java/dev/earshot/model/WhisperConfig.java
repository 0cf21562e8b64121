package dev.earshot.model;

/**
 * The dimensions of a Whisper model (openai's {@code ModelDimensions}, plus the MLP widths that
 * Hugging Face configs state explicitly; openai's are always 4·d).
 *
 * @param melCount       input mel bins: 80, or 128 for large-v3
 * @param vocabularySize 51864 (English-only), 51865 (multilingual), 51866 (large-v3)
 * @param audioContext   encoder positions: 1500 for a 30 s window
 * @param audioState     encoder width d
 * @param textContext    decoder positions: 448
 */
public record WhisperConfig(int melCount, int vocabularySize,
                            int audioContext, int audioState, int audioHeads, int audioLayers, int audioMlpWidth,
                            int textContext, int textState, int textHeads, int textLayers, int textMlpWidth) {

    public WhisperConfig {
        requirePositive("n_mels", melCount);
        requirePositive("n_vocab", vocabularySize);
        requirePositive("n_audio_ctx", audioContext);
        requirePositive("n_audio_state", audioState);
        requirePositive("n_audio_head", audioHeads);
        requirePositive("n_audio_layer", audioLayers);
        requirePositive("encoder MLP width", audioMlpWidth);
        requirePositive("n_text_ctx", textContext);
        requirePositive("n_text_state", textState);
        requirePositive("n_text_head", textHeads);
        requirePositive("n_text_layer", textLayers);
        requirePositive("decoder MLP width", textMlpWidth);
        if (audioState % audioHeads != 0) {
            throw new IllegalArgumentException("n_audio_state " + audioState + " is not divisible by n_audio_head " + audioHeads);
        }
        if (textState % textHeads != 0) {
            throw new IllegalArgumentException("n_text_state " + textState + " is not divisible by n_text_head " + textHeads);
        }
        if (audioState != textState) {
            // Cross-attention projects encoder output with decoder-width weights; every Whisper has equal widths.
            throw new IllegalArgumentException("n_audio_state " + audioState + " differs from n_text_state " + textState);
        }
    }

    /** openai's {@code ModelDimensions}: MLP width 4·d. */
    public static WhisperConfig openai(int melCount, int vocabularySize, int audioContext, int audioState, int audioHeads,
                                       int audioLayers, int textContext, int textState, int textHeads, int textLayers) {
        return new WhisperConfig(melCount, vocabularySize, audioContext, audioState, audioHeads, audioLayers,
                4 * audioState, textContext, textState, textHeads, textLayers, 4 * textState);
    }

    /** Mel frames the encoder reads: two per position, since the second convolution has stride 2. */
    public int melFrames() {
        return 2 * audioContext;
    }

    public boolean isMultilingual() {
        return vocabularySize >= 51865;
    }

    private static void requirePositive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, not " + value);
        }
    }
}
