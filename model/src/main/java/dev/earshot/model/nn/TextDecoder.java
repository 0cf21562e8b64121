package dev.earshot.model.nn;

import dev.earshot.api.backend.AttentionSpec;
import dev.earshot.api.backend.Backend;
import dev.earshot.api.backend.DType;
import dev.earshot.api.backend.Tensor;
import dev.earshot.model.WhisperConfig;

import java.util.ArrayList;
import java.util.List;

/**
 * The text decoder for a batch of token sequences of equal length (one, or the beams of a beam search):
 * token + learned position embeddings, N blocks of causal self-attention (each sequence with its own KV
 * cache), cross-attention to the audio (keys and values computed once per window, shared by the batch)
 * and MLP, a final LayerNorm, and logits against the tied token embedding.
 * Owns its caches and activations; one instance per session.
 */
public final class TextDecoder implements AutoCloseable {

    private final Backend backend;
    private final WhisperConfig config;
    private final ModelWeights weights;
    private final int capacity;                                  // sequences the buffers hold
    private final AttentionSpec selfAttention;
    private final AttentionSpec crossAttention;
    private final List<Tensor> selfKeys = new ArrayList<>();    // per layer [capacity·n_text_ctx × d], sequence-major
    private final List<Tensor> selfValues = new ArrayList<>();  // per layer [capacity·n_text_ctx × d]
    private final List<Tensor> crossKeys = new ArrayList<>();   // per layer [n_audio_ctx × d], F32 or F16
    private final List<Tensor> crossValues = new ArrayList<>(); // per layer [n_audio_ctx × d], F32 or F16
    private final Tensor residual;   // [capacity·n_text_ctx × d]
    private final Tensor normed;     // [capacity·n_text_ctx × d]
    private final Tensor query;      // [capacity·n_text_ctx × d]
    private final Tensor newKeys;    // [capacity·n_text_ctx × d] this pass's keys before they join the caches
    private final Tensor newValues;  // [capacity·n_text_ctx × d]
    private final Tensor context;    // [capacity·n_text_ctx × d]
    private final Tensor projected;  // [capacity·n_text_ctx × d]
    private final Tensor hidden;     // [capacity·n_text_ctx × mlp width]
    private final Tensor lastStates; // [capacity × d] each sequence's last position, gathered for the logits
    private final Tensor lastLogits; // [capacity × n_vocab]
    private int length;              // tokens in each sequence's self-attention cache
    private int batch = 1;           // sequences in use
    private boolean hasAudio;

