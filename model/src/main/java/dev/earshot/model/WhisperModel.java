package dev.earshot.model;

import dev.earshot.api.backend.Backend;
import dev.earshot.api.backend.DType;
import dev.earshot.api.prompt.VocabularyLayout;
import dev.earshot.model.nn.ModelWeights;
import dev.earshot.model.weights.CheckpointTensors;
import dev.earshot.model.weights.AlignmentHeads;
import dev.earshot.model.weights.CheckpointFormat;
import dev.earshot.model.weights.ModelLocator;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A Whisper model loaded onto one backend: its dimensions, its vocabulary layout and its weights,
 * uploaded once. Immutable and shareable: streams each open a {@link WhisperSession}. The checkpoint's
 * memory mapping stays open while the model lives (a CPU backend reads weights straight from it).
 * The backend belongs to the caller, who closes it after the model.
 */
public final class WhisperModel implements AutoCloseable {

    private final Path source;
    private final WhisperConfig config;
    private final VocabularyLayout vocabulary;
    private final Backend backend;
    private final CheckpointTensors checkpoint;
    private final ModelWeights weights;
    private final AlignmentHeads alignmentHeads;

    private WhisperModel(Path source, WhisperConfig config, Backend backend, CheckpointTensors checkpoint, ModelWeights weights,
                         AlignmentHeads alignmentHeads) {
        this.source = source;
        this.alignmentHeads = alignmentHeads;
        this.config = config;
        this.vocabulary = VocabularyLayout.fromVocabularySize(config.vocabularySize());
        this.backend = backend;
        this.checkpoint = checkpoint;
        this.weights = weights;
    }

    /**
     * Loads a model from a Hugging Face model directory ({@code config.json} + {@code model.safetensors}), an
     * openai/whisper {@code .pt} checkpoint or a whisper.cpp ggml {@code .bin} (f32, f16 or quantized), told
     * apart by their contents ({@link CheckpointFormat#detect}).
     *
     * @throws NoSuchFileException if there is no model there
     * @throws dev.earshot.model.weights.WeightFormatException if the files are damaged or do not fit together
     */
    public static WhisperModel load(Path location, Backend backend) throws IOException {
        ModelLocator.OpenedCheckpoint opened = ModelLocator.open(location);
        CheckpointTensors checkpoint = opened.tensors();
        try {
            WhisperConfig config = opened.config();
            VocabularyLayout.fromVocabularySize(config.vocabularySize()); // fail before uploading anything
            ModelWeights weights;
            synchronized (backend) {
                weights = ModelWeights.upload(checkpoint, config, backend);
            }
            return new WhisperModel(location, config, backend, checkpoint, weights, opened.alignmentHeads());
        } catch (RuntimeException e) {
            checkpoint.close();
            throw e;
        }
    }

    public Path source() {
        return source;
    }

    public WhisperConfig config() {
        return config;
    }

    /** The cross-attention heads that track time, for word timestamps (the checkpoint's, openai's table, or the last half). */
    public AlignmentHeads alignmentHeads() {
        return alignmentHeads;
    }

    public VocabularyLayout vocabulary() {
        return vocabulary;
    }

    public Backend backend() {
        return backend;
    }

    ModelWeights weights() {
        return weights;
    }

    /** A new stream over this model, with its own activations and caches, all F32: openai/whisper's tokens. */
    public WhisperSession newSession() {
        return new WhisperSession(this, DType.F32);
    }

    /**
     * A new stream whose decoder keeps each window's cross-attention keys and values as {@code crossCache}. F16
     * halves that cache (large-v3: 1500 keys and values × 1280 × 32 layers, 492 MB in F32, 246 MB in F16) and the
     * bytes a decoded token reads from it, so token steps run faster. Each key and value is rounded to half
     * precision, as whisper.cpp and openai/whisper on a GPU keep them, so the logits move by that rounding and the
     * tokens can differ from openai/whisper's on CPU.
     *
     * @throws IllegalArgumentException if the backend cannot keep activations of that type
     */
    public WhisperSession newSession(DType crossCache) {
        if (crossCache == null) {
            throw new IllegalArgumentException("the cross-attention cache type is null; use DType.F32 (as openai/whisper) or F16");
        }
        if (!backend.supportsActivations(crossCache)) {
            throw new IllegalArgumentException("the " + backend.name() + " backend cannot keep the cross-attention cache in "
                    + crossCache + "; use F32" + (crossCache == DType.F16 ? ", or the cpu backend for F16" : ""));
        }
        return new WhisperSession(this, crossCache);
    }

    /** Releases the weights on the device and unmaps the checkpoint; sessions must be closed first. */
    @Override
    public void close() {
        synchronized (backend) {
            weights.release(backend);
        }
        checkpoint.close();
    }
}
