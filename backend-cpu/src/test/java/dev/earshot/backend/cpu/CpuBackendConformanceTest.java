package dev.earshot.backend.cpu;

import dev.earshot.api.backend.Backend;
import dev.earshot.api.backend.BackendOptions;
import dev.earshot.backend.tck.BackendConformanceSuite;

/** The CPU backend against the op-level conformance kit, on two threads so the parallel paths run. */
class CpuBackendConformanceTest extends BackendConformanceSuite {

    @Override
    protected Backend openBackend() {
        return new CpuBackendProvider().open(BackendOptions.defaults().withThreads(2));
    }
}
