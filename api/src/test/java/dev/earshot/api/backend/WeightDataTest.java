package dev.earshot.api.backend;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WeightDataTest {

    @Test
    void nativeDataIsTheSegmentItselfWhenAlreadyNative() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment mapped = arena.allocate(4 * Float.BYTES);
            WeightData weight = new WeightData("w", DType.F32, 2, 2, mapped);
            assertSame(mapped, weight.nativeData(arena), "a native segment is read in place, not copied");
        }
    }

    @Test
    void nativeDataCopiesAHeapSegmentIntoTheArena() {
        float[] values = {1.5f, -2f, 3.25f, 0f, 7f, -0.5f};
        WeightData weight = new WeightData("w", DType.F32, 2, 3, MemorySegment.ofArray(values));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment copy = weight.nativeData(arena);
            assertNotSame(weight.data(), copy);
            assertTrue(copy.isNative());
            assertEquals(values.length * Float.BYTES, copy.byteSize());
            for (int i = 0; i < values.length; i++) {
                assertEquals(values[i], copy.getAtIndex(ValueLayout.JAVA_FLOAT, i));
            }
        }
    }
}
