package dev.earshot.backend.cpu;

import jdk.incubator.vector.FloatVector;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Float buffers off the heap, aligned to 64 bytes, for the data the register-blocked kernels load as whole vectors
 * ({@link PackedPanels}, attention's packed keys and values). A {@code float[]}'s elements start 16 bytes past an
 * object that is only 8-byte aligned, so nearly every 64-byte vector load from it spans two cache lines; with one
 * weight vector per 6 fused multiply-adds that cost the micro-kernels about a fifth of their speed (measured: the
 * 6 × 4 tile at 113 GFLOP/s from an array, 140 from an aligned segment, on one AVX-512 core).
 *
 * <p>The memory belongs to an automatic arena: it is freed once the GC finds the segment unreachable (a released
 * weight's packed copy goes with the next collection, not at release). It counts against the JVM's direct-memory
 * limit ({@code -XX:MaxDirectMemorySize}, by default the maximum heap size) rather than the heap: a large model's
 * packed encoder weights (large-v3: about 2.5 GB) need that much room there. Elements are in the platform's byte
 * order, written and read only through this class.
 */
final class AlignedFloats {

    /** A cache line, and one AVX-512 vector. */
    static final long ALIGNMENT = 64;

    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT;

    private AlignedFloats() {
    }

    /** {@code count} floats, all 0. */
    static MemorySegment allocate(long count) {
        return Arena.ofAuto().allocate(Math.multiplyExact(count, (long) Float.BYTES), ALIGNMENT);
    }

    /** The vector of {@link LinearKernel#SPECIES} starting at element {@code index}. */
    static FloatVector load(MemorySegment floats, long index) {
        return FloatVector.fromMemorySegment(LinearKernel.SPECIES, floats, index * Float.BYTES, ByteOrder.nativeOrder());
    }

    static void set(MemorySegment floats, long index, float value) {
        floats.setAtIndex(FLOAT, index, value);
    }

    /** floats[at, at + count) = source[from, from + count). */
    static void copy(float[] source, int from, MemorySegment floats, long at, int count) {
        MemorySegment.copy(source, from, floats, FLOAT, at * Float.BYTES, count);
    }

    static long length(MemorySegment floats) {
        return floats.byteSize() / Float.BYTES;
    }
}
