package dev.earshot.backend.tck;

import dev.earshot.api.backend.DType;
import dev.earshot.api.backend.Op;
import dev.earshot.api.backend.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@code embedding}: gathering token rows from a table stored as F32, F16 or BF16 (widening is exact). */
public interface EmbeddingConformance extends ConformanceContext {

    /** The multilingual vocabulary; the first and last ids, a repeat, into a row view of the output. */
    @ParameterizedTest(name = "{0} table")
    @EnumSource(DType.class)
    default void embeddingGathersRows(DType type) {
        assumeSupported(Op.EMBEDDING, type);
        int vocabulary = 51865;
        int d = 64;
        SeededData data = new SeededData(Objects.hash("embedding", type.name()));
        Uploaded table = weight("decoder.token_embedding.weight", type, vocabulary, d, data.gaussian(vocabulary * d, 1));
        int[] ids = {50258, 0, 51864, 440, 440, 12345};
        float[] sentinel = new float[8 * d];
        java.util.Arrays.fill(sentinel, 7f);
        Tensor out = activation(sentinel, 8, d);

        backend().embedding(backend().rows(out, 1, ids.length), table.tensor(), ids);

        float[] expected = sentinel.clone();
        for (int i = 0; i < ids.length; i++) {
            System.arraycopy(table.values(), ids[i] * d, expected, (1 + i) * d, d);
        }
        Agreement.assertExact("embedding of " + java.util.Arrays.toString(ids) + " into rows [1, 7) of [8 × 64]", d,
                read(out), expected);
    }

    @ParameterizedTest(name = "id {0}")
    @org.junit.jupiter.params.provider.ValueSource(ints = {-1, 100})
    default void embeddingRefusesIdsOutsideTheTable(int id) {
        Uploaded table = weight("table", DType.F32, 100, 8, new float[800]);
        Tensor out = zeros(1, 8);
        assertThrows(IllegalArgumentException.class, () -> backend().embedding(out, table.tensor(), new int[] {id}));
    }
}
