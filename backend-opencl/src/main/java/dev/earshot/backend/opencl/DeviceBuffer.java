package dev.earshot.backend.opencl;

import org.jocl.CL;
import org.jocl.cl_mem;

/** One {@code cl_mem} of {@code bytes}; shared by a tensor and its row views, released once. */
final class DeviceBuffer {

    final cl_mem memory;
    final long bytes;
    private boolean released;

    DeviceBuffer(cl_mem memory, long bytes) {
        this.memory = memory;
        this.bytes = bytes;
    }

    boolean isReleased() {
        return released;
    }

    /** Safe while kernels that use it are still queued: OpenCL frees the memory once they are done. */
    void release() {
        if (!released) {
            released = true;
            CL.clReleaseMemObject(memory);
        }
    }
}
