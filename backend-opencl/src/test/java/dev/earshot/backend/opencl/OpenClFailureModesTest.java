package dev.earshot.backend.opencl;

import dev.earshot.api.backend.Backend;
import dev.earshot.api.backend.BackendOptions;
import dev.earshot.api.backend.BackendProvider;
import dev.earshot.api.backend.BackendUnavailableException;
import dev.earshot.api.backend.DeviceInfo;
import dev.earshot.api.backend.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a user sees when the environment is wrong: a missing device, a kernel that does not build, too little memory. */
class OpenClFailureModesTest {

    @Test
    void aDeviceIndexPastTheEndNamesTheDevicesThereAre() {
        OpenClBackendProvider provider = OpenClTestDevice.provider();
        int count = provider.devices().size();
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> provider.open(BackendOptions.defaults().withDevice(String.valueOf(count + 98))));
        assertTrue(e.getMessage().contains("no device " + (count + 98)), e.getMessage());
        assertTrue(e.getMessage().contains(provider.devices().getFirst().name()), e.getMessage());
    }

    @Test
    void anUnknownDeviceNameNamesTheDevicesThereAre() {
        OpenClBackendProvider provider = OpenClTestDevice.provider();
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> provider.open(BackendOptions.defaults().withDevice("no-such-accelerator")));
        assertTrue(e.getMessage().contains("'no-such-accelerator'"), e.getMessage());
        assertTrue(e.getMessage().contains(provider.devices().getFirst().name()), e.getMessage());
    }

    @Test
    void aDeviceIsFoundByIndexAndByPartOfItsName() {
        OpenClBackendProvider provider = OpenClTestDevice.provider();
        DeviceInfo first = provider.devices().getFirst();
        String part = first.name().substring(0, Math.min(6, first.name().length())).toUpperCase(java.util.Locale.ROOT);
        try (Backend byIndex = provider.open(BackendOptions.defaults().withDevice("0"));
             Backend byName = provider.open(BackendOptions.defaults().withDevice(part))) {
            assertEquals(first, byIndex.device());
            assertEquals("opencl", byName.name());
        }
    }

    @Test
    void aKernelThatDoesNotBuildReportsTheCompilersLog() {
        try (Backend backend = OpenClTestDevice.open()) {
            BackendUnavailableException e = assertThrows(BackendUnavailableException.class, () -> ((OpenClBackend) backend)
                    .compileForTest("__kernel void broken(__global float* x) { x[0] = not_declared_anywhere; }"));
            assertTrue(e.getMessage().contains("Build log"), e.getMessage());
            assertTrue(e.getMessage().contains("not_declared_anywhere"), "the log names the bad identifier: " + e.getMessage());
            assertTrue(e.getMessage().contains(backend.device().name()), e.getMessage());
        }
    }

    /** More than the device's global memory in one tensor: refused with the sizes, and the backend keeps working. */
    @Test
    void aTensorLargerThanTheDeviceMemoryIsAClearError() {
        try (Backend backend = OpenClTestDevice.open()) {
            long memory = backend.device().memoryBytes();
            int cols = 4096;
            long elements = memory / Float.BYTES + cols;
            BackendUnavailableException e;
            if (elements <= Integer.MAX_VALUE - 8) {
                int rows = (int) ((elements + cols - 1) / cols);
                e = assertThrows(BackendUnavailableException.class, () -> backend.allocate(rows, cols));
                assertTrue(e.getMessage().contains("activation [" + rows + " × " + cols + "]"), e.getMessage());
            } else {
                // a device with more than 8 GiB: one tensor cannot exceed it, so fill it with the largest tensors
                int rows = (Integer.MAX_VALUE - 8) / cols;
                e = assertThrows(BackendUnavailableException.class, () -> {
                    for (long i = 0; i <= memory / ((long) rows * cols * Float.BYTES) + 1; i++) {
                        backend.allocate(rows, cols);
                    }
                });
            }
            assertTrue(e.getMessage().contains("out of OpenCL device memory"), e.getMessage());
            assertTrue(e.getMessage().contains(String.format(java.util.Locale.ROOT, "%.1f MiB", memory / (1024.0 * 1024))),
                    "names the device memory: " + e.getMessage());
            Tensor small = backend.allocate(1, 3);
            backend.write(small, new float[] {1, 2, 3});
            backend.add(small, small, small);
            float[] result = new float[3];
            backend.read(small, result);
            assertArrayEquals(new float[] {2, 4, 6}, result);
        }
    }

    @Test
    void theProviderIsFoundByServiceLoaderAndDescribesItsDevices() {
        OpenClTestDevice.provider();
        BackendProvider provider = ServiceLoader.load(BackendProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals("opencl")).findFirst().orElseThrow();
        List<DeviceInfo> devices = provider.devices();
        assertFalse(devices.isEmpty());
        for (int i = 0; i < devices.size(); i++) {
            DeviceInfo device = devices.get(i);
            assertEquals(i, device.index());
            assertTrue(device.memoryBytes() > 0 && device.computeUnits() > 0, device.toString());
            assertTrue(device.capabilities().stream().anyMatch(c -> c.startsWith("OpenCL ")), device.toString());
            assertTrue(device.capabilities().stream().anyMatch(c -> c.contains("cl_khr_fp16")), device.toString());
        }
        boolean anyGpu = devices.stream().anyMatch(d -> d.kind() != DeviceInfo.Kind.CPU);
        assertEquals(anyGpu ? 10 : 1, provider.availability().score(), provider.availability().detail());
    }

    @Test
    void closeReleasesEverythingAndAClosedBackendRefusesWork() {
        OpenClBackend backend = (OpenClBackend) OpenClTestDevice.open();
        backend.allocate(100, 100);
        assertTrue(backend.deviceBytesInUse() >= 100 * 100 * Float.BYTES);
        backend.close();
        assertEquals(0, backend.deviceBytesInUse());
        backend.close(); // twice is harmless
        assertThrows(IllegalStateException.class, () -> backend.allocate(1, 1));
    }

    @Test
    void aReleasedTensorIsRefused() {
        try (Backend backend = OpenClTestDevice.open()) {
            Tensor t = backend.allocate(2, 2);
            Tensor view = backend.rows(t, 1, 1);
            backend.release(view); // a view: nothing happens
            backend.read(t, new float[4]);
            backend.release(t);
            assertThrows(IllegalStateException.class, () -> backend.read(t, new float[4]));
            assertThrows(IllegalStateException.class, () -> backend.gelu(view));
        }
    }
}
