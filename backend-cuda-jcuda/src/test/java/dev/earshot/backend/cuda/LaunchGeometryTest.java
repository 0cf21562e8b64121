package dev.earshot.backend.cuda;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LaunchGeometryTest {

    @Test
    void openClSizesBecomeGridsOfBlocks() {
        // attention over 3 queries × 6 heads: global (3·64, 6), local (64, 1), the head's query in shared memory
        LaunchGeometry g = LaunchGeometry.of(new long[] {3 * 64, 6}, new long[] {64, 1}, 64 * Float.BYTES);
        assertEquals(new LaunchGeometry(3, 6, 1, 64, 1, 1, 256), g);
    }

    @Test
    void oneDimensionalLaunchesRoundUpToWholeBlocks() {
        assertEquals(new LaunchGeometry(2, 1, 1, 64, 1, 1, 0), LaunchGeometry.over(65, 64));
        assertEquals(new LaunchGeometry(1, 1, 1, 64, 1, 1, 0), LaunchGeometry.over(64, 64));
    }

    @Test
    void aGlobalSizeThatIsNotWholeGroupsIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LaunchGeometry.of(new long[] {100}, new long[] {64}, 0));
        assertTrue(e.getMessage().contains("not a positive multiple"), e.getMessage());
    }

    @Test
    void cudaLimitsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> LaunchGeometry.of(new long[] {2048}, new long[] {2048}, 0));
        assertThrows(IllegalArgumentException.class, () -> LaunchGeometry.of(new long[] {64, 70_000}, new long[] {64, 1}, 0));
        assertThrows(IllegalArgumentException.class, () -> LaunchGeometry.of(new long[] {64}, new long[] {64}, 64 * 1024));
        assertThrows(IllegalArgumentException.class, () -> LaunchGeometry.of(new long[] {64, 1}, new long[] {64}, 0));
    }

    @Test
    void theLargestWhisperLaunchesFit() {
        // layer norm over 1500 rows of 256-thread blocks; attention_query_block for 1500 queries of 20 heads × 64
        assertEquals(1500, LaunchGeometry.of(new long[] {1500L * 256}, new long[] {256}, 0).gridX());
        LaunchGeometry attention = LaunchGeometry.of(new long[] {LaunchGeometry.roundUp(1500, 32), 20}, new long[] {32, 1},
                2L * 32 * 64 * Float.BYTES);
        assertEquals(47, attention.gridX());
        assertEquals(16384, attention.sharedBytes());
    }
}
