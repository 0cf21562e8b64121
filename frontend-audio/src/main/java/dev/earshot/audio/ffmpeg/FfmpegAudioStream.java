package dev.earshot.audio.ffmpeg;

import dev.earshot.audio.AudioStream;
import dev.earshot.audio.FfmpegFailedException;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.List;

/**
 * The standard output of a running ffmpeg: 16 kHz mono signed 16-bit PCM, turned into floats as int16 / 32768
 * exactly like openai/whisper. A failure is reported when the output ends, with what ffmpeg printed.
 */
public final class FfmpegAudioStream implements AudioStream {

    public static final int SAMPLE_RATE = 16000;
    private static final int BLOCK_SAMPLES = 32 * 1024;

    private final Process process;
    private final InputStream stdout;
    private final StderrTail stderr;
    private final String source;
    private final byte[] raw = new byte[2 * BLOCK_SAMPLES];
    /** A pipe read can end between the two bytes of a sample; the first one waits here. */
    private int pendingByte = -1;
    private boolean finished;

    private FfmpegAudioStream(Process process, String source) {
        this.process = process;
        this.source = source;
        this.stdout = process.getInputStream();
        this.stderr = new StderrTail(process.getErrorStream());
    }

    static FfmpegAudioStream start(List<String> command, String source) throws IOException {
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        return new FfmpegAudioStream(process, source);
    }

    @Override
    public int sampleRate() {
        return SAMPLE_RATE;
    }

    @Override
    public long sampleCount() {
        return UNKNOWN_LENGTH;
    }

    @Override
    public String description() {
        return source + " (decoded by ffmpeg to 16-bit PCM, 1 channel, " + SAMPLE_RATE + " Hz)";
    }

    @Override
    public int read(float[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (!finished) {
            int start = 0;
            if (pendingByte >= 0) {
                raw[0] = (byte) pendingByte;
                start = 1;
            }
            int want = 2 * Math.min(length, BLOCK_SAMPLES);
            int n = stdout.read(raw, start, want - start);
            if (n < 0) {
                finish();
                break;
            }
            int bytes = start + n;
            int samples = bytes / 2;
            pendingByte = bytes % 2 == 1 ? raw[bytes - 1] & 0xFF : -1;
            for (int i = 0; i < samples; i++) {
                buffer[offset + i] = (short) ((raw[2 * i] & 0xFF) | raw[2 * i + 1] << 8) / 32768f;
            }
            if (samples > 0) {
                return samples;
            }
        }
        return -1;
    }

    private void finish() throws IOException {
        finished = true;
        try {
            int exit = process.waitFor();
            String said = stderr.awaitText();
            if (exit != 0) {
                throw new FfmpegFailedException(source, exit, said);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new InterruptedIOException("interrupted while waiting for ffmpeg to finish decoding " + source);
        }
    }

    @Override
    public void close() throws IOException {
        if (process.isAlive()) {
            process.destroy(); // the caller stopped reading early; ffmpeg has nothing more to do
        }
        stdout.close();
    }
}
