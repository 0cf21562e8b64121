package dev.earshot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earshot.benchmarks.harness.BenchRun;
import dev.earshot.benchmarks.harness.Measure;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs {@code earshot bench --format jsonl} in a fresh JVM: the same java, JVM flags and class path as this one, with
 * {@code -XX:ActiveProcessorCount} set to the thread count, so every pool the JVM sizes (ours, the JIT's, GC's
 * parallel phases) sees that many cores and one configuration's JIT state never leaks into the next.
 */
final class ChildJvm {

    private ChildJvm() {
    }

    /** @param threads 0 for the machine's cores */
    static BenchRun runBench(int threads, List<String> arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        for (String flag : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!flag.startsWith("-XX:ActiveProcessorCount")) {
                command.add(flag);
            }
        }
        if (threads > 0) {
            command.add("-XX:ActiveProcessorCount=" + threads);
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).start();
        // the child's messages go to this process's stderr (not the file descriptor: System.err may be redirected)
        Thread errors = Thread.ofVirtual().start(() -> process.errorReader(StandardCharsets.UTF_8).lines()
                .filter(line -> !line.startsWith("WARNING: Using incubator modules"))
                .forEach(System.err::println));
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                lines.add(line);
            }
        }
        int exit = process.waitFor();
        errors.join();
        if (exit != 0 || lines.isEmpty()) {
            throw new IllegalStateException("the benchmark run (" + String.join(" ", arguments) + ") failed with exit code "
                    + exit + "; its error is above");
        }
        ObjectMapper json = new ObjectMapper();
        BenchRun configuration = json.readValue(lines.getFirst(), BenchRun.class);
        List<Measure> measures = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            JsonNode node = json.readTree(line);
            measures.add(json.treeToValue(node, Measure.class));
        }
        return new BenchRun(configuration.model(), configuration.shape(), configuration.weights(), configuration.backend(),
                configuration.device(), configuration.threads(), measures);
    }
}
