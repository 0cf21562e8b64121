package dev.earshot.backend.opencl;

import dev.earshot.api.backend.Availability;
import dev.earshot.api.backend.Backend;
import dev.earshot.api.backend.BackendOptions;
import dev.earshot.api.backend.BackendProvider;
import dev.earshot.api.backend.DeviceInfo;
import dev.earshot.api.backend.DeviceSelection;
import dev.earshot.api.backend.DeviceSelection.Discovery;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The OpenCL backend ({@code --backend opencl}) on any OpenCL 1.2+ device: GPUs of every vendor, and CPUs
 * through PoCL. Scores: 10 when a GPU or accelerator is present, 1 when only CPU-type devices are (the same
 * as the cpu backend, so {@code --backend auto} decides that tie by provider order).
 */
public final class OpenClBackendProvider implements BackendProvider {

    static final String NAME = "opencl";
    static final String INSTALL_HINT = "install an OpenCL ICD loader and a driver, e.g. apt-get install"
            + " ocl-icd-libopencl1 pocl-opencl-icd (any CPU) or the GPU vendor's OpenCL driver";

    /** The devices found, or why none could be looked for; discovered once per provider. */
    private final DeviceSelection.Once<OpenClDevice> discovery = new DeviceSelection.Once<>(OpenClBackendProvider::discover);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Availability availability() {
        Discovery<OpenClDevice> found = discovery.get();
        if (found.failure() != null) {
            return Availability.unavailable(found.failure());
        }
        if (found.devices().isEmpty()) {
            return Availability.unavailable("OpenCL is installed but reports no platform with a device; " + INSTALL_HINT);
        }
        OpenClDevice best = preferred(found.devices());
        return Availability.available(best.score(), found.devices().stream().map(OpenClDevice::describe)
                .collect(Collectors.joining("; ", "OpenCL devices: ", "")));
    }

    @Override
    public List<DeviceInfo> devices() {
        return discovery.get().devices().stream().map(OpenClDevice::info).toList();
    }

    /**
     * @param options device {@code null} for the best device (a GPU if there is one), an index into
     *                {@link #devices()}, or a case-insensitive part of a device name; threads are the driver's
     */
    @Override
    public Backend open(BackendOptions options) {
        options.requireNoQuantization("opencl");
        List<OpenClDevice> devices = discovery.get().requireDevices(NAME, "OpenCL device", INSTALL_HINT);
        return new OpenClBackend(DeviceSelection.select(NAME, devices, options.device(), preferred(devices),
                OpenClDevice::info, OpenClDevice::describe));
    }

    private static OpenClDevice preferred(List<OpenClDevice> devices) {
        return devices.stream().max(Comparator.comparingInt(OpenClDevice::score)
                .thenComparing(d -> -d.info().index())).orElseThrow();
    }

    /** Never throws: a missing native library or a broken driver becomes the reason. */
    private static Discovery<OpenClDevice> discover() {
        try {
            // Starting PoCL installs LLVM's signal handlers over the JVM's (see JvmSignalHandlers).
            return Discovery.found(JvmSignalHandlers.around("starting the OpenCL driver", OpenClDevices::discover));
        } catch (LinkageError e) {
            return Discovery.failed("JOCL could not load its native library or libOpenCL (" + e.getMessage()
                    + "); " + INSTALL_HINT);
        } catch (RuntimeException e) {
            return Discovery.failed("asking OpenCL for its platforms failed (" + e.getMessage() + "); "
                    + INSTALL_HINT);
        }
    }
}
