package dev.earshot.api.backend;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The shared checks accept what the {@link Backend} contract allows and refuse the rest with the messages backends show. */
class TensorArgumentsTest {

    private record Shape(int rows, int cols) implements Tensor {
        @Override
        public DType dtype() {
            return DType.F32;
        }
    }

    private static String refusal(Executable check) {
        return assertThrows(IllegalArgumentException.class, check).getMessage();
    }

    @Test
    void allocatableSizesGiveTheirElementCount() {
        assertEquals(6, TensorArguments.requireAllocatable(2, 3));
        assertEquals(TensorArguments.MAX_ELEMENTS, TensorArguments.requireAllocatable(1, TensorArguments.MAX_ELEMENTS));
    }

    @Test
    void emptyNegativeAndOversizedTensorsAreRefused() {
        String limit = "both sizes must be positive and the tensor at most " + (Integer.MAX_VALUE - 8) + " elements";
        assertEquals("cannot allocate [0 × 3]: " + limit, refusal(() -> TensorArguments.requireAllocatable(0, 3)));
        assertEquals("cannot allocate [2 × -1]: " + limit, refusal(() -> TensorArguments.requireAllocatable(2, -1)));
        assertEquals("cannot allocate [65536 × 65536]: " + limit,
                refusal(() -> TensorArguments.requireAllocatable(65536, 65536)), "rows·cols overflows an int");
    }

    @Test
    void conv1dGivesTheOutputStepsForEitherStride() {
        // Whisper's two convolutions: 80 mel channels to d at stride 1, then d to d at stride 2 (3000 → 1500 steps)
        assertEquals(3000, TensorArguments.requireConv1dShapes(new Shape(3000, 384), new Shape(3000, 80),
                new Shape(384, 240), 1));
        assertEquals(1500, TensorArguments.requireConv1dShapes(new Shape(1500, 384), new Shape(3000, 384),
                new Shape(384, 1152), 2));
        assertEquals(3, TensorArguments.requireConv1dShapes(new Shape(3, 4), new Shape(5, 2), new Shape(4, 6), 2),
                "an odd T_in rounds up: (5 − 1) / 2 + 1");
    }

    @Test
    void conv1dRefusesAnotherStrideAWrongWeightWidthAndAWrongOutput() {
        Shape x = new Shape(10, 4);
        Shape w = new Shape(6, 12);
        assertEquals("conv1d: stride must be 1 or 2, not 3",
                refusal(() -> TensorArguments.requireConv1dShapes(new Shape(4, 6), x, w, 3)));
        assertEquals("conv1d: weight [6 × 13] needs 12 columns (C_in·3) for x [10 × 4]",
                refusal(() -> TensorArguments.requireConv1dShapes(new Shape(10, 6), x, new Shape(6, 13), 1)));
        assertEquals("conv1d: out is [10 × 6] but must be [5 × 6] for x [10 × 4], weight [6 × 12], stride 2",
                refusal(() -> TensorArguments.requireConv1dShapes(new Shape(10, 6), x, w, 2)));
        assertEquals("conv1d: out is [10 × 5] but must be [10 × 6] for x [10 × 4], weight [6 × 12], stride 1",
                refusal(() -> TensorArguments.requireConv1dShapes(new Shape(10, 5), x, w, 1)));
    }

    @Test
    void embeddingTakesIdsOfTableRowsIntoOneOutputRowEach() {
        Shape table = new Shape(51865, 384);
        assertDoesNotThrow(() -> TensorArguments.requireEmbeddingIds(new Shape(3, 384), table, new int[] {0, 50257, 51864}));
        assertDoesNotThrow(() -> TensorArguments.requireEmbeddingIds(new Shape(1, 384), table, new int[] {7}));
    }

    @Test
    void embeddingRefusesIdsOutsideTheTableAndAnOutputOfTheWrongShape() {
        Shape table = new Shape(8, 4);
        assertEquals("embedding: id 8 is outside table [8 × 4]",
                refusal(() -> TensorArguments.requireEmbeddingIds(new Shape(2, 4), table, new int[] {0, 8})));
        assertEquals("embedding: id -1 is outside table [8 × 4]",
                refusal(() -> TensorArguments.requireEmbeddingIds(new Shape(1, 4), table, new int[] {-1})));
        assertEquals("embedding: out is [3 × 4] but must be [2 × 4] for 2 ids from table [8 × 4]",
                refusal(() -> TensorArguments.requireEmbeddingIds(new Shape(3, 4), table, new int[] {1, 2})));
        assertEquals("embedding: out is [2 × 5] but must be [2 × 4] for 2 ids from table [8 × 4]",
                refusal(() -> TensorArguments.requireEmbeddingIds(new Shape(2, 5), table, new int[] {1, 2})));
    }

    @Test
    void copyRowsTakesMatchingRowListsInsideTensorsOfOneWidth() {
        Shape cache = new Shape(448, 64);
        assertDoesNotThrow(() -> TensorArguments.requireCopyRows(cache, new int[] {0, 447}, new Shape(2, 64), new int[] {1, 0}));
        assertDoesNotThrow(() -> TensorArguments.requireCopyRows(cache, new int[0], new Shape(1, 64), new int[0]),
                "copying no rows is allowed");
    }

    @Test
    void copyRowsRefusesUnequalCountsOtherWidthsAndRowsOutside() {
        Shape dst = new Shape(4, 8);
        Shape src = new Shape(3, 8);
        assertEquals("copyRows: 2 destination rows but 1 source rows",
                refusal(() -> TensorArguments.requireCopyRows(dst, new int[] {0, 1}, src, new int[] {0})));
        assertEquals("copyRows: dst [4 × 8] and src [3 × 7] have different column counts",
                refusal(() -> TensorArguments.requireCopyRows(dst, new int[] {0}, new Shape(3, 7), new int[] {0})));
        assertEquals("copyRows: dst row 4 is outside [4 × 8]",
                refusal(() -> TensorArguments.requireCopyRows(dst, new int[] {4}, src, new int[] {0})));
        assertEquals("copyRows: src row -1 is outside [3 × 8]",
                refusal(() -> TensorArguments.requireCopyRows(dst, new int[] {0}, src, new int[] {-1})));
    }
}
