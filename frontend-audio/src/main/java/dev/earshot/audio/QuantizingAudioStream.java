package dev.earshot.audio;

import java.io.IOException;

/** Rounds another stream's samples to 16 bits as they are read. */
final class QuantizingAudioStream implements AudioStream {

    private final AudioStream source;
    private final Int16Rounding rounding;

    QuantizingAudioStream(AudioStream source, Int16Rounding rounding) {
        this.source = source;
        this.rounding = rounding;
    }

    @Override
    public int sampleRate() {
        return source.sampleRate();
    }

    @Override
    public long sampleCount() {
        return source.sampleCount();
    }

    @Override
    public String description() {
        return source.description() + ", rounded to 16 bits";
    }

    @Override
    public int read(float[] buffer, int offset, int length) throws IOException {
        int n = source.read(buffer, offset, length);
        for (int i = 0; i < n; i++) {
            buffer[offset + i] = rounding.apply(buffer[offset + i]);
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
