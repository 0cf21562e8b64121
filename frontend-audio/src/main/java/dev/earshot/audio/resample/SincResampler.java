package dev.earshot.audio.resample;

import java.util.Arrays;

/**
 * Band-limited sample-rate conversion of a mono signal, fed and drained in blocks of any size: the result does not
 * depend on how the input is split. Output sample n is the filtered input at time n·inputRate/outputRate (in input
 * samples), with silence assumed before the first and after the last input sample; a signal of N input samples gives
 * ⌈N·outputRate/inputRate⌉ output samples, the count ffmpeg gives.
 *
 * <p>Use: {@link #write} input, {@link #read} until it returns 0, repeat; at the end {@link #endInput()} and
 * {@link #read} until it returns -1.
 */
public final class SincResampler {

    private final int inputRate;
    private final int outputRate;
    private final int up;
    private final int down;
    private final PolyphaseFilterBank filter;
    private final int halfTaps;
    /** Input samples from absolute index {@code bufferStart}; negative indices are the leading silence. */
    private float[] buffer;
    private long bufferStart;
    private int bufferLength;
    /** The next output instant is input sample {@code nextBase} plus {@code nextPhase/up}. */
    private long nextBase;
    private long nextPhase;
    private long inputCount;
    private long outputCount;
    private long outputTotal = -1;

    public SincResampler(int inputRate, int outputRate, SincFilterDesign design) {
        if (inputRate <= 0 || outputRate <= 0) {
            throw new IllegalArgumentException("sample rates must be positive, got " + inputRate + " -> " + outputRate);
        }
        this.inputRate = inputRate;
        this.outputRate = outputRate;
        int common = gcd(inputRate, outputRate);
        this.up = outputRate / common;
        this.down = inputRate / common;
        this.filter = new PolyphaseFilterBank(up, down, design);
        this.halfTaps = filter.halfTaps();
        this.buffer = new float[Math.max(4 * halfTaps, 4096)];
        this.bufferStart = -halfTaps;
        this.bufferLength = halfTaps;
    }

    /** Output samples for {@code inputLength} input samples: ⌈inputLength·outputRate/inputRate⌉. */
    public static long outputLength(long inputLength, int inputRate, int outputRate) {
        int common = gcd(inputRate, outputRate);
        long up = outputRate / common;
        long down = inputRate / common;
        return Math.ceilDiv(Math.multiplyExact(inputLength, up), down);
    }

    public int inputRate() {
        return inputRate;
    }

    public int outputRate() {
        return outputRate;
    }

    public void write(float[] samples, int offset, int length) {
        if (outputTotal >= 0) {
            throw new IllegalStateException("write after endInput()");
        }
        discardConsumed();
        append(samples, offset, length);
        inputCount += length;
    }

    /** No more input: the remaining output is computed with silence after the last sample. */
    public void endInput() {
        if (outputTotal >= 0) {
            return;
        }
        outputTotal = outputLength(inputCount, inputRate, outputRate);
        discardConsumed();
        append(new float[halfTaps], 0, halfTaps);
    }

    /**
     * Writes up to {@code length} output samples to {@code out[offset..]}.
     *
     * @return how many, 0 when more input is needed first, -1 when all output has been read after {@link #endInput()}
     */
    public int read(float[] out, int offset, int length) {
        int produced = 0;
        while (produced < length && outputCount != outputTotal) {
            if (nextBase + halfTaps >= bufferStart + bufferLength) {
                break;
            }
            int start = (int) (nextBase - halfTaps + 1 - bufferStart);
            out[offset + produced++] = (float) filter.convolve(buffer, start, (int) nextPhase);
            nextPhase += down;
            nextBase += nextPhase / up;
            nextPhase %= up;
            outputCount++;
        }
        return produced == 0 && length > 0 && outputCount == outputTotal ? -1 : produced;
    }

    private void discardConsumed() {
        long firstNeeded = nextBase - halfTaps + 1;
        int drop = (int) Math.min(bufferLength, Math.max(0, firstNeeded - bufferStart));
        if (drop > 0) {
            System.arraycopy(buffer, drop, buffer, 0, bufferLength - drop);
            bufferLength -= drop;
            bufferStart += drop;
        }
    }

    private void append(float[] samples, int offset, int length) {
        if (bufferLength + length > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(bufferLength + length, 2 * buffer.length));
        }
        System.arraycopy(samples, offset, buffer, bufferLength, length);
        bufferLength += length;
    }

    private static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
