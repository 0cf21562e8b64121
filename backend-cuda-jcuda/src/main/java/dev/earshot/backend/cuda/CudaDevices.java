package dev.earshot.backend.cuda;

import dev.earshot.api.backend.DeviceInfo;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.JCudaDriver;
import jcuda.jcublas.JCublas2;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What CUDA offers here. Every JCuda class is first touched in here, inside {@link CudaBackendProvider}'s guarded
 * discovery: loading JCuda's native libraries fails with an {@link UnsatisfiedLinkError} when there is no driver.
 */
final class CudaDevices {

    /** One CUDA device, with what the backend needs to decide whether it can run there. */
    record Found(int ordinal, DeviceInfo info, int computeMajor, int computeMinor) {

        /** The PTX is compiled for compute_75: older GPUs cannot JIT it. */
        boolean runsThisBuild() {
            return computeMajor * 10 + computeMinor >= 75;
        }
    }

    private CudaDevices() {
    }

    /** Loads JCuda and JCublas, initialises the driver and lists its devices; throws when any of that fails. */
    static List<Found> discover() {
        JCudaDriver.setExceptionsEnabled(true);
        JCublas2.setExceptionsEnabled(true); // loads libcublas too: fail here, not in the middle of a model load
        JCudaDriver.cuInit(0);
        int[] count = new int[1];
        JCudaDriver.cuDeviceGetCount(count);
        List<Found> devices = new ArrayList<>();
        for (int i = 0; i < count[0]; i++) {
            CUdevice device = new CUdevice();
            JCudaDriver.cuDeviceGet(device, i);
            byte[] name = new byte[256];
            JCudaDriver.cuDeviceGetName(name, name.length, device);
            long[] memory = new long[1];
            JCudaDriver.cuDeviceTotalMem(memory, device);
            int major = attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR);
            int minor = attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR);
            int multiprocessors = attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT);
            List<String> capabilities = new ArrayList<>(List.of("compute " + major + "." + minor, "cuBLAS"));
            if (major * 10 + minor >= 53) {
                capabilities.add("fp16");
            }
            DeviceInfo info = new DeviceInfo(i, cString(name), DeviceInfo.Kind.GPU, memory[0], multiprocessors, capabilities);
            devices.add(new Found(i, info, major, minor));
        }
        return devices;
    }

    static int driverVersion() {
        int[] version = new int[1];
        JCudaDriver.cuDriverGetVersion(version);
        return version[0];
    }

    private static int attribute(CUdevice device, int attribute) {
        int[] value = new int[1];
        JCudaDriver.cuDeviceGetAttribute(value, attribute, device);
        return value[0];
    }

    private static String cString(byte[] bytes) {
        int length = 0;
        while (length < bytes.length && bytes[length] != 0) {
            length++;
        }
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }
}
