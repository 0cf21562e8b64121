package dev.earshot.backend.opencl;

import dev.earshot.testkit.ChildJvm;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * PoCL makes LLVM install its signal handlers over the JVM's when the driver starts; a JVM left like that dies
 * with a bare "Segmentation fault" when two threads hit a null check or safepoint poll together. The test JVMs
 * preload the JDK's signal-chaining library, which keeps the fault handlers; the OpenCL backend must also leave
 * the JVM's handlers in place on its own, after discovery and after building its kernels, in a JVM started without
 * that library (as an application embedding earshot may be).
 */
class JvmSignalHandlersTest {

    /** The fault handlers and thread suspension, whose JVM handlers are installed however the JVM was started. */
    private static final List<String> ALWAYS_GUARDED = List.of("SIGSEGV", "SIGBUS", "SIGFPE", "SIGILL", "SIGUSR2");

    @Test
    void theJvmsHandlersAreBackAfterTheDriverStartsAndCompiles() throws Exception {
        OpenClTestDevice.provider(); // this check is about PoCL (or any driver): it needs a working OpenCL
        ChildJvm.Result probe = ChildJvm.run(SignalHandlersProbe.class, List.of("--enable-native-access=ALL-UNNAMED"),
                environment -> environment.remove("LD_PRELOAD"), 120);
        String text = probe.output();
        assertEquals(0, probe.exitCode(), "the probe failed: " + text);
        List<String> lines = text.lines().toList();

        String guarded = lines.stream().filter(l -> l.startsWith("guarded=")).findFirst().orElse("guarded=(missing)");
        assertTrue(ALWAYS_GUARDED.stream().allMatch(guarded::contains),
                "the JVM's own handlers are recognised before the driver starts: " + text);
        assertTrue(lines.contains("available=true"), text);
        assertTrue(lines.contains("after-discovery=[]"), "after the driver started: " + text);
        assertTrue(lines.contains("after-build=[]"), "after the kernels were compiled: " + text);
        if (text.contains("Portable Computing Language")) {
            // PoCL does replace them, so the test above saw the handlers put back, not merely never touched
            assertTrue(text.contains("replaced the JVM's handlers for SIGSEGV"), "PoCL's replacement is reported: " + text);
        }
    }

    @Test
    void theTestJvmsPreloadTheSignalChainingLibrary() throws IOException {
        Path jsig = Path.of(System.getProperty("java.home"), "lib", "libjsig.so");
        assumeTrue(System.getProperty("os.name").toLowerCase(Locale.ROOT).equals("linux") && Files.exists(jsig),
                "only where the JDK has " + jsig);
        assertTrue(Files.readString(Path.of("/proc/self/maps")).contains("/libjsig.so"),
                "the build's signal-chaining profile should preload " + jsig + " into this JVM (LD_PRELOAD="
                        + System.getenv("LD_PRELOAD") + ")");
    }
}
