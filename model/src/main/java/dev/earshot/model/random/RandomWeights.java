package dev.earshot.model.random;

import dev.earshot.model.weights.TensorToWrite;
import dev.earshot.model.weights.WeightLayout;

import java.nio.charset.StandardCharsets;

/**
 * The value of every element of a random-weight Whisper, as a pure function of (seed, tensor name, element
 * index): a counter-based SplitMix64 stream, so any chunk of any tensor can be produced on its own, in any order,
 * and every file format written from the same seed holds the same numbers.
 *
 * <p>Scales follow PyTorch's default initialisation, which keeps activations finite through 32 layers:
 * weights and biases uniform in ±1/√fan_in, layer-norm gains 1 ± 0.1 and shifts ±0.1, token and decoder position
 * embeddings ±0.05 (logits stay O(1) over the whole vocabulary), the encoder positional embedding the real
 * sinusoids. With {@code roundToF16} every value is rounded through f16 first, so an f16 file and the f32 parts
 * of a mixed ggml file agree exactly.
 */
public final class RandomWeights {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    private static final double UNIT = 0x1.0p-53;
    private static final double EMBEDDING_BOUND = 0.05;
    private static final double NORM_SPREAD = 0.1;

    private final long seed;
    private final boolean roundToF16;

    public RandomWeights(long seed, boolean roundToF16) {
        this.seed = seed;
        this.roundToF16 = roundToF16;
    }

    /** The values of {@code entry}, chunk by chunk, for a writer. */
    public TensorToWrite.TensorContent contentOf(WeightLayout layout, WeightLayout.Entry entry) {
        String name = entry.openaiName();
        long[] shape = entry.shape();
        if (name.equals("encoder.positional_embedding")) {
            int channels = Math.toIntExact(shape[1]);
            return (first, out, count) -> {
                for (int i = 0; i < count; i++) {
                    out[i] = rounded(Sinusoids.value(first + i, channels));
                }
            };
        }
        long stream = mix(seed ^ mix(fnv1a(name)));
        Distribution d = distributionOf(layout, name, shape);
        return (first, out, count) -> {
            for (int i = 0; i < count; i++) {
                double u = uniform(stream, first + i);
                out[i] = rounded((float) (d.center + d.halfWidth * u));
            }
        };
    }

    /** {@code center ± halfWidth}, uniform. */
    private record Distribution(double center, double halfWidth) {
    }

    private static Distribution distributionOf(WeightLayout layout, String name, long[] shape) {
        boolean layerNorm = name.contains("_ln.") || name.startsWith("decoder.ln.") || name.startsWith("encoder.ln_post.");
        if (layerNorm) {
            return name.endsWith(".weight") ? new Distribution(1.0, NORM_SPREAD) : new Distribution(0.0, NORM_SPREAD);
        }
        if (name.equals("decoder.token_embedding.weight") || name.equals("decoder.positional_embedding")) {
            return new Distribution(0.0, EMBEDDING_BOUND);
        }
        long[] weightShape = shape;
        if (name.endsWith(".bias")) {
            // PyTorch bounds a layer's bias by its weight's fan-in (conv1: n_mels × 3, mlp.2: 4·d).
            WeightLayout.Entry weight = layout.byOpenaiName().get(name.substring(0, name.length() - "bias".length()) + "weight");
            weightShape = weight.shape();
        }
        long fanIn = 1;
        for (int i = 1; i < weightShape.length; i++) {
            fanIn *= weightShape[i];
        }
        return new Distribution(0.0, 1.0 / Math.sqrt(fanIn));
    }

    private float rounded(float value) {
        return roundToF16 ? Float.float16ToFloat(Float.floatToFloat16(value)) : value;
    }

    /** Uniform in [−1, 1) from the element's own SplitMix64 output. */
    private static double uniform(long stream, long index) {
        long bits = mix(stream + (index + 1) * GOLDEN_GAMMA);
        return ((bits >>> 11) * UNIT) * 2.0 - 1.0;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static long fnv1a(String text) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
        }
        return hash;
    }
}
