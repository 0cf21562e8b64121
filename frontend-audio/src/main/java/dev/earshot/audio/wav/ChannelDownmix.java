package dev.earshot.audio.wav;

/**
 * Mono as the mean of all channels. For stereo this is ffmpeg's {@code -ac 1}, (L + R) / 2, which openai/whisper
 * relies on; for more channels ffmpeg weighs them by speaker layout instead, which a plain mean does not copy.
 */
final class ChannelDownmix {

    private ChannelDownmix() {
    }

    static void mean(float[] interleaved, int frames, int channels, float[] mono, int monoOffset) {
        // A double sum keeps (L + R) / 2 of 16-bit input exact and 24-bit and wider input within one float rounding.
        for (int frame = 0, i = 0; frame < frames; frame++) {
            double sum = 0;
            for (int c = 0; c < channels; c++, i++) {
                sum += interleaved[i];
            }
            mono[monoOffset + frame] = (float) (sum / channels);
        }
    }
}
