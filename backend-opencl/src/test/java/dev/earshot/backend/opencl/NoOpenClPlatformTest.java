package dev.earshot.backend.opencl;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A machine whose OpenCL ICD loader finds no driver: the provider must say so, naming what to install, without
 * throwing, and open must fail with the same advice. Simulated by pointing the ocl-icd loader at a vendors
 * directory with only a driver entry whose library does not exist ({@code OCL_ICD_VENDORS}).
 */
class NoOpenClPlatformTest {

    @Test
    void withoutADriverTheProviderIsUnavailableAndSaysWhatToInstall(@TempDir Path vendors) throws Exception {
        OpenClTestDevice.provider(); // needs a working OpenCL to show the difference is the environment
        Files.writeString(vendors.resolve("missing.icd"), "libno-such-opencl-driver.so\n");
        List<String> output = runProbe(vendors);

        assertTrue(output.contains("score=0"), "unavailable: " + output);
        assertTrue(output.contains("devices=0"), "no devices: " + output);
        String detail = line(output, "detail=");
        assertTrue(detail.contains("pocl-opencl-icd") && detail.contains("ocl-icd-libopencl1"), "names what to install: " + detail);
        String open = line(output, "open=");
        assertTrue(open.contains("pocl-opencl-icd"), "open names what to install: " + open);
    }

    private static List<String> runProbe(Path vendors) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        ProcessBuilder builder = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), AvailabilityProbe.class.getName()).redirectErrorStream(true);
        builder.environment().put("OCL_ICD_VENDORS", vendors.toString());
        Process process = builder.start();
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the probe did not finish");
        assertEquals(0, process.exitValue(), "the probe threw: " + text);
        return text.lines().toList();
    }

    private static String line(List<String> output, String prefix) {
        return output.stream().filter(l -> l.startsWith(prefix)).findFirst().orElse(prefix + "(missing) " + output);
    }
}
