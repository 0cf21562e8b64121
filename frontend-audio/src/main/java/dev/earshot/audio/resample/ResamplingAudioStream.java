package dev.earshot.audio.resample;

import dev.earshot.audio.AudioStream;

import java.io.IOException;

/** Another {@link AudioStream} at a different sample rate, converted block by block as it is read. */
public final class ResamplingAudioStream implements AudioStream {

    private static final int INPUT_BLOCK = 8192;

    private final AudioStream source;
    private final SincResampler resampler;
    private final float[] input = new float[INPUT_BLOCK];

    public ResamplingAudioStream(AudioStream source, int outputRate, SincFilterDesign design) {
        this.source = source;
        this.resampler = new SincResampler(source.sampleRate(), outputRate, design);
    }

    @Override
    public int sampleRate() {
        return resampler.outputRate();
    }

    @Override
    public long sampleCount() {
        long sourceCount = source.sampleCount();
        return sourceCount < 0 ? UNKNOWN_LENGTH : SincResampler.outputLength(sourceCount, source.sampleRate(), sampleRate());
    }

    @Override
    public String description() {
        return source.description() + ", resampled to " + sampleRate() + " Hz";
    }

    @Override
    public int read(float[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (true) {
            int produced = resampler.read(buffer, offset, length);
            if (produced != 0) {
                return produced;
            }
            int n = source.read(input, 0, INPUT_BLOCK);
            if (n < 0) {
                resampler.endInput();
            } else {
                resampler.write(input, 0, n);
            }
        }
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
