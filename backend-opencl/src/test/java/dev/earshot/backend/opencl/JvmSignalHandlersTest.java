package dev.earshot.backend.opencl;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PoCL makes LLVM install its signal handlers over the JVM's when the driver starts; a JVM
 * left like that dies with a bare "Segmentation fault" when two threads hit a null check or safepoint poll
 * together. The OpenCL backend must leave the JVM's handlers in place after discovery and after building its
 * kernels, in a JVM started without the signal-chaining library (as an application embedding earshot may be).
 */
class JvmSignalHandlersTest {

    @Test
    void theJvmsHandlersAreBackAfterTheDriverStartsAndCompiles() throws Exception {
        OpenClTestDevice.provider(); // this check is about PoCL (or any driver): it needs a working OpenCL
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        ProcessBuilder builder = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), SignalHandlersProbe.class.getName()).redirectErrorStream(true);
        builder.environment().remove("LD_PRELOAD");
        Process process = builder.start();
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the probe did not finish");
        assertEquals(0, process.exitValue(), "the probe failed: " + text);
        List<String> lines = text.lines().toList();

        assertTrue(lines.contains("guarded=[SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGUSR2, SIGQUIT, SIGHUP, SIGINT, SIGTERM]"),
                "the JVM's own handlers are recognised before the driver starts: " + text);
        assertTrue(lines.contains("available=true"), text);
        assertTrue(lines.contains("after-discovery=[]"), "after the driver started: " + text);
        assertTrue(lines.contains("after-build=[]"), "after the kernels were compiled: " + text);
        if (text.contains("Portable Computing Language")) {
            // PoCL does replace them, so the test above saw the handlers put back, not merely never touched
            assertTrue(text.contains("replaced the JVM's handlers for SIGSEGV"), "PoCL's replacement is reported: " + text);
        }
    }
}
