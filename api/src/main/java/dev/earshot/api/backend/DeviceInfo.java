package dev.earshot.api.backend;

import java.util.List;

/**
 * One device a backend can run on, as {@code earshot devices} lists it.
 *
 * @param index        position in the provider's device list (what {@code --device N} selects)
 * @param name         the device's own name
 * @param kind         CPU, GPU, accelerator
 * @param memoryBytes  memory the backend can allocate on it (0 if unknown)
 * @param computeUnits parallel units (cores, compute units, SMs)
 * @param capabilities free-form facts that matter for speed or correctness (e.g. "fp16", "AVX-512")
 */
public record DeviceInfo(int index, String name, Kind kind, long memoryBytes, int computeUnits, List<String> capabilities) {

    public enum Kind { CPU, GPU, ACCELERATOR, OTHER }

    public DeviceInfo {
        capabilities = List.copyOf(capabilities);
    }
}
