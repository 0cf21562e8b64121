package dev.earshot.model.nn;

import dev.earshot.api.backend.AttentionSpec;
import dev.earshot.api.backend.Backend;
import dev.earshot.api.backend.Tensor;
import dev.earshot.model.WhisperConfig;

import java.util.ArrayList;
import java.util.List;

/**
 * The text decoder for one token sequence: token + learned position embeddings, N blocks of causal
 * self-attention (with a KV cache), cross-attention to the audio (keys and values computed once per
 * window) and MLP, a final LayerNorm, and logits against the tied token embedding.
 * Owns its caches and activations; one instance per session.
 */
public final class TextDecoder implements AutoCloseable {

    private final Backend backend;
    private final WhisperConfig config;
    private final ModelWeights weights;
    private final AttentionSpec selfAttention;
    private final AttentionSpec crossAttention;
    private final List<Tensor> selfKeys = new ArrayList<>();    // per layer [n_text_ctx × d]
    private final List<Tensor> selfValues = new ArrayList<>();  // per layer [n_text_ctx × d]
    private final List<Tensor> crossKeys = new ArrayList<>();   // per layer [n_audio_ctx × d]
    private final List<Tensor> crossValues = new ArrayList<>(); // per layer [n_audio_ctx × d]
    private final Tensor residual;   // [n_text_ctx × d]
    private final Tensor normed;     // [n_text_ctx × d]
    private final Tensor query;      // [n_text_ctx × d]
    private final Tensor context;    // [n_text_ctx × d]
    private final Tensor projected;  // [n_text_ctx × d]
    private final Tensor hidden;     // [n_text_ctx × mlp width]
    private final Tensor lastLogits; // [1 × n_vocab]
    private int length;              // tokens in the self-attention cache
    private boolean hasAudio;

    public TextDecoder(Backend backend, WhisperConfig config, ModelWeights weights) {
        this.backend = backend;
        this.config = config;
        this.weights = weights;
        this.selfAttention = new AttentionSpec(config.textHeads(), true);
        this.crossAttention = new AttentionSpec(config.textHeads(), false);
        int ctx = config.textContext();
        int d = config.textState();
        for (int i = 0; i < config.textLayers(); i++) {
            selfKeys.add(backend.allocate(ctx, d));
            selfValues.add(backend.allocate(ctx, d));
            crossKeys.add(backend.allocate(config.audioContext(), d));
            crossValues.add(backend.allocate(config.audioContext(), d));
        }
        this.residual = backend.allocate(ctx, d);
        this.normed = backend.allocate(ctx, d);
        this.query = backend.allocate(ctx, d);
        this.context = backend.allocate(ctx, d);
        this.projected = backend.allocate(ctx, d);
        this.hidden = backend.allocate(ctx, config.textMlpWidth());
        this.lastLogits = backend.allocate(1, config.vocabularySize());
    }

    /** Computes every layer's cross-attention keys and values from a window's audio features and empties the cache. */
    public void setAudio(Tensor features) {
        for (int i = 0; i < config.textLayers(); i++) {
            AttentionWeights cross = weights.decoderBlocks().get(i).crossAttention();
            backend.linear(crossKeys.get(i), features, cross.key().weight(), cross.key().bias());
            backend.linear(crossValues.get(i), features, cross.value().weight(), cross.value().bias());
        }
        hasAudio = true;
        length = 0;
    }

    /** Tokens in the self-attention cache. */
    public int length() {
        return length;
    }

    /** Forgets the cached tokens after the first {@code keep}; the next {@link #forward} continues from there. */
    public void truncate(int keep) {
        if (keep < 0 || keep > length) {
            throw new IllegalArgumentException("cannot keep " + keep + " of " + length + " cached tokens");
        }
        length = keep;
    }

    /** Appends {@code tokens} to the sequence and writes the logits of the last one into {@code logits} [n_vocab]. */
    public void forward(int[] tokens, float[] logits) {
        int count = run(tokens);
        backend.linear(lastLogits, backend.rows(normed, count - 1, 1), weights.tokenEmbedding(), null);
        backend.read(lastLogits, logits);
    }

    /**
     * Appends {@code tokens} and writes the logits of every one of them into {@code logits} [T × n_vocab]
     * (teacher forcing). Allocates the [T × n_vocab] device buffer for the call: not for the decode loop.
     */
    public void forwardAll(int[] tokens, float[] logits) {
        int count = run(tokens);
        Tensor all = backend.allocate(count, config.vocabularySize());
        try {
            backend.linear(all, backend.rows(normed, 0, count), weights.tokenEmbedding(), null);
            backend.read(all, logits);
        } finally {
            backend.release(all);
        }
    }

    /** The transformer over {@code tokens}; leaves the final-normed states in {@code normed}. */
    private int run(int[] tokens) {
        if (!hasAudio) {
            throw new IllegalStateException("no audio: encode a window before decoding");
        }
        int count = tokens.length;
        if (count == 0) {
            throw new IllegalArgumentException("no tokens to decode");
        }
        if (length + count > config.textContext()) {
            throw new IllegalArgumentException("the decoder holds " + config.textContext() + " tokens; "
                    + length + " cached + " + count + " new is too many");
        }
        for (int id : tokens) {
            if (id < 0 || id >= config.vocabularySize()) {
                throw new IllegalArgumentException("token id " + id + " is outside the vocabulary [0, " + config.vocabularySize() + ")");
            }
        }
        Tensor x = backend.rows(residual, 0, count);
        Tensor h = backend.rows(normed, 0, count);
        Tensor q = backend.rows(query, 0, count);
        Tensor ctx = backend.rows(context, 0, count);
        Tensor proj = backend.rows(projected, 0, count);
        Tensor mlp = backend.rows(hidden, 0, count);
        backend.embedding(x, weights.tokenEmbedding(), tokens);
        backend.add(x, x, backend.rows(weights.textPositions(), length, count));
        int total = length + count;
        for (int i = 0; i < config.textLayers(); i++) {
            DecoderBlockWeights block = weights.decoderBlocks().get(i);
            AttentionWeights self = block.selfAttention();
            Attention.norm(backend, block.selfAttentionNorm(), h, x);
            backend.linear(backend.rows(selfKeys.get(i), length, count), h, self.key().weight(), self.key().bias());
            backend.linear(backend.rows(selfValues.get(i), length, count), h, self.value().weight(), self.value().bias());
            Attention.addAttention(backend, self, selfAttention, x, h, backend.rows(selfKeys.get(i), 0, total),
                    backend.rows(selfValues.get(i), 0, total), q, ctx, proj, null);

            Attention.norm(backend, block.crossAttentionNorm(), h, x);
            Attention.addAttention(backend, block.crossAttention(), crossAttention, x, h, crossKeys.get(i),
                    crossValues.get(i), q, ctx, proj, null);

            Attention.norm(backend, block.mlpNorm(), h, x);
            Attention.addMlp(backend, block.mlp(), x, h, mlp, proj);
        }
        Attention.norm(backend, weights.decoderNorm(), h, x);
        length = total;
        return count;
    }

    @Override
    public void close() {
        for (List<Tensor> list : List.of(selfKeys, selfValues, crossKeys, crossValues)) {
            list.forEach(backend::release);
        }
        for (Tensor t : new Tensor[] {residual, normed, query, context, projected, hidden, lastLogits}) {
            backend.release(t);
        }
    }
}
