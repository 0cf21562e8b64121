package dev.earshot.backend.opencl;

import dev.earshot.api.backend.BackendUnavailableException;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Device buffers of one backend: created zero-filled, counted, and all released on close. Running out of device
 * memory is a {@link BackendUnavailableException} naming the request and the device's memory, checked before the
 * driver is asked (some drivers, PoCL among them, accept any size and fail later inside a kernel).
 */
final class DeviceMemory {

    private static final long MIB = 1024 * 1024;

    private final OpenClDevice device;
    private final cl_context context;
    private final cl_command_queue queue;
    private final Set<DeviceBuffer> live = new LinkedHashSet<>();
    private long allocatedBytes;

    DeviceMemory(OpenClDevice device, cl_context context, cl_command_queue queue) {
        this.device = device;
        this.context = context;
        this.queue = queue;
    }

    /** A zero-filled buffer of {@code bytes} for {@code what} (named in the error if it does not fit). */
    DeviceBuffer allocate(long requestedBytes, String what) {
        // whole floats, because the zero fill writes a 4-byte pattern (stored F16 weights can be an odd count of halves)
        long bytes = (requestedBytes + Float.BYTES - 1) / Float.BYTES * Float.BYTES;
        long global = device.info().memoryBytes();
        if (bytes > device.maxAllocationBytes() || allocatedBytes + bytes > global) {
            throw outOfMemory(bytes, what, null);
        }
        DeviceBuffer buffer;
        try {
            buffer = new DeviceBuffer(CL.clCreateBuffer(context, CL.CL_MEM_READ_WRITE, bytes, null, null), bytes);
        } catch (CLException e) {
            throw ClErrors.isOutOfDeviceMemory(e) ? outOfMemory(bytes, what, e) : e;
        }
        try {
            CL.clEnqueueFillBuffer(queue, buffer.memory, Pointer.to(new float[] {0}), Sizeof.cl_float, 0, bytes, 0, null, null);
        } catch (CLException e) {
            buffer.release();
            throw ClErrors.isOutOfDeviceMemory(e) ? outOfMemory(bytes, what, e) : e;
        }
        live.add(buffer);
        allocatedBytes += bytes;
        return buffer;
    }

    void release(DeviceBuffer buffer) {
        if (live.remove(buffer)) {
            allocatedBytes -= buffer.bytes;
            buffer.release();
        }
    }

    long allocatedBytes() {
        return allocatedBytes;
    }

    void releaseAll() {
        for (DeviceBuffer buffer : live) {
            buffer.release();
        }
        live.clear();
        allocatedBytes = 0;
    }

    private BackendUnavailableException outOfMemory(long bytes, String what, CLException cause) {
        String message = "out of OpenCL device memory: " + what + " needs " + mib(bytes) + " but device "
                + device.info().name() + " has " + mib(device.info().memoryBytes()) + " of global memory (at most "
                + mib(device.maxAllocationBytes()) + " per buffer), of which this backend already holds "
                + mib(allocatedBytes) + (cause == null ? "" : " (" + ClErrors.name(cause) + ")")
                + "; use a smaller model, fewer sessions, or a device with more memory";
        return cause == null ? new BackendUnavailableException(message) : new BackendUnavailableException(message, cause);
    }

    private static String mib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (double) MIB);
    }
}
