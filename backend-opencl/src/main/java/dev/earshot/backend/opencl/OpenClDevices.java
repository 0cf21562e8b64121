package dev.earshot.backend.opencl;

import dev.earshot.api.backend.DeviceInfo;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.jocl.CL.CL_DEVICE_EXTENSIONS;
import static org.jocl.CL.CL_DEVICE_GLOBAL_MEM_SIZE;
import static org.jocl.CL.CL_DEVICE_MAX_COMPUTE_UNITS;
import static org.jocl.CL.CL_DEVICE_MAX_MEM_ALLOC_SIZE;
import static org.jocl.CL.CL_DEVICE_MAX_WORK_GROUP_SIZE;
import static org.jocl.CL.CL_DEVICE_NAME;
import static org.jocl.CL.CL_DEVICE_OPENCL_C_VERSION;
import static org.jocl.CL.CL_DEVICE_TYPE;
import static org.jocl.CL.CL_DEVICE_TYPE_ACCELERATOR;
import static org.jocl.CL.CL_DEVICE_TYPE_ALL;
import static org.jocl.CL.CL_DEVICE_TYPE_CPU;
import static org.jocl.CL.CL_DEVICE_TYPE_GPU;
import static org.jocl.CL.CL_DEVICE_VERSION;
import static org.jocl.CL.CL_PLATFORM_NAME;

/** Enumerates every device of every OpenCL platform through JOCL, numbering them across platforms. */
final class OpenClDevices {

    /** Extensions that decide what the kernels may use or how fast they run. */
    private static final Set<String> NOTABLE_EXTENSIONS = Set.of("cl_khr_fp16", "cl_khr_fp64");

    private OpenClDevices() {
    }

    /**
     * All devices; an empty list when the ICD loader finds no platform.
     *
     * @throws Throwable whatever JOCL throws when its native library or libOpenCL cannot be loaded
     */
    static List<OpenClDevice> discover() {
        CL.setExceptionsEnabled(true);
        int[] platformCount = new int[1];
        try {
            CL.clGetPlatformIDs(0, null, platformCount);
        } catch (org.jocl.CLException e) {
            if (e.getStatus() == CL.CL_PLATFORM_NOT_FOUND_KHR) {
                return List.of();
            }
            throw e;
        }
        cl_platform_id[] platforms = new cl_platform_id[platformCount[0]];
        CL.clGetPlatformIDs(platforms.length, platforms, null);
        List<OpenClDevice> devices = new ArrayList<>();
        for (cl_platform_id platform : platforms) {
            String platformName = platformString(platform, CL_PLATFORM_NAME);
            int[] deviceCount = new int[1];
            try {
                CL.clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, 0, null, deviceCount);
            } catch (org.jocl.CLException e) {
                if (e.getStatus() == CL.CL_DEVICE_NOT_FOUND) {
                    continue; // a platform with no device (e.g. a GPU driver without its GPU)
                }
                throw e;
            }
            cl_device_id[] ids = new cl_device_id[deviceCount[0]];
            CL.clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, ids.length, ids, null);
            for (cl_device_id id : ids) {
                devices.add(describe(devices.size(), platform, platformName, id));
            }
        }
        return List.copyOf(devices);
    }

    private static OpenClDevice describe(int index, cl_platform_id platform, String platformName, cl_device_id id) {
        String extensions = deviceString(id, CL_DEVICE_EXTENSIONS);
        List<String> capabilities = new ArrayList<>();
        capabilities.add(deviceString(id, CL_DEVICE_VERSION));
        capabilities.add(deviceString(id, CL_DEVICE_OPENCL_C_VERSION));
        boolean fp16 = false;
        for (String extension : extensions.split("\\s+")) {
            if (NOTABLE_EXTENSIONS.contains(extension)) {
                capabilities.add(extension);
                fp16 |= extension.equals("cl_khr_fp16");
            }
        }
        if (!fp16) {
            capabilities.add("no cl_khr_fp16: F16/BF16 weights widened to F32 on upload");
        }
        capabilities.add("platform " + platformName);
        DeviceInfo info = new DeviceInfo(index, deviceString(id, CL_DEVICE_NAME), kind(deviceLong(id, CL_DEVICE_TYPE)),
                deviceLong(id, CL_DEVICE_GLOBAL_MEM_SIZE), deviceInt(id, CL_DEVICE_MAX_COMPUTE_UNITS), capabilities);
        return new OpenClDevice(platform, id, info, platformName, deviceLong(id, CL_DEVICE_MAX_MEM_ALLOC_SIZE),
                deviceSize(id, CL_DEVICE_MAX_WORK_GROUP_SIZE), fp16);
    }

    private static DeviceInfo.Kind kind(long type) {
        if ((type & CL_DEVICE_TYPE_GPU) != 0) {
            return DeviceInfo.Kind.GPU;
        }
        if ((type & CL_DEVICE_TYPE_ACCELERATOR) != 0) {
            return DeviceInfo.Kind.ACCELERATOR;
        }
        return (type & CL_DEVICE_TYPE_CPU) != 0 ? DeviceInfo.Kind.CPU : DeviceInfo.Kind.OTHER;
    }

    private static String platformString(cl_platform_id platform, int param) {
        long[] size = new long[1];
        CL.clGetPlatformInfo(platform, param, 0, null, size);
        byte[] bytes = new byte[(int) size[0]];
        CL.clGetPlatformInfo(platform, param, bytes.length, Pointer.to(bytes), null);
        return cString(bytes);
    }

    private static String deviceString(cl_device_id device, int param) {
        long[] size = new long[1];
        CL.clGetDeviceInfo(device, param, 0, null, size);
        byte[] bytes = new byte[(int) size[0]];
        CL.clGetDeviceInfo(device, param, bytes.length, Pointer.to(bytes), null);
        return cString(bytes);
    }

    private static long deviceLong(cl_device_id device, int param) {
        long[] value = new long[1];
        CL.clGetDeviceInfo(device, param, Sizeof.cl_ulong, Pointer.to(value), null);
        return value[0];
    }

    private static long deviceSize(cl_device_id device, int param) {
        long[] value = new long[1];
        CL.clGetDeviceInfo(device, param, Sizeof.size_t, Pointer.to(value), null);
        return value[0];
    }

    private static int deviceInt(cl_device_id device, int param) {
        int[] value = new int[1];
        CL.clGetDeviceInfo(device, param, Sizeof.cl_uint, Pointer.to(value), null);
        return value[0];
    }

    /** OpenCL strings end with a NUL (and drivers pad some with spaces). */
    private static String cString(byte[] bytes) {
        int length = 0;
        while (length < bytes.length && bytes[length] != 0) {
            length++;
        }
        return new String(bytes, 0, length, StandardCharsets.UTF_8).trim();
    }
}
