package dev.earshot.backend.tornado;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A JVM without TornadoVM, as {@code earshot devices} runs on most machines: the provider loads, reports why it is not
 * available and what to do, and open fails with the same advice; nothing throws. Two ways to lack TornadoVM: no
 * argfile at all, and TornadoVM's settings present while its classes are not (a broken installation), which reaches
 * the guarded probe and its {@code NoClassDefFoundError}.
 */
class WithoutTornadoVmTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"no argfile", "argfile settings but no TornadoVM classes"})
    void theProviderSaysWhyAndWhatToDo(String situation) throws Exception {
        List<String> output = runProbe(situation.startsWith("argfile"));

        assertTrue(output.contains("score=0"), "unavailable: " + output);
        assertTrue(output.contains("devices=0"), "no devices: " + output);
        String detail = line(output, "detail=");
        assertTrue(detail.contains("tornado-argfile") && detail.contains("TORNADOVM_HOME"), "says what to do: " + detail);
        if (situation.startsWith("argfile")) {
            assertTrue(detail.contains("NoClassDefFoundError"), "names the failure: " + detail);
        } else {
            assertTrue(detail.contains("not started with TornadoVM's arguments"), "says why: " + detail);
        }
        String open = line(output, "open=");
        assertTrue(open.contains("cannot run here") && open.contains("tornado-argfile"), "open says why: " + open);
    }

    /** A plain JVM on the test class path, from which the build leaves tornado-api out (it is TornadoVM's to provide). */
    private static List<String> runProbe(boolean withTornadoSettings) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED"));
        if (withTornadoSettings) {
            command.add("-Dtornado.load.api.implementation=uk.ac.manchester.tornado.runtime.tasks.TornadoTaskGraph");
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), AvailabilityProbe.class.getName()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the probe did not finish");
        assertEquals(0, process.exitValue(), "the probe threw: " + text);
        return text.lines().toList();
    }

    private static String line(List<String> output, String prefix) {
        return output.stream().filter(l -> l.startsWith(prefix)).findFirst().orElse(prefix + "(missing) " + output);
    }
}
