package dev.earshot.backend.cpu;

import java.lang.foreign.MemorySegment;

/**
 * A weight [m × k] repacked for {@link PanelGemm}: panels of {@value PanelGemm#PANEL} output columns, each
 * [k × {@value PanelGemm#PANEL}] row-major, so the micro-kernel reads a panel as consecutive whole vectors; the
 * last panel is padded with zero columns. Always F32 whatever the stored type, so the inner loop converts nothing.
 *
 * <p>This is a second copy of the weight, off the heap and cache-line aligned ({@link AlignedFloats}; 4 bytes an
 * element: the checkpoint's size for F32, twice it for F16/BF16). It is made only for weights multiplied by many activation rows at once (the encoder, conv1d,
 * cross-attention K/V, long decoder prompts), and it is what lets the encoder reach a large fraction of the FMA
 * peak: the dot-product kernel reaches about a quarter of it.
 */
final class PackedPanels {

    /** [panels × k × PANEL] floats, each panel row starting on a cache line (PANEL floats are whole lines). */
    final MemorySegment values;
    final int rows;
    final int cols;

    private PackedPanels(MemorySegment values, int rows, int cols) {
        this.values = values;
        this.rows = rows;
        this.cols = cols;
    }

    static int panels(int rows) {
        return LinearKernel.ceilDiv(rows, PanelGemm.PANEL);
    }

    /** Packs {@code weight} with the pool's workers, one panel per task; the same bits whatever the thread count. */
    static PackedPanels pack(WorkerPool pool, StoredRows weight) {
        int m = weight.rows();
        int k = weight.cols();
        int width = PanelGemm.PANEL;
        MemorySegment packed = AlignedFloats.allocate(Math.multiplyExact((long) panels(m) * width, k));
        pool.run(panels(m), (panel, scratch) -> {
            float[] row = scratch.row(k);
            long base = (long) panel * k * width;
            for (int j = 0; j < width; j++) {
                int r = panel * width + j;
                if (r >= m) {
                    break; // padding columns stay zero
                }
                weight.readFloats((long) r * k, k, row, 0);
                for (int c = 0; c < k; c++) {
                    AlignedFloats.set(packed, base + (long) c * width + j, row[c]);
                }
            }
        });
        return new PackedPanels(packed, m, k);
    }
}
