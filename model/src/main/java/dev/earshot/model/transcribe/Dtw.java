package dev.earshot.model.transcribe;

/**
 * Dynamic time warping as openai's {@code dtw_cpu}: float32 cumulative costs, ties broken diagonal, then up,
 * then left, and the backtrace's edges forced (first row left, first column up).
 */
final class Dtw {

    private Dtw() {
    }

    /**
     * @param cost [rows × cols] row-major
     * @return {text indices, time indices} along the path, from (0, 0) to (rows−1, cols−1)
     */
    static int[][] path(float[] cost, int rows, int cols) {
        float[] total = new float[(rows + 1) * (cols + 1)];   // [rows+1 × cols+1]
        byte[] trace = new byte[(rows + 1) * (cols + 1)];     // 0 diagonal, 1 up, 2 left
        java.util.Arrays.fill(total, Float.POSITIVE_INFINITY);
        total[0] = 0f;
        int width = cols + 1;
        for (int j = 1; j <= cols; j++) {
            for (int i = 1; i <= rows; i++) {
                float c0 = total[(i - 1) * width + j - 1];
                float c1 = total[(i - 1) * width + j];
                float c2 = total[i * width + j - 1];
                float c;
                byte t;
                if (c0 < c1 && c0 < c2) {
                    c = c0;
                    t = 0;
                } else if (c1 < c0 && c1 < c2) {
                    c = c1;
                    t = 1;
                } else {
                    c = c2;
                    t = 2;
                }
                total[i * width + j] = cost[(i - 1) * cols + j - 1] + c;
                trace[i * width + j] = t;
            }
        }
        for (int j = 0; j <= cols; j++) {
            trace[j] = 2;
        }
        for (int i = 0; i <= rows; i++) {
            trace[i * width] = 1;
        }
        int i = rows;
        int j = cols;
        int[] textIndices = new int[rows + cols];
        int[] timeIndices = new int[rows + cols];
        int length = 0;
        while (i > 0 || j > 0) {
            textIndices[length] = i - 1;
            timeIndices[length] = j - 1;
            length++;
            switch (trace[i * width + j]) {
                case 0 -> {
                    i--;
                    j--;
                }
                case 1 -> i--;
                default -> j--;
            }
        }
        int[][] path = new int[2][length];
        for (int k = 0; k < length; k++) {
            path[0][k] = textIndices[length - 1 - k];
            path[1][k] = timeIndices[length - 1 - k];
        }
        return path;
    }
}
