package dev.earshot.backend.opencl;

import dev.earshot.api.backend.DeviceInfo;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

/**
 * One OpenCL device as found on this machine: the handles to open it and the facts the backend checks.
 *
 * @param maxAllocationBytes the largest single buffer the device allows (CL_DEVICE_MAX_MEM_ALLOC_SIZE)
 * @param maxWorkGroupSize   the kernels need work-groups of {@link KernelProgram#LARGEST_WORK_GROUP}
 */
record OpenClDevice(cl_platform_id platform, cl_device_id device, DeviceInfo info, String platformName,
                    long maxAllocationBytes, long maxWorkGroupSize, boolean hasFp16) {

    /** GPUs (and accelerators) are worth picking over the CPU backend; a CPU-type device (PoCL) ties with it. */
    int score() {
        return info.kind() == DeviceInfo.Kind.CPU ? 1 : 10;
    }

    String describe() {
        return info.index() + ": " + info.name() + " (" + info.kind() + ", " + platformName + ", "
                + info.memoryBytes() / (1024 * 1024) + " MiB)";
    }
}
