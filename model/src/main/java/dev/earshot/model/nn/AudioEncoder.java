package dev.earshot.model.nn;

import dev.earshot.api.backend.AttentionSpec;
import dev.earshot.api.backend.Backend;
import dev.earshot.api.backend.Tensor;
import dev.earshot.model.WhisperConfig;

/**
 * The audio encoder: two convolutions with GELU (the second halves time), stored sinusoidal positions,
 * N pre-norm transformer blocks, a final LayerNorm. One instance per session: it owns its activations.
 */
public final class AudioEncoder implements AutoCloseable {

    private final Backend backend;
    private final ModelWeights weights;
    private final AttentionSpec attention;
    private final Tensor mel;        // [2·n_audio_ctx × n_mels] the input, time-major
    private final Tensor conv1Out;   // [2·n_audio_ctx × d]
    private final Tensor residual;   // [n_audio_ctx × d]
    private final Tensor normed;     // [n_audio_ctx × d]
    private final Tensor query;      // [n_audio_ctx × d]
    private final Tensor keys;       // [n_audio_ctx × d]
    private final Tensor values;     // [n_audio_ctx × d]
    private final Tensor context;    // [n_audio_ctx × d]
    private final Tensor projected;  // [n_audio_ctx × d]
    private final Tensor hidden;     // [n_audio_ctx × mlp width]

    public AudioEncoder(Backend backend, WhisperConfig config, ModelWeights weights) {
        this.backend = backend;
        this.weights = weights;
        this.attention = new AttentionSpec(config.audioHeads(), false);
        int frames = config.melFrames();
        int positions = config.audioContext();
        int d = config.audioState();
        this.mel = backend.allocate(frames, config.melCount());
        this.conv1Out = backend.allocate(frames, d);
        this.residual = backend.allocate(positions, d);
        this.normed = backend.allocate(positions, d);
        this.query = backend.allocate(positions, d);
        this.keys = backend.allocate(positions, d);
        this.values = backend.allocate(positions, d);
        this.context = backend.allocate(positions, d);
        this.projected = backend.allocate(positions, d);
        this.hidden = backend.allocate(positions, config.audioMlpWidth());
    }

    /**
     * Encodes one window.
     *
     * @param melTimeMajor [2·n_audio_ctx × n_mels] host values (the spectrogram transposed)
     * @param features     [n_audio_ctx × d] device output
     */
    public void encode(float[] melTimeMajor, Tensor features) {
        backend.write(mel, melTimeMajor);
        backend.conv1d(conv1Out, mel, weights.conv1().weight(), weights.conv1().bias(), 1);
        backend.gelu(conv1Out);
        backend.conv1d(residual, conv1Out, weights.conv2().weight(), weights.conv2().bias(), 2);
        backend.gelu(residual);
        backend.add(residual, residual, weights.audioPositions());
        for (EncoderBlockWeights block : weights.encoderBlocks()) {
            Attention.norm(backend, block.attentionNorm(), normed, residual);
            backend.linear(keys, normed, block.attention().key().weight(), block.attention().key().bias());
            backend.linear(values, normed, block.attention().value().weight(), block.attention().value().bias());
            Attention.addAttention(backend, block.attention(), attention, residual, normed, keys, values, query, context,
                    projected, null);
            Attention.norm(backend, block.mlpNorm(), normed, residual);
            Attention.addMlp(backend, block.mlp(), residual, normed, hidden, projected);
        }
        Attention.norm(backend, weights.encoderNorm(), features, residual);
    }

    @Override
    public void close() {
        for (Tensor t : new Tensor[] {mel, conv1Out, residual, normed, query, keys, values, context, projected, hidden}) {
            backend.release(t);
        }
    }
}
