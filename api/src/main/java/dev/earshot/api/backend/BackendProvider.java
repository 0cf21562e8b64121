package dev.earshot.api.backend;

import java.util.List;

/**
 * A factory for one kind of backend, found with {@link java.util.ServiceLoader}. A provider is cheap to
 * construct and never throws from {@link #availability()} or {@link #devices()}: those answer "can this
 * backend run on this machine, and on what", so {@code --backend auto} and {@code earshot devices}
 * can ask every provider without risk.
 */
public interface BackendProvider {

    /** The name users type after {@code --backend}: {@code cpu}, {@code opencl}, {@code cuda}, … */
    String name();

    /** Whether this backend can run here, how well, and if not, why; must not throw. */
    Availability availability();

    /** The devices this backend can open here; empty when unavailable. Must not throw. */
    List<DeviceInfo> devices();

    /**
     * Opens the backend on one device. Two backends (of the same or different providers) may be open
     * at once in one process.
     *
     * @throws BackendUnavailableException when it cannot run here, or the requested device does not exist
     */
    Backend open(BackendOptions options);
}
