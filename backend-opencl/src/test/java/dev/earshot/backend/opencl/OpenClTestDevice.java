package dev.earshot.backend.opencl;

import dev.earshot.api.backend.Availability;
import dev.earshot.api.backend.Backend;
import dev.earshot.api.backend.BackendOptions;
import org.junit.jupiter.api.Assumptions;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Opens the OpenCL backend for a test. Without an OpenCL device the tests fail, so CI cannot pass by skipping them;
 * {@code -Dearshot.opencl.optional=true} turns that into a skip with the reason, for machines without OpenCL.
 */
final class OpenClTestDevice {

    static final String OPTIONAL_PROPERTY = "earshot.opencl.optional";

    private OpenClTestDevice() {
    }

    static OpenClBackendProvider provider() {
        OpenClBackendProvider provider = new OpenClBackendProvider();
        Availability availability = provider.availability();
        if (!availability.isAvailable()) {
            String why = "no OpenCL device to test on: " + availability.detail();
            if (Boolean.getBoolean(OPTIONAL_PROPERTY)) {
                Assumptions.abort(why + " (skipped because -D" + OPTIONAL_PROPERTY + "=true)");
            }
            fail(why + ". CI installs pocl-opencl-icd; elsewhere set -D" + OPTIONAL_PROPERTY + "=true to skip the OpenCL tests");
        }
        return provider;
    }

    /** The provider's default device (a GPU if there is one, else PoCL's CPU device). */
    static Backend open() {
        return provider().open(BackendOptions.defaults());
    }
}
