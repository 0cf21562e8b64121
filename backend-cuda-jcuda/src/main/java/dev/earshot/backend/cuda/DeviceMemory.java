package dev.earshot.backend.cuda;

import dev.earshot.api.backend.BackendUnavailableException;
import jcuda.driver.CUdeviceptr;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Every device allocation of one backend: what is live, how many bytes, and release of all of it on close. The
 * driver calls come through {@link Driver} so this bookkeeping, and the scratch-buffer growth policy built on it,
 * are tested on the host.
 */
final class DeviceMemory {

    /** cuMemAlloc and cuMemFree. */
    interface Driver {
        CUdeviceptr allocate(long bytes);

        void free(CUdeviceptr pointer);
    }

    private final Driver driver;
    private final String deviceName;
    private final Map<DeviceAllocation, Boolean> live = new IdentityHashMap<>();
    private long allocatedBytes;

    DeviceMemory(Driver driver, String deviceName) {
        this.driver = driver;
        this.deviceName = deviceName;
    }

    DeviceAllocation allocate(long bytes, String what) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("cannot allocate " + bytes + " bytes for " + what);
        }
        CUdeviceptr pointer;
        try {
            pointer = driver.allocate(bytes);
        } catch (RuntimeException e) {
            throw new BackendUnavailableException("out of CUDA device memory on " + deviceName + ": " + bytes
                    + " bytes for " + what + " with " + allocatedBytes + " already in use (" + e.getMessage()
                    + "); use a smaller model or free the device", e);
        }
        DeviceAllocation allocation = new DeviceAllocation(pointer, bytes, what);
        live.put(allocation, Boolean.TRUE);
        allocatedBytes += bytes;
        return allocation;
    }

    void release(DeviceAllocation allocation) {
        if (live.remove(allocation) != null) {
            allocation.markReleased();
            allocatedBytes -= allocation.bytes();
            driver.free(allocation.pointer());
        }
    }

    void releaseAll() {
        for (DeviceAllocation allocation : live.keySet().toArray(DeviceAllocation[]::new)) {
            release(allocation);
        }
    }

    long allocatedBytes() {
        return allocatedBytes;
    }

    int liveAllocations() {
        return live.size();
    }

    /**
     * A scratch allocation reused across ops (im2col patches, staged rows, token ids): replaced only when an op needs
     * more, then by at least double, so a growing decode allocates O(log n) times and a steady one never.
     */
    final class Scratch {
        private final String what;
        private DeviceAllocation current;

        Scratch(String what) {
            this.what = what;
        }

        DeviceAllocation atLeast(long bytes) {
            if (current == null || current.bytes() < bytes) {
                long size = current == null ? bytes : Math.max(bytes, 2 * current.bytes());
                if (current != null) {
                    release(current);
                }
                current = allocate(size, what);
            }
            return current;
        }
    }
}
