package dev.earshot.backend.opencl;

import dev.earshot.api.backend.Availability;

/**
 * Prints what the provider reports, in a JVM of its own: {@link NoOpenClPlatformTest} starts it with an OpenCL
 * environment that has no driver, which cannot be arranged inside the test's own JVM (the ICD loader reads its
 * configuration once per process).
 */
final class AvailabilityProbe {

    private AvailabilityProbe() {
    }

    public static void main(String[] args) {
        OpenClBackendProvider provider = new OpenClBackendProvider();
        Availability availability = provider.availability();
        System.out.println("score=" + availability.score());
        System.out.println("devices=" + provider.devices().size());
        System.out.println("detail=" + availability.detail());
        try (var backend = provider.open(dev.earshot.api.backend.BackendOptions.defaults())) {
            System.out.println("open=succeeded on " + backend.device().name());
        } catch (dev.earshot.api.backend.BackendUnavailableException e) {
            System.out.println("open=" + e.getMessage());
        }
    }
}
