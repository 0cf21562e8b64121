package dev.earshot.backend.tornado;

import dev.earshot.api.backend.Availability;
import dev.earshot.api.backend.BackendOptions;
import dev.earshot.api.backend.BackendUnavailableException;

/**
 * Prints what the provider reports, in a JVM of its own: {@link WithoutTornadoVmTest} starts it without TornadoVM's
 * argfile, which cannot be arranged inside the test's own JVM.
 */
final class AvailabilityProbe {

    private AvailabilityProbe() {
    }

    public static void main(String[] args) {
        TornadoBackendProvider provider = new TornadoBackendProvider();
        Availability availability = provider.availability();
        System.out.println("score=" + availability.score());
        System.out.println("devices=" + provider.devices().size());
        System.out.println("detail=" + availability.detail());
        try (var backend = provider.open(BackendOptions.defaults())) {
            System.out.println("open=succeeded on " + backend.device().name());
        } catch (BackendUnavailableException e) {
            System.out.println("open=" + e.getMessage());
        }
    }
}
