package dev.earshot.backend.cpu;

/**
 * A weight [rows × cols] in 8-bit blocks like ggml's q8_0: each run of {@value #BLOCK} elements of a row has a
 * scale d = max|w| / 127 and {@value #BLOCK} signed bytes q = round(w / d), so w ≈ d·q with an error of at most
 * d/2 per element. Kept on the heap next to the stored weight, which still serves every other use (the
 * embedding lookup, products of many rows), so only the token-by-token GEMVs see the rounding.
 *
 * <p>The scale is kept as a float (ggml rounds it to f16): the same bytes per element within 6%, and one
 * rounding fewer.
 */
final class QuantizedRows {

    static final int BLOCK = 32;
    /** Rows quantized per task. */
    private static final int ROWS_PER_TASK = 64;

    /** [rows × cols] the quantized elements, row-major. */
    final byte[] quants;
    /** [rows × cols/BLOCK] the block scales. */
    final float[] scales;
    final int rows;
    final int cols;

    private QuantizedRows(byte[] quants, float[] scales, int rows, int cols) {
        this.quants = quants;
        this.scales = scales;
        this.rows = rows;
        this.cols = cols;
    }

    /** Whether a weight of this width splits into whole blocks (every Whisper projection does). */
    static boolean fits(int cols) {
        return cols % BLOCK == 0;
    }

    /** Quantizes {@code weight} with the pool's workers; the same bytes whatever the thread count. */
    static QuantizedRows quantize(WorkerPool pool, StoredRows weight) {
        int rows = weight.rows();
        int cols = weight.cols();
        if (!fits(cols)) {
            throw new IllegalArgumentException("cannot quantize a weight of " + cols + " columns to q8_0: blocks are "
                    + BLOCK + " elements, so the width must be a multiple of " + BLOCK);
        }
        int blocks = cols / BLOCK;
        byte[] quants = new byte[Math.multiplyExact(rows, cols)];
        float[] scales = new float[rows * blocks];
        pool.run(LinearKernel.ceilDiv(rows, ROWS_PER_TASK), (task, scratch) -> {
            float[] row = scratch.row(cols);
            for (int r = task * ROWS_PER_TASK; r < Math.min(rows, (task + 1) * ROWS_PER_TASK); r++) {
                weight.readFloats((long) r * cols, cols, row, 0);
                for (int b = 0; b < blocks; b++) {
                    scales[r * blocks + b] = quantizeBlock(row, b * BLOCK, quants, r * cols + b * BLOCK);
                }
            }
        });
        return new QuantizedRows(quants, scales, rows, cols);
    }

    /** Writes one block's bytes and returns its scale (0 for an all-zero block, whose bytes are then 0). */
    static float quantizeBlock(float[] values, int from, byte[] quants, int to) {
        float largest = 0;
        for (int i = 0; i < BLOCK; i++) {
            float magnitude = Math.abs(values[from + i]);
            if (!(magnitude <= Float.MAX_VALUE)) {
                throw new IllegalArgumentException("cannot quantize a weight holding " + values[from + i]
                        + ": q8_0 needs finite weights; this checkpoint is damaged, use it unquantized to see where");
            }
            largest = Math.max(largest, magnitude);
        }
        float scale = largest / 127;
        float inverse = scale == 0 ? 0 : 1 / scale;
        for (int i = 0; i < BLOCK; i++) {
            // |w·inverse| ≤ 127 up to rounding; the clamp keeps a rounded-up 127.00001 from wrapping
            quants[to + i] = (byte) Math.max(-127, Math.min(127, Math.round(values[from + i] * inverse)));
        }
        return scale;
    }
}
