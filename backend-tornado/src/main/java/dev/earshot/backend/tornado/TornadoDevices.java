package dev.earshot.backend.tornado;

import dev.earshot.api.backend.Backend;
import dev.earshot.api.backend.DeviceInfo;
import uk.ac.manchester.tornado.api.TornadoRuntime;
import uk.ac.manchester.tornado.api.common.TornadoDevice;
import uk.ac.manchester.tornado.api.runtime.TornadoRuntimeProvider;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything that touches TornadoVM before a backend is open: the devices of every TornadoVM backend (OpenCL, PTX,
 * SPIR-V), in one flat list. Only {@link TornadoBackendProvider} calls it, inside a guard, because merely loading
 * this class fails on a JVM started without TornadoVM's module path ({@code NoClassDefFoundError}).
 */
final class TornadoDevices {

    private static List<TornadoDevice> devices;
    private static List<DeviceInfo> infos;

    private TornadoDevices() {
    }

    /** The devices TornadoVM reports; asks TornadoVM once per process (its runtime is a process-wide singleton). */
    static synchronized List<DeviceInfo> discover() {
        if (infos == null) {
            // Without this, a kernel TornadoVM cannot compile runs as plain Java on the host instead ("bailout"): for
            // work-group kernels (local memory, barriers) that gives wrong numbers, so fail loudly instead.
            if (System.getProperty("tornado.recover.bailout") == null) {
                System.setProperty("tornado.recover.bailout", "False");
            }
            TornadoRuntime runtime = TornadoRuntimeProvider.getTornadoRuntime();
            List<TornadoDevice> found = new ArrayList<>();
            List<DeviceInfo> described = new ArrayList<>();
            for (int b = 0; b < runtime.getNumBackends(); b++) {
                uk.ac.manchester.tornado.api.TornadoBackend backend = runtime.getBackend(b);
                for (int d = 0; d < backend.getNumDevices(); d++) {
                    TornadoDevice device = backend.getDevice(d);
                    found.add(device);
                    described.add(describe(described.size(), backend, device));
                }
            }
            devices = List.copyOf(found);
            infos = List.copyOf(described);
        }
        return infos;
    }

    static Backend open(int index) {
        List<DeviceInfo> all = discover();
        return new TornadoBackend(devices.get(index), all.get(index));
    }

    private static DeviceInfo describe(int index, uk.ac.manchester.tornado.api.TornadoBackend backend, TornadoDevice device) {
        DeviceInfo.Kind kind = switch (device.getDeviceType()) {
            case CPU -> DeviceInfo.Kind.CPU;
            case GPU -> DeviceInfo.Kind.GPU;
            case ACCELERATOR, FPGA -> DeviceInfo.Kind.ACCELERATOR;
            default -> DeviceInfo.Kind.OTHER;
        };
        List<String> capabilities = new ArrayList<>();
        capabilities.add("TornadoVM " + backend.getBackendType() + " backend");
        String language = device.getDeviceOpenCLCVersion();
        if (language != null && !language.isBlank()) {
            capabilities.add(language.trim());
        }
        capabilities.add("F32 kernels (F16/BF16 weights widened on upload)");
        return new DeviceInfo(index, device.getPhysicalDevice().getDeviceName().trim(), kind, device.getMaxGlobalMemory(),
                device.getPhysicalDevice().getDeviceMaxComputeUnits(), capabilities);
    }
}
