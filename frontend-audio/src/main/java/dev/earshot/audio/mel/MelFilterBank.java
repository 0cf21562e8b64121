package dev.earshot.audio.mel;

/**
 * Slaney-style triangular mel filters, area-normalised: what openai/whisper ships as
 * {@code assets/mel_filters.npz} ({@code librosa.filters.mel(sr=16000, n_fft=400, n_mels=80|128)}).
 * Computed here rather than shipped; a test proves equality with openai's stored filters.
 *
 * <p>Each filter is non-zero on a short run of FFT bins, so only that run is kept: applying the bank
 * to a power spectrum costs about 2 × n_fft/2 multiplications instead of n_mels × (n_fft/2 + 1).
 */
public final class MelFilterBank {

    // Slaney's mel scale: linear below 1 kHz (200/3 Hz per mel), logarithmic above.
    private static final double LINEAR_HZ_PER_MEL = 200.0 / 3.0;
    private static final double LOG_REGION_START_HZ = 1000.0;
    private static final double LOG_REGION_START_MEL = LOG_REGION_START_HZ / LINEAR_HZ_PER_MEL;
    private static final double LOG_STEP = Math.log(6.4) / 27.0;

    private final int melCount;
    private final int binCount;
    private final int[] firstBin;      // [melCount] first non-zero bin of each filter
    private final float[][] weights;   // [melCount][run length] the non-zero run

    private MelFilterBank(int melCount, int binCount, int[] firstBin, float[][] weights) {
        this.melCount = melCount;
        this.binCount = binCount;
        this.firstBin = firstBin;
        this.weights = weights;
    }

    /** The bank Whisper uses: 16 kHz audio, 400-point FFT, 0–8000 Hz, {@code melCount} = 80 or 128. */
    public static MelFilterBank whisper(int melCount) {
        return slaney(16000, 400, melCount, 0.0, 8000.0);
    }

    /**
     * Follows librosa's arithmetic step by step (float64, weights stored as float32, then scaled by the
     * float64 normalisation and rounded again), so the result equals openai's stored filters bit for bit.
     */
    public static MelFilterBank slaney(int sampleRate, int fftSize, int melCount, double minHz, double maxHz) {
        if (melCount <= 0 || fftSize <= 0 || sampleRate <= 0 || !(maxHz > minHz)) {
            throw new IllegalArgumentException("bad mel filter parameters: " + melCount + " mels, fft " + fftSize
                    + ", " + sampleRate + " Hz, band " + minHz + "–" + maxHz + " Hz");
        }
        int binCount = fftSize / 2 + 1;
        double binSpacingHz = 1.0 / (fftSize * (1.0 / sampleRate)); // numpy.fft.rfftfreq
        double[] binHz = new double[binCount];
        for (int k = 0; k < binCount; k++) {
            binHz[k] = k * binSpacingHz;
        }
        // melCount + 2 edges evenly spaced in mel (numpy.linspace: i * step + start, last = stop exactly).
        int edgeCount = melCount + 2;
        double minMel = hzToMel(minHz);
        double maxMel = hzToMel(maxHz);
        double step = (maxMel - minMel) / (edgeCount - 1);
        double[] edgeHz = new double[edgeCount];
        for (int i = 0; i < edgeCount; i++) {
            double mel = (i == edgeCount - 1) ? maxMel : i * step + minMel;
            edgeHz[i] = melToHz(mel);
        }

        int[] firstBin = new int[melCount];
        float[][] weights = new float[melCount][];
        float[] row = new float[binCount];
        for (int m = 0; m < melCount; m++) {
            double lowerWidth = edgeHz[m + 1] - edgeHz[m];
            double upperWidth = edgeHz[m + 2] - edgeHz[m + 1];
            double areaNorm = 2.0 / (edgeHz[m + 2] - edgeHz[m]);
            int first = -1;
            int last = -1;
            for (int k = 0; k < binCount; k++) {
                double rising = -(edgeHz[m] - binHz[k]) / lowerWidth;
                double falling = (edgeHz[m + 2] - binHz[k]) / upperWidth;
                float w = (float) Math.max(0.0, Math.min(rising, falling));
                row[k] = (float) (w * areaNorm);
                if (row[k] != 0f) {
                    if (first < 0) {
                        first = k;
                    }
                    last = k;
                }
            }
            if (first < 0) { // an empty filter (too many mels for the FFT size): keep a zero-length run
                first = 0;
                last = -1;
            }
            firstBin[m] = first;
            weights[m] = java.util.Arrays.copyOfRange(row, first, last + 1);
        }
        return new MelFilterBank(melCount, binCount, firstBin, weights);
    }

    static double hzToMel(double hz) {
        if (hz >= LOG_REGION_START_HZ) {
            return LOG_REGION_START_MEL + Math.log(hz / LOG_REGION_START_HZ) / LOG_STEP;
        }
        return hz / LINEAR_HZ_PER_MEL;
    }

    static double melToHz(double mel) {
        if (mel >= LOG_REGION_START_MEL) {
            return LOG_REGION_START_HZ * Math.exp(LOG_STEP * (mel - LOG_REGION_START_MEL));
        }
        return LINEAR_HZ_PER_MEL * mel;
    }

    public int melCount() {
        return melCount;
    }

    /** Number of FFT bins the bank reads: n_fft/2 + 1. */
    public int binCount() {
        return binCount;
    }

    /** The dense matrix [melCount × binCount], row-major, as openai stores it. */
    public float[] toDense() {
        float[] dense = new float[melCount * binCount];
        for (int m = 0; m < melCount; m++) {
            System.arraycopy(weights[m], 0, dense, m * binCount + firstBin[m], weights[m].length);
        }
        return dense;
    }

    /** {@code melEnergy[m] = Σ_k filter[m][k] · power[k]} for one frame. */
    void apply(double[] power, double[] melEnergy) {
        for (int m = 0; m < melCount; m++) {
            float[] w = weights[m];
            int offset = firstBin[m];
            double sum = 0;
            for (int j = 0; j < w.length; j++) {
                sum += w[j] * power[offset + j];
            }
            melEnergy[m] = sum;
        }
    }
}
