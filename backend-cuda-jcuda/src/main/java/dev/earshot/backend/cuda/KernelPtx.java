package dev.earshot.backend.cuda;

import dev.earshot.kernels.SharedKernelSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The PTX that the build compiled from the shared kernels ({@code src/build/compile-ptx.sh}, run by Maven with nvcc),
 * shipped in the jar and handed to the driver with cuModuleLoadData, which JIT-compiles it for the GPU at hand.
 */
final class KernelPtx {

    static final String RESOURCE = "kernels.ptx";

    private KernelPtx() {
    }

    /** The PTX text, or empty when this build was made without nvcc. */
    static Optional<String> load() {
        try (InputStream in = KernelPtx.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return Optional.empty();
            }
            return Optional.of(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The shared kernels the PTX lacks an entry for (empty when it has them all). */
    static List<String> missingEntries(String ptx) {
        return SharedKernelSource.KERNELS.stream().filter(kernel -> !ptx.contains(".entry " + kernel + "(")).toList();
    }

    /** The PTX ISA version the driver must understand, from the {@code .version} directive. */
    static String isaVersion(String ptx) {
        return ptx.lines().map(String::strip).filter(line -> line.startsWith(".version ")).findFirst()
                .map(line -> line.substring(".version ".length())).orElse("unknown");
    }

    static final String NO_PTX = "this build of earshot has no CUDA kernels (it was built without nvcc);"
            + " rebuild with the CUDA toolkit installed";
}
