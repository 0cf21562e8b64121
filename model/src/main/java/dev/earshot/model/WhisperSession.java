package dev.earshot.model;

import dev.earshot.api.backend.Backend;
import dev.earshot.api.backend.DType;
import dev.earshot.api.backend.Tensor;
import dev.earshot.model.nn.AudioEncoder;
import dev.earshot.model.nn.TextDecoder;

/**
 * The per-stream state of a {@link WhisperModel}: encoder activations, the current window's audio
 * features, the decoder's KV caches. Cheap next to the model; open one per concurrent stream. Sessions
 * of one model take turns on its backend (each operation holds the backend's lock), so several threads
 * may use several sessions safely.
 */
public final class WhisperSession implements AutoCloseable {

    private final WhisperModel model;
    private final Backend backend;
    private final DType crossCache;
    private final WhisperConfig config;
    private final AudioEncoder encoder;
    private TextDecoder decoder;         // grows when a larger batch (beam search) is asked for
    private final Tensor audioFeatures; // [n_audio_ctx × d]
    private final float[] melTimeMajor; // [2·n_audio_ctx × n_mels] host staging for the transpose
    private final float[] awaitRow;     // [d], the target of awaitDevice's one-row read
    private boolean closed;
    private boolean hasAudio;

    WhisperSession(WhisperModel model, DType crossCache) {
        this.model = model;
        this.backend = model.backend();
        this.crossCache = crossCache;
        this.config = model.config();
        synchronized (backend) {
            this.encoder = new AudioEncoder(backend, config, model.weights());
            this.decoder = new TextDecoder(backend, config, model.weights(), 1, crossCache);
            this.audioFeatures = backend.allocate(config.audioContext(), config.audioState());
        }
        this.melTimeMajor = new float[config.melFrames() * config.melCount()];
        this.awaitRow = new float[config.audioState()];
    }

    public WhisperModel model() {
        return model;
    }

    /**
     * Encodes one 30 s window and makes it the audio the decoder attends to; the token cache is emptied.
     *
     * @param mel [n_mels × 3000] row-major log-mel, as {@code pad_or_trim(log_mel_spectrogram(...), 3000)}
     */
    public void encode(float[] mel) {
        toTimeMajor(mel);
        synchronized (backend) {
            requireOpen();
            encoder.encode(melTimeMajor, audioFeatures);
            decoder.setAudio(audioFeatures);
            hasAudio = true;
        }
    }

    /** Checks a [n_mels × 3000] window and transposes it into the encoder's time-major staging. */
    private void toTimeMajor(float[] mel) {
        int frames = config.melFrames();
        int bins = config.melCount();
        if (mel.length != frames * bins) {
            throw new IllegalArgumentException("the encoder takes a " + bins + " × " + frames + " mel window ("
                    + frames * bins + " values), not " + mel.length + " values"
                    + (mel.length % frames == 0 ? " (" + mel.length / frames + " mel bins? this model uses " + bins + ")" : ""));
        }
        for (int m = 0; m < bins; m++) {
            for (int t = 0; t < frames; t++) {
                melTimeMajor[t * bins + m] = mel[m * frames + t];
            }
        }
    }

    /**
     * Runs only the encoder on one window, without the decoder's cross-attention keys and values, and waits for the
     * device: the encoder's share of {@link #encode}, for benchmarks. The decoder has no audio afterwards; call
     * {@link #encode} before decoding.
     */
    public void encodeAudioOnly(float[] mel) {
        toTimeMajor(mel);
        synchronized (backend) {
            requireOpen();
            encoder.encode(melTimeMajor, audioFeatures);
            hasAudio = false;
            awaitBackend();
        }
    }

    /**
     * Waits until the backend has finished everything queued so far (a one-row read: backends run their ops in
     * order, and a read waits for those before it). On a device, ops may return before they run; a benchmark that
     * times {@link #encode} calls this to time the work rather than its queuing.
     */
    public void awaitDevice() {
        synchronized (backend) {
            requireOpen();
            awaitBackend();
        }
    }

    private void awaitBackend() {
        Tensor lastRow = backend.rows(audioFeatures, config.audioContext() - 1, 1);
        backend.read(lastRow, awaitRow);
    }

    /** The current window's encoder output [n_audio_ctx × d], copied to the host. */
    public float[] audioFeatures() {
        float[] out = new float[config.audioContext() * config.audioState()];
        synchronized (backend) {
            requireOpen();
            backend.read(audioFeatures, out);
        }
        return out;
    }

    /** Tokens already in the decoder's cache. */
    public int decodedLength() {
        return decoder.length();
    }

    /** Drops cached tokens after the first {@code keep} (0 restarts decoding on the same audio). */
    public void rewind(int keep) {
        synchronized (backend) {
            decoder.truncate(keep);
        }
    }

