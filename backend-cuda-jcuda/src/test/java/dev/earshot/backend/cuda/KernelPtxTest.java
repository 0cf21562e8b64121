package dev.earshot.backend.cuda;

import dev.earshot.kernels.SharedKernelSource;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The PTX the build made with nvcc from the shared kernels: present wherever nvcc is, and complete. */
class KernelPtxTest {

    @Test
    void buildWithNvccShipsThePtx() {
        Optional<Path> nvcc = nvcc();
        assumeTrue(nvcc.isPresent(), "no nvcc on this machine, so the build had none to compile PTX with");
        assertTrue(KernelPtx.load().isPresent(), "nvcc is at " + nvcc.get() + " but the jar has no " + KernelPtx.RESOURCE);
    }

    @Test
    void ptxHasEveryKernelForTheStatedTarget() {
        Optional<String> ptx = KernelPtx.load();
        assumeTrue(ptx.isPresent(), KernelPtx.NO_PTX);
        assertEquals(java.util.List.of(), KernelPtx.missingEntries(ptx.get()));
        assertTrue(ptx.get().contains(".target sm_75"), "the README states compute_75 as the target");
        assertTrue(KernelPtx.isaVersion(ptx.get()).matches("\\d+\\.\\d+"), KernelPtx.isaVersion(ptx.get()));
        assertEquals(10, SharedKernelSource.KERNELS.size());
    }

    @Test
    void missingEntriesAreNamed() {
        assertEquals(SharedKernelSource.KERNELS, KernelPtx.missingEntries(".version 9.0\n.target sm_75\n"));
        assertEquals("9.0", KernelPtx.isaVersion("//\n.version 9.0\n.target sm_75\n"));
    }

    /** Where compile-ptx.sh looks. */
    private static Optional<Path> nvcc() {
        Stream<Path> onPath = Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .filter(dir -> !dir.isEmpty()).map(dir -> Path.of(dir, "nvcc"));
        String cudaHome = System.getenv("CUDA_HOME");
        Stream<Path> known = Stream.of(cudaHome == null ? "/usr/local/cuda" : cudaHome, "/usr/local/cuda")
                .map(dir -> Path.of(dir, "bin", "nvcc"));
        return Stream.concat(onPath, known).filter(Files::isExecutable).findFirst();
    }
}
