package dev.earshot.backend.tck;

import dev.earshot.api.audio.MelSpectrogram;
import dev.earshot.api.prompt.VocabularyLayout;
import dev.earshot.model.tokenizer.WhisperTokenizer;
import dev.earshot.testkit.FloatTensor;
import dev.earshot.testkit.Reference;

import java.nio.file.Path;
import java.util.List;

/** The toy models and clips of {@code shared/reference}, and the inputs openai fed them. */
public final class ReferenceModels {

    /** Random-weight models with the three real vocabulary layouts. */
    public static final List<String> MODELS = List.of("toy-multi", "toy-en", "toy-v3");
    /** Clips whose encoder outputs are recorded. */
    public static final List<String> ENCODED_CLIPS = List.of("jfk", "tts_en_1", "silence_2s");

    private ReferenceModels() {
    }

    public static Path modelDirectory(String model) {
        return Reference.path("models", model);
    }

    public static Path expected(String model, String file) {
        return Reference.path("expected", model, file);
    }

    public static WhisperTokenizer tokenizer(VocabularyLayout layout) {
        return WhisperTokenizer.fromRankFile(layout, Reference.assets().resolve(layout.rankFileName()));
    }

    /**
     * openai's {@code pad_or_trim(log_mel_spectrogram(load_audio(clip), n_mels), 3000)}, from the stored
     * spectrogram, so model parity is tested apart from the front end.
     */
    public static MelSpectrogram decodeInputMel(String clip, int melCount) {
        FloatTensor mel = Reference.tensor(Reference.path("frontend", clip + ".safetensors"), "log_mel_" + melCount);
        return new MelSpectrogram(mel.dim(0), mel.dim(1), mel.data()).padOrTrim(MelSpectrogram.FRAMES_PER_WINDOW);
    }
}
