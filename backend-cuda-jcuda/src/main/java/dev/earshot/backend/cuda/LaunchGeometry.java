package dev.earshot.backend.cuda;

import java.util.Arrays;

/**
 * A kernel launch as the shared kernels were written against it (OpenCL's global and local work sizes: every global
 * size a whole number of work-groups), turned into CUDA's grid of blocks. The kernels' index macros (prelude_cuda.h)
 * recompute OpenCL's ids from blockIdx/threadIdx, so the conversion must be exact: a global size that is not a
 * multiple of its local size is refused rather than rounded.
 */
record LaunchGeometry(int gridX, int gridY, int gridZ, int blockX, int blockY, int blockZ, int sharedBytes) {

    /** CUDA's limit on threads per block on every architecture this build's PTX targets. */
    static final int MAX_BLOCK_THREADS = 1024;
    /** CUDA's limit on gridDim.y and gridDim.z (gridDim.x may be 2³¹ − 1). */
    static final int MAX_GRID_YZ = 65535;
    /** Shared memory a block may use without opting in to more (every architecture since Kepler). */
    static final int DEFAULT_MAX_SHARED_BYTES = 48 * 1024;

    LaunchGeometry {
        if (blockX * (long) blockY * blockZ > MAX_BLOCK_THREADS) {
            throw new IllegalArgumentException("a block of " + blockX + " × " + blockY + " × " + blockZ
                    + " threads exceeds CUDA's " + MAX_BLOCK_THREADS);
        }
        if (gridY > MAX_GRID_YZ || gridZ > MAX_GRID_YZ) {
            throw new IllegalArgumentException("a grid of " + gridX + " × " + gridY + " × " + gridZ
                    + " blocks exceeds CUDA's " + MAX_GRID_YZ + " in y or z");
        }
        if (sharedBytes < 0 || sharedBytes > DEFAULT_MAX_SHARED_BYTES) {
            throw new IllegalArgumentException(sharedBytes + " bytes of dynamic shared memory; at most "
                    + DEFAULT_MAX_SHARED_BYTES + " without an opt-in");
        }
    }

    /** From OpenCL sizes (1 to 3 dimensions) and the dynamic local memory the kernel takes. */
    static LaunchGeometry of(long[] global, long[] local, long sharedBytes) {
        if (global.length != local.length || global.length < 1 || global.length > 3) {
            throw new IllegalArgumentException("global " + Arrays.toString(global) + " and local " + Arrays.toString(local)
                    + " must both have 1 to 3 dimensions");
        }
        int[] grid = {1, 1, 1};
        int[] block = {1, 1, 1};
        for (int d = 0; d < global.length; d++) {
            if (local[d] <= 0 || global[d] <= 0 || global[d] % local[d] != 0) {
                throw new IllegalArgumentException("global size " + global[d] + " in dimension " + d
                        + " is not a positive multiple of the work-group size " + local[d]);
            }
            long blocks = global[d] / local[d];
            if (blocks > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(blocks + " blocks in dimension " + d + " is more than CUDA can launch");
            }
            grid[d] = (int) blocks;
            block[d] = (int) local[d];
        }
        if (sharedBytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(sharedBytes + " bytes of shared memory");
        }
        return new LaunchGeometry(grid[0], grid[1], grid[2], block[0], block[1], block[2], (int) sharedBytes);
    }

    /** A 1-D launch over {@code count} items in blocks of {@code block}, rounded up (the kernels bounds-check). */
    static LaunchGeometry over(int count, int block) {
        return of(new long[] {roundUp(count, block)}, new long[] {block}, 0);
    }

    static long roundUp(long value, long multiple) {
        return (value + multiple - 1) / multiple * multiple;
    }
}
