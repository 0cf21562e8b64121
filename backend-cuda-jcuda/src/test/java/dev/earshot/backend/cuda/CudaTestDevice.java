package dev.earshot.backend.cuda;

import dev.earshot.api.backend.Availability;
import dev.earshot.api.backend.Backend;
import dev.earshot.api.backend.BackendOptions;
import org.junit.jupiter.api.Assumptions;

/**
 * Opens the CUDA backend for the device tests, or skips them with the provider's reason: no machine this project's CI
 * runs on has an NVIDIA GPU, so these run only where one is (the shared kernels are tested on PoCL meanwhile).
 */
final class CudaTestDevice {

    private CudaTestDevice() {
    }

    static Backend open() {
        CudaBackendProvider provider = new CudaBackendProvider();
        Availability availability = provider.availability();
        if (!availability.isAvailable()) {
            String why = "cuda: not available (" + availability.detail() + "); the CUDA device tests are skipped";
            // Surefire reports a class aborted in @BeforeAll as zero tests, so say it where the build log shows it
            System.err.println("[earshot] SKIPPED " + why);
            Assumptions.abort(why);
        }
        return provider.open(BackendOptions.defaults());
    }
}
