package dev.earshot.backend.cpu;

import dev.earshot.api.backend.Availability;
import dev.earshot.api.backend.Backend;
import dev.earshot.api.backend.BackendOptions;
import dev.earshot.api.backend.BackendProvider;
import dev.earshot.api.backend.BackendUnavailableException;
import dev.earshot.api.backend.DeviceInfo;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CpuBackendProviderTest {

    @Test
    void serviceLoaderFindsTheCpuProvider() {
        List<BackendProvider> cpu = ServiceLoader.load(BackendProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals("cpu")).toList();
        assertEquals(1, cpu.size());
        assertInstanceOf(CpuBackendProvider.class, cpu.getFirst());
    }

    @Test
    void availableWithTheLowestScore() {
        Availability availability = new CpuBackendProvider().availability();
        assertTrue(availability.isAvailable());
        assertEquals(1, availability.score());
        assertTrue(availability.detail().matches("Java \\d+ cores, Vector API \\d+-bit \\(\\d+ float lanes\\)"),
                availability.detail());
    }

    @Test
    void oneCpuDevice() {
        List<DeviceInfo> devices = new CpuBackendProvider().devices();
        assertEquals(1, devices.size());
        DeviceInfo cpu = devices.getFirst();
        assertEquals(0, cpu.index());
        assertEquals(DeviceInfo.Kind.CPU, cpu.kind());
        assertFalse(cpu.name().isBlank());
        assertEquals(Runtime.getRuntime().availableProcessors(), cpu.computeUnits());
        assertEquals(Runtime.getRuntime().maxMemory(), cpu.memoryBytes());
        assertTrue(cpu.capabilities().getFirst().startsWith("Vector API "), cpu.capabilities().toString());
    }

    @Test
    void opensByIndexOrNameAndRefusesOtherDevices() {
        CpuBackendProvider provider = new CpuBackendProvider();
        try (Backend byIndex = provider.open(BackendOptions.defaults().withDevice("0"));
             Backend byName = provider.open(BackendOptions.defaults().withDevice("CPU"))) {
            assertEquals("cpu", byIndex.name());
            assertEquals(provider.devices().getFirst(), byName.device());
        }
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> provider.open(BackendOptions.defaults().withDevice("1")));
        assertTrue(e.getMessage().contains("'1'"), e.getMessage());
    }

    @Test
    void threadsDefaultToTheAvailableProcessors() {
        CpuBackendProvider provider = new CpuBackendProvider();
        try (Backend defaults = provider.open(BackendOptions.defaults());
             Backend three = provider.open(BackendOptions.defaults().withThreads(3))) {
            assertEquals(Runtime.getRuntime().availableProcessors(), ((CpuBackend) defaults).threads());
            assertEquals(3, ((CpuBackend) three).threads());
        }
    }

    @Test
    void aClosedBackendRefusesWork() {
        Backend backend = new CpuBackendProvider().open(BackendOptions.defaults().withThreads(2));
        backend.close();
        backend.close(); // closing twice is harmless
        assertThrows(IllegalStateException.class, () -> backend.allocate(1, 1));
    }
}
