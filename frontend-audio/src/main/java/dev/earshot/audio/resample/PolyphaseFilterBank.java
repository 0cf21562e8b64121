package dev.earshot.audio.resample;

/**
 * The resampling filter tabulated at every fractional offset an output sample can have between two input samples.
 * For a ratio up/down in lowest terms there are exactly {@code up} such offsets; when {@code up} is so large that the
 * table would not be small, it is tabulated on a fine grid instead and interpolated linearly between rows (an error
 * far below 16-bit resolution).
 */
final class PolyphaseFilterBank {

    static final int MAX_EXACT_PHASES = 4096;
    private static final int GRID_ROWS = 4096;

    private final int up;
    private final int halfTaps;
    private final int taps;
    private final boolean interpolated;
    private final float[] table;

    PolyphaseFilterBank(int up, int down, SincFilterDesign design) {
        this.up = up;
        double bandwidth = design.bandwidth(up, down);
        double halfWidth = design.zeroCrossings() / bandwidth; // in input samples
        this.halfTaps = (int) Math.ceil(halfWidth);
        this.taps = 2 * halfTaps;
        this.interpolated = up > MAX_EXACT_PHASES;
        int rows = interpolated ? GRID_ROWS + 1 : up;
        int gridSteps = interpolated ? GRID_ROWS : up;
        KaiserWindow window = new KaiserWindow(design.kaiserBeta());
        this.table = new float[rows * taps];
        double[] row = new double[taps];
        for (int r = 0; r < rows; r++) {
            double fraction = (double) r / gridSteps;
            double sum = 0;
            for (int k = 0; k < taps; k++) {
                // Tap k multiplies input sample (base − halfTaps + 1 + k); its distance from the output instant:
                double distance = fraction + halfTaps - 1 - k;
                row[k] = bandwidth * sinc(bandwidth * distance) * window.at(distance / halfWidth);
                sum += row[k];
            }
            // Unit gain at DC for every phase, so a constant stays constant instead of rippling at the phase rate.
            for (int k = 0; k < taps; k++) {
                table[r * taps + k] = (float) (row[k] / sum);
            }
        }
    }

    /** Input samples used on each side of an output instant. */
    int halfTaps() {
        return halfTaps;
    }

    /**
     * One output sample.
     *
     * @param input holds the {@code 2·halfTaps} input samples around the output instant from {@code start}
     * @param phase the output instant lies {@code phase/up} of the way from input sample
     *     {@code start + halfTaps − 1} to the next
     */
    double convolve(float[] input, int start, int phase) {
        double sum = 0;
        if (!interpolated) {
            int row = phase * taps;
            for (int k = 0; k < taps; k++) {
                sum += table[row + k] * input[start + k];
            }
            return sum;
        }
        double position = (double) phase / up * GRID_ROWS;
        int lower = (int) position;
        float weight = (float) (position - lower);
        int rowA = lower * taps;
        int rowB = rowA + taps;
        for (int k = 0; k < taps; k++) {
            float a = table[rowA + k];
            sum += (a + weight * (table[rowB + k] - a)) * input[start + k];
        }
        return sum;
    }

    private static double sinc(double x) {
        if (x == 0) {
            return 1;
        }
        double px = Math.PI * x;
        return Math.sin(px) / px;
    }
}