    /**
     * @param crossCache how the cross-attention keys and values are kept: F32 as openai/whisper computes them, or
     *                   F16 (half the memory, and of what a token step streams from it) where the backend supports it
     */
    public TextDecoder(Backend backend, WhisperConfig config, ModelWeights weights, int capacity, DType crossCache) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a decoder holds at least one sequence");
        }
        this.backend = backend;
        this.config = config;
        this.weights = weights;
        this.capacity = capacity;
        this.selfAttention = new AttentionSpec(config.textHeads(), true);
        this.crossAttention = new AttentionSpec(config.textHeads(), false);
        int rows = capacity * config.textContext();
        int d = config.textState();
        for (int i = 0; i < config.textLayers(); i++) {
            selfKeys.add(backend.allocate(rows, d));
            selfValues.add(backend.allocate(rows, d));
            crossKeys.add(backend.allocate(config.audioContext(), d, crossCache));
            crossValues.add(backend.allocate(config.audioContext(), d, crossCache));
        }
        this.residual = backend.allocate(rows, d);
        this.normed = backend.allocate(rows, d);
        this.query = backend.allocate(rows, d);
        this.newKeys = backend.allocate(rows, d);
        this.newValues = backend.allocate(rows, d);
        this.context = backend.allocate(rows, d);
        this.projected = backend.allocate(rows, d);
        this.hidden = backend.allocate(rows, config.textMlpWidth());
        this.lastStates = backend.allocate(capacity, d);
        this.lastLogits = backend.allocate(capacity, config.vocabularySize());
    }

    public int capacity() {
        return capacity;
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
        batch = 1;
    }

    /** Tokens in each sequence's cache. */
    public int length() {
        return length;
    }

    /** Sequences decoded together since the cache was last emptied. */
    public int batch() {
        return batch;
    }

    /** Forgets the cached tokens after the first {@code keep}; {@code keep == 0} also lets the batch size change. */
    public void truncate(int keep) {
        if (keep < 0 || keep > length) {
            throw new IllegalArgumentException("cannot keep " + keep + " of " + length + " cached tokens");
        }
        length = keep;
    }

    /**
     * Appends tokens to each of {@code batch} sequences and writes each sequence's next-token logits into
     * {@code logits} [batch × n_vocab].
     *
     * @param tokens sequence-major: the first {@code tokens.length / batch} belong to sequence 0, and so on
     */
    public void forward(int[] tokens, int batch, float[] logits) {
        int perSequence = run(tokens, batch, null);
        Tensor last;
        if (perSequence == 1) {
            last = backend.rows(normed, 0, batch);
        } else {
            int[] from = new int[batch];
            int[] to = new int[batch];
            for (int b = 0; b < batch; b++) {
                from[b] = b * perSequence + perSequence - 1;
                to[b] = b;
            }
            backend.copyRows(lastStates, to, normed, from);
            last = backend.rows(lastStates, 0, batch);
        }
        Tensor out = backend.rows(lastLogits, 0, batch);
        backend.linear(out, last, weights.tokenEmbedding(), null);
        backend.read(out, logits);
    }

    /**
     * Appends {@code tokens} to a single sequence and writes the logits of every one of them into
     * {@code logits} [T × n_vocab] (teacher forcing). Allocates the [T × n_vocab] device buffer for the call.
     */
    public void forwardAll(int[] tokens, float[] logits) {
        forwardAll(tokens, logits, new Tensor[config.textLayers()]);
    }

    /**
     * As {@link #forwardAll(int[], float[])}, also writing each layer's pre-softmax cross-attention scores into
     * {@code crossScores[layer]} [heads·T × n_audio_ctx] where that entry is not null (word alignment reads them).
     */
    public void forwardAll(int[] tokens, float[] logits, Tensor[] crossScores) {
        if (crossScores.length != config.textLayers()) {
            throw new IllegalArgumentException(crossScores.length + " score buffers for " + config.textLayers() + " layers");
        }
        int count = run(tokens, 1, crossScores);
        Tensor all = backend.allocate(count, config.vocabularySize());
        try {
            backend.linear(all, backend.rows(normed, 0, count), weights.tokenEmbedding(), null);
            backend.read(all, logits);
        } finally {
            backend.release(all);
        }
    }

    /**
     * Sequence {@code i} continues from the cache of sequence {@code sources[i]} (beam search keeps the
     * best continuations, several of which may share a parent). The copy stays on the device.
     */
    public void reorder(int[] sources) {
        if (sources.length != batch) {
            throw new IllegalArgumentException(sources.length + " sources for a batch of " + batch);
        }
        int ctx = config.textContext();
        int[] from = new int[batch * length];
        int[] to = new int[batch * length];
        for (int i = 0; i < batch; i++) {
            if (sources[i] < 0 || sources[i] >= batch) {
                throw new IllegalArgumentException("source sequence " + sources[i] + " is outside the batch of " + batch);
            }
            for (int t = 0; t < length; t++) {
                from[i * length + t] = sources[i] * ctx + t;
                to[i * length + t] = i * ctx + t;
            }
        }
        if (from.length == 0) {
            return;
        }
        for (int layer = 0; layer < config.textLayers(); layer++) {
            backend.copyRows(selfKeys.get(layer), to, selfKeys.get(layer), from);
            backend.copyRows(selfValues.get(layer), to, selfValues.get(layer), from);
        }
    }

    /** The transformer over {@code tokens}; leaves the final-normed states in {@code normed}. Returns tokens per sequence. */
    private int run(int[] tokens, int batch, Tensor[] crossScores) {
        if (!hasAudio) {
            throw new IllegalStateException("no audio: encode a window before decoding");
        }
        if (batch < 1 || batch > capacity) {
            throw new IllegalArgumentException("batch of " + batch + " sequences; this decoder holds 1 to " + capacity);
        }
        if (length > 0 && batch != this.batch) {
            throw new IllegalArgumentException("the cache holds " + this.batch + " sequences; rewind to 0 to change to " + batch);
        }
        if (tokens.length == 0 || tokens.length % batch != 0) {
            throw new IllegalArgumentException(tokens.length + " tokens cannot be split evenly over " + batch + " sequences");
        }
        int count = tokens.length / batch;
        int ctx = config.textContext();
        if (length + count > ctx) {
            throw new IllegalArgumentException("the decoder holds " + ctx + " tokens per sequence; "
                    + length + " cached + " + count + " new is too many");
        }
        for (int id : tokens) {
            if (id < 0 || id >= config.vocabularySize()) {
                throw new IllegalArgumentException("token id " + id + " is outside the vocabulary [0, " + config.vocabularySize() + ")");
            }
        }
        this.batch = batch;
        int rows = batch * count;
        Tensor x = backend.rows(residual, 0, rows);
        Tensor h = backend.rows(normed, 0, rows);
        Tensor q = backend.rows(query, 0, rows);
        Tensor keysIn = backend.rows(newKeys, 0, rows);
        Tensor valuesIn = backend.rows(newValues, 0, rows);
        Tensor ctxOut = backend.rows(context, 0, rows);
        Tensor proj = backend.rows(projected, 0, rows);
        Tensor mlp = backend.rows(hidden, 0, rows);
        backend.embedding(x, weights.tokenEmbedding(), tokens);
        Tensor positions = backend.rows(weights.textPositions(), length, count);
        for (int b = 0; b < batch; b++) {
            Tensor sequence = backend.rows(residual, b * count, count);
            backend.add(sequence, sequence, positions);
        }
        int[] cacheRows = new int[rows];
        int[] passRows = new int[rows];
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < count; t++) {
                passRows[b * count + t] = b * count + t;
                cacheRows[b * count + t] = b * ctx + length + t;
            }
        }
        int total = length + count;
        for (int i = 0; i < config.textLayers(); i++) {
            DecoderBlockWeights block = weights.decoderBlocks().get(i);
            AttentionWeights self = block.selfAttention();
            Attention.norm(backend, block.selfAttentionNorm(), h, x);
            if (batch == 1) { // the cache rows are contiguous: project straight into them
                backend.linear(backend.rows(selfKeys.get(i), length, count), h, self.key().weight(), self.key().bias());
                backend.linear(backend.rows(selfValues.get(i), length, count), h, self.value().weight(), self.value().bias());
            } else {
                backend.linear(keysIn, h, self.key().weight(), self.key().bias());
                backend.linear(valuesIn, h, self.value().weight(), self.value().bias());
                backend.copyRows(selfKeys.get(i), cacheRows, keysIn, passRows);
                backend.copyRows(selfValues.get(i), cacheRows, valuesIn, passRows);
            }
            backend.linear(q, h, self.query().weight(), self.query().bias());
            for (int b = 0; b < batch; b++) {
                backend.attention(backend.rows(context, b * count, count), backend.rows(query, b * count, count),
                        backend.rows(selfKeys.get(i), b * ctx, total), backend.rows(selfValues.get(i), b * ctx, total),
                        selfAttention, null);
            }
            backend.linear(proj, ctxOut, self.out().weight(), self.out().bias());
            backend.add(x, x, proj);

            Attention.norm(backend, block.crossAttentionNorm(), h, x);
            Attention.addAttention(backend, block.crossAttention(), crossAttention, x, h, crossKeys.get(i),
                    crossValues.get(i), q, ctxOut, proj, crossScores == null ? null : crossScores[i]);

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
        for (Tensor t : new Tensor[] {residual, normed, query, newKeys, newValues, context, projected, hidden, lastStates,
                lastLogits}) {
            backend.release(t);
        }
    }
}
