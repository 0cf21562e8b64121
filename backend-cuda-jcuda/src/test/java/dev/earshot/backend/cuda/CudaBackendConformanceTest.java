package dev.earshot.backend.cuda;

import dev.earshot.api.backend.Backend;
import dev.earshot.backend.tck.BackendConformanceSuite;

/** The CUDA backend against the op-level conformance kit; skipped, with the reason, where no CUDA device is present. */
class CudaBackendConformanceTest extends BackendConformanceSuite {

    @Override
    protected Backend openBackend() {
        return CudaTestDevice.open();
    }
}
