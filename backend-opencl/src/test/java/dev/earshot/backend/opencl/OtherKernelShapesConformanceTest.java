package dev.earshot.backend.opencl;

import dev.earshot.api.backend.Backend;
import dev.earshot.api.backend.BackendOptions;
import dev.earshot.backend.tck.BackendConformanceSuite;

/**
 * The conformance kit again with the kernel shapes the default device does not use (on PoCL: the GPU-shaped GEMV
 * and attention), so every kernel is checked on the CI machine.
 */
class OtherKernelShapesConformanceTest extends BackendConformanceSuite {

    @Override
    protected Backend openBackend() {
        OpenClDevice device;
        try (OpenClBackend usual = (OpenClBackend) OpenClTestDevice.provider().open(BackendOptions.defaults())) {
            device = usual.openedDevice();
        }
        return new OpenClBackend(device, KernelShapes.suitedTo(device.info()).other());
    }
}
