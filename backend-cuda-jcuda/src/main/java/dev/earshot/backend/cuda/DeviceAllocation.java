package dev.earshot.backend.cuda;

import jcuda.driver.CUdeviceptr;

/** One cuMemAlloc block, with what it holds for error messages. */
final class DeviceAllocation {

    private final CUdeviceptr pointer;
    private final long bytes;
    private final String what;
    private boolean released;

    DeviceAllocation(CUdeviceptr pointer, long bytes, String what) {
        this.pointer = pointer;
        this.bytes = bytes;
        this.what = what;
    }

    CUdeviceptr pointer() {
        return pointer;
    }

    long bytes() {
        return bytes;
    }

    String what() {
        return what;
    }

    boolean isReleased() {
        return released;
    }

    void markReleased() {
        released = true;
    }
}
