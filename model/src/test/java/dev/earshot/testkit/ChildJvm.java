package dev.earshot.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs a main class of the test class path in a JVM of its own, for what a test cannot change in its own JVM: the
 * signal handlers it starts with, the modules it can see. Output and errors are read together, while it runs.
 */
public final class ChildJvm {

    /** How a child JVM ended: its exit code and everything it printed. */
    public record Result(int exitCode, String output) {
    }

    private ChildJvm() {
    }

    /**
     * Runs {@code mainClass} with this JVM's class path after {@code jvmOptions}; waits up to {@code timeoutSeconds}
     * and fails (printing what it got) if the child is still running then.
     *
     * @param environment edits the child's environment before it starts
     */
    public static Result run(Class<?> mainClass, List<String> jvmOptions, Consumer<Map<String, String>> environment,
                             long timeoutSeconds) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        environment.accept(builder.environment());
        Process process = builder.start();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(output unreadable: " + e + ")";
            }
        });
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(mainClass.getSimpleName() + " did not finish in " + timeoutSeconds + " s: "
                    + output.getNow("(no output yet)"));
        }
        try {
            return new Result(process.exitValue(), output.get(10, TimeUnit.SECONDS));
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return new Result(process.exitValue(), "(output unreadable: " + e + ")");
        }
    }
}
