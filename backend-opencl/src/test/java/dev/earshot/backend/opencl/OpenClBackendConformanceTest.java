package dev.earshot.backend.opencl;

import dev.earshot.api.backend.Backend;
import dev.earshot.backend.tck.BackendConformanceSuite;

/** The OpenCL backend against the op-level conformance kit, on the default device (PoCL in CI). */
class OpenClBackendConformanceTest extends BackendConformanceSuite {

    @Override
    protected Backend openBackend() {
        return OpenClTestDevice.open();
    }
}
