package dev.earshot.backend.cpu;

import dev.earshot.api.backend.DeviceInfo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The one device of the CPU backend: this machine's processor, as far as the JVM and /proc/cpuinfo tell. */
final class CpuDevice {

    private static final Path CPU_INFO = Path.of("/proc/cpuinfo");
    /** The instruction-set flags that decide how fast the Vector API kernels run. */
    private static final List<String> SPEED_FLAGS = List.of("avx2", "fma", "f16c", "avx512f", "avx512_bf16", "avx512_fp16",
            "asimd", "sve");

    private CpuDevice() {
    }

    /** Never throws: whatever cannot be read is left out. */
    static DeviceInfo describe(String vectorShape) {
        List<String> cpuInfo = readCpuInfo();
        String name = field(cpuInfo, "model name").or(() -> field(cpuInfo, "Model"))
                .orElse(System.getProperty("os.arch", "unknown") + " processor");
        List<String> capabilities = new ArrayList<>();
        capabilities.add(vectorShape);
        capabilities.add("fp32, fp16 and bf16 weights read as stored");
        field(cpuInfo, "flags").or(() -> field(cpuInfo, "Features")).ifPresent(flags -> {
            Set<String> present = Set.of(flags.toLowerCase(Locale.ROOT).split("\\s+"));
            SPEED_FLAGS.stream().filter(present::contains).forEach(capabilities::add);
        });
        return new DeviceInfo(0, name, DeviceInfo.Kind.CPU, Runtime.getRuntime().maxMemory(),
                Runtime.getRuntime().availableProcessors(), capabilities);
    }

    private static List<String> readCpuInfo() {
        try {
            return Files.isReadable(CPU_INFO) ? Files.readAllLines(CPU_INFO) : List.of();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    private static Optional<String> field(List<String> cpuInfo, String key) {
        for (String line : cpuInfo) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equals(key)) {
                String value = line.substring(colon + 1).trim();
                if (!value.isEmpty()) {
                    return Optional.of(value);
                }
            }
        }
        return Optional.empty();
    }
}
