package dev.earshot.model.random;

/**
 * openai/whisper's encoder positional embedding, {@code sinusoids(n_audio_ctx, d)}: for position t and
 * channel i < d/2, sin(t·e^(−i·ln(10000)/(d/2 − 1))) then the cosines. Real checkpoints hold exactly this
 * (rounded through f16), so a benchmark model uses it too rather than noise.
 */
final class Sinusoids {

    private Sinusoids() {
    }

    static float value(long flatIndex, int channels) {
        long position = flatIndex / channels;
        int channel = (int) (flatIndex % channels);
        int half = channels / 2;
        double increment = Math.log(10000.0) / (half - 1);
        int frequency = channel < half ? channel : channel - half;
        // float32 as torch computes it: the timescale and the product are float32 before sin/cos.
        float inverseTimescale = (float) Math.exp(-increment * frequency);
        float scaledTime = position * inverseTimescale;
        double angle = scaledTime;
        return (float) (channel < half ? Math.sin(angle) : Math.cos(angle));
    }
}
