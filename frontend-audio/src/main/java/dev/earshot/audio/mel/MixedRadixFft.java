package dev.earshot.audio.mel;

/**
 * Complex FFT of any length whose prime factors are small (Whisper's 400 = 4·4·5·5), by recursive
 * decimation in time. Plans once (factors, twiddles); {@link #transform} allocates nothing, so one instance
 * per thread serves every frame. Not thread-safe: it owns its scratch buffers.
 */
final class MixedRadixFft {

    private final int size;
    private final int[] radices;      // the factorisation, applied outermost first
    private final double[] cosTable;  // [size] cos(2πk/size)
    private final double[] sinTable;  // [size] sin(2πk/size)
    private final double[] butterflyRe;
    private final double[] butterflyIm;

    MixedRadixFft(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("FFT size must be positive: " + size);
        }
        this.size = size;
        this.radices = factor(size);
        this.cosTable = new double[size];
        this.sinTable = new double[size];
        for (int k = 0; k < size; k++) {
            double angle = 2 * Math.PI * k / size;
            cosTable[k] = Math.cos(angle);
            sinTable[k] = Math.sin(angle);
        }
        int largestRadix = 1;
        for (int r : radices) {
            largestRadix = Math.max(largestRadix, r);
        }
        this.butterflyRe = new double[largestRadix];
        this.butterflyIm = new double[largestRadix];
    }

    private static int[] factor(int n) {
        int[] buffer = new int[32];
        int count = 0;
        int rest = n;
        for (int radix : new int[] {4, 2, 3, 5}) {
            while (rest % radix == 0) {
                buffer[count++] = radix;
                rest /= radix;
            }
        }
        for (int p = 7; rest > 1; p += 2) {
            while (rest % p == 0) {
                buffer[count++] = p;
                rest /= p;
            }
        }
        return java.util.Arrays.copyOf(buffer, count);
    }

    int size() {
        return size;
    }

    /**
     * Forward transform {@code X[k] = Σ x[n]·e^(−2πi·nk/N)} of {@code (inRe, inIm)} into {@code (outRe, outIm)}.
     * The output arrays must not alias the input.
     */
    void transform(double[] inRe, double[] inIm, double[] outRe, double[] outIm) {
        transform(inRe, inIm, 0, 1, outRe, outIm, 0, size, 0);
    }

    private void transform(double[] inRe, double[] inIm, int inOffset, int stride,
                           double[] outRe, double[] outIm, int outOffset, int n, int level) {
        if (n == 1) {
            outRe[outOffset] = inRe[inOffset];
            outIm[outOffset] = inIm[inOffset];
            return;
        }
        int radix = radices[level];
        int subSize = n / radix;
        // Sub-transforms of the decimated sequences x[r], x[r + radix], … land in consecutive blocks.
        for (int r = 0; r < radix; r++) {
            transform(inRe, inIm, inOffset + r * stride, stride * radix, outRe, outIm, outOffset + r * subSize,
                    subSize, level + 1);
        }
        int twiddleStep = size / n; // e^(−2πi/n) is table entry size/n
        for (int k = 0; k < subSize; k++) {
            for (int r = 0; r < radix; r++) {
                butterflyRe[r] = outRe[outOffset + r * subSize + k];
                butterflyIm[r] = outIm[outOffset + r * subSize + k];
            }
            for (int q = 0; q < radix; q++) {
                int outputIndex = k + q * subSize;
                double sumRe = 0;
                double sumIm = 0;
                for (int r = 0; r < radix; r++) {
                    int t = (int) (((long) r * outputIndex * twiddleStep) % size);
                    double c = cosTable[t];
                    double s = -sinTable[t];
                    sumRe += butterflyRe[r] * c - butterflyIm[r] * s;
                    sumIm += butterflyRe[r] * s + butterflyIm[r] * c;
                }
                outRe[outOffset + outputIndex] = sumRe;
                outIm[outOffset + outputIndex] = sumIm;
            }
        }
    }
}
