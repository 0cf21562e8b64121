package dev.earshot.backend.cuda;

import dev.earshot.api.backend.BackendUnavailableException;
import jcuda.driver.CUdeviceptr;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The allocation ledger and scratch growth, with a recording driver in place of cuMemAlloc / cuMemFree. */
class DeviceMemoryTest {

    private final List<Long> allocated = new ArrayList<>();
    private final List<CUdeviceptr> freed = new ArrayList<>();
    private long limit = Long.MAX_VALUE;

    private final DeviceMemory memory = new DeviceMemory(new DeviceMemory.Driver() {
        @Override
        public CUdeviceptr allocate(long bytes) {
            if (allocated.stream().mapToLong(Long::longValue).sum() + bytes > limit) {
                throw new IllegalStateException("CUDA_ERROR_OUT_OF_MEMORY");
            }
            allocated.add(bytes);
            return new CUdeviceptr();
        }

        @Override
        public void free(CUdeviceptr pointer) {
            freed.add(pointer);
        }
    }, "test GPU");

    @Test
    void ledgerCountsAndReleasesEverything() {
        DeviceAllocation a = memory.allocate(100, "a");
        memory.allocate(200, "b");
        assertEquals(300, memory.allocatedBytes());
        memory.release(a);
        memory.release(a); // twice is harmless
        assertEquals(200, memory.allocatedBytes());
        assertTrue(a.isReleased());
        memory.releaseAll();
        assertEquals(0, memory.allocatedBytes());
        assertEquals(0, memory.liveAllocations());
        assertEquals(2, freed.size());
    }

    @Test
    void scratchGrowsByDoublingAndIsReusedWhenLargeEnough() {
        DeviceMemory.Scratch scratch = memory.new Scratch("patches");
        DeviceAllocation first = scratch.atLeast(1000);
        assertSame(first, scratch.atLeast(800));
        DeviceAllocation second = scratch.atLeast(1200);
        assertEquals(2000, second.bytes());
        assertTrue(first.isReleased());
        assertSame(second, scratch.atLeast(2000));
        assertEquals(List.of(1000L, 2000L), allocated);
        assertEquals(1, memory.liveAllocations());
    }

    @Test
    void outOfMemorySaysWhatAndHowMuch() {
        limit = 1000;
        memory.allocate(600, "encoder weights");
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> memory.allocate(600, "decoder.token_embedding.weight"));
        assertTrue(e.getMessage().contains("decoder.token_embedding.weight") && e.getMessage().contains("600 already in use")
                && e.getMessage().contains("test GPU"), e.getMessage());
        assertEquals(600, memory.allocatedBytes());
    }
}