    /**
     * Feeds tokens to {@code batch} sequences decoded side by side (beams, or best-of samples) and writes each
     * one's next-token logits into {@code logits} [batch × n_vocab]. The batch size can change only after
     * {@link #rewind rewinding} to 0.
     *
     * @param tokens sequence-major: {@code tokens.length / batch} new tokens per sequence
     */
    public void decodeBatch(int[] tokens, int batch, float[] logits) {
        if (logits.length != batch * config.vocabularySize()) {
            throw new IllegalArgumentException("logits buffer has " + logits.length + " slots; " + batch
                    + " sequences need " + batch * config.vocabularySize());
        }
        synchronized (backend) {
            requireOpen();
            if (batch > decoder.capacity()) {
                growDecoder(batch);
            }
            decoder.forward(tokens, batch, logits);
        }
    }

    /** Sequence {@code i} of the batch continues from the cache of sequence {@code sources[i]}. */
    public void reorderSequences(int[] sources) {
        synchronized (backend) {
            requireOpen();
            decoder.reorder(sources);
        }
    }

    /** A decoder for more sequences, attending to the same window; only when the cache is empty. */
    private void growDecoder(int batch) {
        if (decoder.length() > 0) {
            throw new IllegalArgumentException("the cache holds " + decoder.batch() + " sequences; rewind to 0 to decode "
                    + batch);
        }
        decoder.close();
        decoder = new TextDecoder(backend, config, model.weights(), batch, crossCache);
        if (hasAudio) {
            decoder.setAudio(audioFeatures);
        }
    }

    /** Feeds {@code tokens} after the cached ones; returns the next-token logits [n_vocab]. */
    public float[] decode(int... tokens) {
        float[] logits = new float[config.vocabularySize()];
        decode(tokens, logits);
        return logits;
    }

    /** As {@link #decode(int...)}, into a caller-owned [n_vocab] array. */
    public void decode(int[] tokens, float[] logits) {
        if (logits.length != config.vocabularySize()) {
            throw new IllegalArgumentException("logits buffer has " + logits.length + " slots, the vocabulary " + config.vocabularySize());
        }
        synchronized (backend) {
            requireOpen();
            decoder.forward(tokens, 1, logits);
        }
    }

    /** Feeds {@code tokens}; returns the logits after every one of them, [T × n_vocab] (teacher forcing). */
    public float[] decodeAll(int... tokens) {
        float[] logits = new float[tokens.length * config.vocabularySize()];
        synchronized (backend) {
            requireOpen();
            decoder.forwardAll(tokens, logits);
        }
        return logits;
    }

    /**
     * Teacher-forces {@code tokens} from an empty cache and returns their logits with the pre-softmax
     * cross-attention scores of the given heads, for word alignment.
     *
     * @param heads {layer, head} pairs
     */
    public AlignmentPass alignmentPass(int[] tokens, int[][] heads) {
        int count = tokens.length;
        int frames = config.audioContext();
        int headCount = config.textHeads();
        float[] logits = new float[count * config.vocabularySize()];
        float[][] scores = new float[heads.length][];
        synchronized (backend) {
            requireOpen();
            Tensor[] byLayer = new Tensor[config.textLayers()];
            for (int[] head : heads) {
                if (head[0] < 0 || head[0] >= config.textLayers() || head[1] < 0 || head[1] >= headCount) {
                    throw new IllegalArgumentException("no alignment head " + java.util.Arrays.toString(head) + " in a model of "
                            + config.textLayers() + " layers × " + headCount + " heads");
                }
                if (byLayer[head[0]] == null) {
                    byLayer[head[0]] = backend.allocate(headCount * count, frames);
                }
            }
            try {
                decoder.truncate(0);
                decoder.forwardAll(tokens, logits, byLayer);
                float[] layerScores = new float[headCount * count * frames];
                for (int layer = 0; layer < byLayer.length; layer++) {
                    if (byLayer[layer] == null) {
                        continue;
                    }
                    backend.read(byLayer[layer], layerScores);
                    for (int h = 0; h < heads.length; h++) {
                        if (heads[h][0] == layer) {
                            scores[h] = java.util.Arrays.copyOfRange(layerScores, heads[h][1] * count * frames,
                                    (heads[h][1] + 1) * count * frames);
                        }
                    }
                }
            } finally {
                for (Tensor t : byLayer) {
                    if (t != null) {
                        backend.release(t);
                    }
                }
            }
        }
        return new AlignmentPass(logits, scores, count, frames);
    }

    /**
     * @param logits [T × n_vocab]
     * @param scores per requested head, [T × n_audio_ctx] pre-softmax scaled q·kᵀ
     */
    public record AlignmentPass(float[] logits, float[][] scores, int tokens, int frames) {
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("this session is closed");
        }
    }

    @Override
    public void close() {
        synchronized (backend) {
            if (closed) {
                return;
            }
            closed = true;
            encoder.close();
            decoder.close();
            backend.release(audioFeatures);
        }
    }
}
