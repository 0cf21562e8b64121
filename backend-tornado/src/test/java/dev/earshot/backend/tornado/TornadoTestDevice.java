package dev.earshot.backend.tornado;

import dev.earshot.api.backend.Availability;
import dev.earshot.api.backend.Backend;
import dev.earshot.api.backend.BackendOptions;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The backend under test on TornadoVM's first device (PoCL where this was verified). These tests run only in the
 * tornadovm profile, so TornadoVM must be there: an unavailable provider fails the test with its reason rather
 * than skipping it.
 */
final class TornadoTestDevice {

    private static final TornadoBackendProvider PROVIDER = new TornadoBackendProvider();

    private TornadoTestDevice() {
    }

    static TornadoBackendProvider provider() {
        Availability availability = PROVIDER.availability();
        if (!availability.isAvailable()) {
            fail("TornadoVM is not usable in this test JVM: " + availability.detail());
        }
        return PROVIDER;
    }

    static Backend open() {
        return provider().open(BackendOptions.defaults());
    }
}
