package dev.earshot.backend.opencl;

/**
 * A device buffer an op reuses between calls (im2col patches, staged rows, token ids), grown when a call needs
 * more, so a forward pass allocates nothing after its first step.
 */
final class ScratchBuffer {

    private final DeviceMemory memory;
    private final String purpose;
    private DeviceBuffer buffer;

    ScratchBuffer(DeviceMemory memory, String purpose) {
        this.memory = memory;
        this.purpose = purpose;
    }

    /** A buffer of at least {@code bytes}; its contents are whatever the last user left. */
    DeviceBuffer atLeast(long bytes) {
        if (buffer == null || buffer.bytes < bytes) {
            if (buffer != null) {
                memory.release(buffer); // queued kernels still using it keep it alive until they finish
            }
            buffer = null;
            buffer = memory.allocate(bytes, purpose);
        }
        return buffer;
    }
}
