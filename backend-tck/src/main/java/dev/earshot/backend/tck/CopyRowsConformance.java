package dev.earshot.backend.tck;

import dev.earshot.api.backend.Tensor;
import org.junit.jupiter.api.Test;

/** {@code copyRows}: row gathers between tensors and within one (beam reordering of KV caches). */
public interface CopyRowsConformance extends ConformanceContext {

    @Test
    default void copyRowsBetweenTensors() {
        float[] src = new SeededData(41).gaussian(6 * 16, 1);
        float[] dst = new SeededData(42).gaussian(4 * 16, 1);
        Tensor destination = activation(dst, 4, 16);

        backend().copyRows(destination, new int[] {3, 0}, activation(src, 6, 16), new int[] {5, 2});

        float[] expected = dst.clone();
        System.arraycopy(src, 5 * 16, expected, 3 * 16, 16);
        System.arraycopy(src, 2 * 16, expected, 0, 16);
        Agreement.assertExact("copyRows src rows 5, 2 → dst rows 3, 0", 16, read(destination), expected);
    }

    /**
     * Beam reordering in place: a rotation (each row moves to the next) and a duplication (a surviving beam
     * taking two slots). Copying row by row without staging would smear the first row over all of them.
     */
    @Test
    default void copyRowsWithinOneTensorIsAPermutation() {
        int cols = 24;
        float[] rows = new SeededData(43).gaussian(5 * cols, 1);
        Tensor cache = activation(rows, 5, cols);

        backend().copyRows(cache, new int[] {1, 2, 3, 4, 0}, cache, new int[] {0, 1, 2, 3, 4});

        Agreement.assertExact("rotation within one tensor", cols, read(cache),
                Agreement.selectRows(rows, cols, new int[] {4, 0, 1, 2, 3}));

        backend().copyRows(cache, new int[] {0, 1, 2}, cache, new int[] {2, 2, 0});
        Agreement.assertExact("duplication within one tensor", cols, read(cache),
                Agreement.selectRows(rows, cols, new int[] {1, 1, 4, 2, 3}));
    }

    /** Rows of a view index the view: the KV cache of one layer as rows [2, 6) of a larger buffer. */
    @Test
    default void copyRowsIndexesRowViews() {
        int cols = 8;
        float[] rows = new SeededData(44).gaussian(8 * cols, 1);
        Tensor buffer = activation(rows, 8, cols);
        Tensor view = backend().rows(buffer, 2, 4);

        backend().copyRows(view, new int[] {0, 3}, view, new int[] {3, 0});

        Agreement.assertExact("swap of view rows 0 and 3 (buffer rows 2 and 5)", cols, read(buffer),
                Agreement.selectRows(rows, cols, new int[] {0, 1, 5, 3, 4, 2, 6, 7}));
    }
}
