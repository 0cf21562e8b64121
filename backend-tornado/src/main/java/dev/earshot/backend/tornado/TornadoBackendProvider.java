package dev.earshot.backend.tornado;

import dev.earshot.api.backend.Availability;
import dev.earshot.api.backend.Backend;
import dev.earshot.api.backend.BackendOptions;
import dev.earshot.api.backend.BackendProvider;
import dev.earshot.api.backend.BackendUnavailableException;
import dev.earshot.api.backend.DeviceInfo;
import dev.earshot.api.backend.DeviceSelection;
import dev.earshot.api.backend.DeviceSelection.Discovery;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The TornadoVM backend ({@code --backend tornado}): kernels written in Java, compiled by TornadoVM at run time for
 * OpenCL, PTX or SPIR-V devices. This class names no TornadoVM type, so {@link java.util.ServiceLoader} can load it
 * on any JVM; TornadoVM is touched only inside {@link #discover()}'s guard, and a JVM without TornadoVM gets a
 * reason instead of an error. Scores: 8 with a GPU or accelerator (below opencl's 10: the same devices through
 * hand-written OpenCL C), 1 with only CPUs.
 */
public final class TornadoBackendProvider implements BackendProvider {

    static final String NAME = "tornado";
    static final String SETUP_HINT = "install TornadoVM 5.2.0-jdk25 or newer (with its OpenCL, PTX or SPIR-V backend),"
            + " set TORNADOVM_HOME to it and start java with @$TORNADOVM_HOME/tornado-argfile";

    /** The devices found, or why TornadoVM cannot run in this JVM; discovered once per provider. */
    private final DeviceSelection.Once<DeviceInfo> discovery = new DeviceSelection.Once<>(TornadoBackendProvider::discover);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Availability availability() {
        Discovery<DeviceInfo> found = discovery.get();
        if (found.failure() != null) {
            return Availability.unavailable(found.failure());
        }
        if (found.devices().isEmpty()) {
            return Availability.unavailable("TornadoVM runs but reports no device; check its backend's driver with"
                    + " 'tornado --devices'");
        }
        boolean accelerator = found.devices().stream().anyMatch(d -> d.kind() != DeviceInfo.Kind.CPU);
        return Availability.available(accelerator ? 8 : 1, found.devices().stream()
                .map(d -> d.name() + " (" + d.kind() + ")").collect(Collectors.joining("; ", "TornadoVM devices: ", "")));
    }

    @Override
    public List<DeviceInfo> devices() {
        return discovery.get().devices();
    }

    /** @param options device {@code null} for TornadoVM's first device, an index, or a case-insensitive part of a name */
    @Override
    public Backend open(BackendOptions options) {
        options.requireNoQuantization("tornado");
        List<DeviceInfo> devices = discovery.get().requireDevices(NAME, "TornadoVM device", "check 'tornado --devices'");
        DeviceInfo chosen = DeviceSelection.select(NAME, devices, options.device(), devices.getFirst(), Function.identity(),
                DeviceSelection::numberAndName);
        try {
            return TornadoDevices.open(chosen.index());
        } catch (RuntimeException | LinkageError e) {
            throw new BackendUnavailableException("opening TornadoVM device " + chosen.name() + " failed (" + e + ")", e);
        }
    }

    /** Never throws: a JVM without TornadoVM, or a TornadoVM without a working driver, becomes the reason. */
    private static Discovery<DeviceInfo> discover() {
        // The argfile sets these; without them TornadoVM's classes are absent or cannot start.
        if (System.getProperty("tornado.load.api.implementation") == null) {
            String home = System.getenv("TORNADOVM_HOME");
            return Discovery.failed("this JVM was not started with TornadoVM's arguments ("
                    + (home == null ? "TORNADOVM_HOME is not set" : "TORNADOVM_HOME is " + home) + "); " + SETUP_HINT);
        }
        try {
            return Discovery.found(TornadoDevices.discover());
        } catch (Throwable e) { // NoClassDefFoundError, TornadoVM's own runtime errors, a driver that fails to load
            return Discovery.failed("TornadoVM did not start (" + e + "); " + SETUP_HINT);
        }
    }
}
