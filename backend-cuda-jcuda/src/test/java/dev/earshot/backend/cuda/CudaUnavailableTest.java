package dev.earshot.backend.cuda;

import dev.earshot.api.backend.Availability;
import dev.earshot.api.backend.BackendOptions;
import dev.earshot.api.backend.BackendProvider;
import dev.earshot.api.backend.BackendUnavailableException;
import org.junit.jupiter.api.Test;

import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** On a machine without CUDA (CI): the provider is found, says why it cannot run, and never throws from discovery. */
class CudaUnavailableTest {

    @Test
    void providerIsFoundByServiceLoader() {
        assertTrue(ServiceLoader.load(BackendProvider.class).stream().anyMatch(p -> p.type() == CudaBackendProvider.class));
    }

    @Test
    void withoutCudaTheProviderExplainsAndOpenRefuses() {
        CudaBackendProvider provider = new CudaBackendProvider();
        Availability availability = provider.availability();
        assumeFalse(availability.isAvailable(), "a CUDA device is present: " + availability.detail());
        assertEquals(0, availability.score());
        assertFalse(availability.detail().contains("\n"), "one line: " + availability.detail());
        assertTrue(availability.detail().length() < 300, availability.detail());
        assertTrue(provider.devices().isEmpty());
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> provider.open(BackendOptions.defaults()));
        assertTrue(e.getMessage().contains(availability.detail()), e.getMessage());
    }

    @Test
    void missingDriverAndCublasAreNamed() {
        String driver = NativeLoadFailure.reason(new UnsatisfiedLinkError("Error while loading native library"
                + " \"JCudaDriver-12.0.0-linux-x86_64\"\n---(start of nested stack traces)---\njava.lang.UnsatisfiedLinkError:"
                + " /tmp/libJCudaDriver-12.0.0-linux-x86_64.so: libcuda.so.1: cannot open shared object file: No such file"));
        assertTrue(driver.startsWith("no CUDA driver (libcuda.so.1 not found)"), driver);
        String cublas = NativeLoadFailure.reason(new UnsatisfiedLinkError("/tmp/libJCublas2-12.0.0-linux-x86_64.so:"
                + " libcublas.so.12: cannot open shared object file"));
        assertTrue(cublas.startsWith("no cuBLAS (libcublas.so.12 not found)"), cublas);
        assertEquals("UnsatisfiedLinkError: something else", NativeLoadFailure.reason(new UnsatisfiedLinkError("something else\nmore")));
    }
}
