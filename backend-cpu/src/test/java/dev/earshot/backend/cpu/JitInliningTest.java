package dev.earshot.backend.cpu;

import dev.earshot.testkit.ChildJvm;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The JIT directive covers every vector helper of the package, and this JVM holds it. That it keeps the kernels from
 * allocating is shown by the allocation tests, run a second time with no call site counted as frequent
 * (backend-cpu's pom): with {@code -Dearshot.cpu.jitDirective=false} there they fail (662 MB per encoder pass,
 * 11–22 MB per token, measured). Vectors held in fields or records are not seen by this check; the kernels keep none.
 */
class JitInliningTest {

    @Test
    void everyClassWithVectorHelpersIsCovered() throws Exception {
        List<String> uncovered = new ArrayList<>();
        for (Class<?> type : packageClasses()) {
            boolean helpers = Arrays.stream(type.getDeclaredMethods()).anyMatch(JitInlining::handlesVectors);
            if (helpers && !JitInlining.KERNEL_CLASSES.contains(type)) {
                uncovered.add(type.getName());
            }
        }
        assertEquals(List.of(), uncovered, "classes whose methods take or return vectors, missing from JitInlining");
    }

    @Test
    void everyListedClassHasVectorHelpers() {
        for (Class<?> type : JitInlining.KERNEL_CLASSES) {
            assertTrue(Arrays.stream(type.getDeclaredMethods()).anyMatch(JitInlining::handlesVectors),
                    type.getName() + " is listed but has no method that takes or returns a vector");
        }
    }

    @Test
    void onlyVectorHelpersAreNamedWithTheirSignatures() {
        List<String> inlined = JitInlining.inlinedMethods();
        String vector = "Ljdk/incubator/vector/FloatVector;";
        assertTrue(inlined.containsAll(List.of(
                "dev/earshot/backend/cpu/FastExp.exp(" + vector + ")" + vector,
                "dev/earshot/backend/cpu/LinearKernel.sumLanes(" + vector + ")F",
                "dev/earshot/backend/cpu/LinearKernel.sumLanes4(" + vector.repeat(4) + ")" + vector)), inlined::toString);
        // the scalar twin of DoubleExp.exp, used by ErfFunctions, keeps the JIT's own decision
        assertTrue(inlined.stream().noneMatch(m -> m.startsWith("dev/earshot/backend/cpu/DoubleExp.exp(D)")), inlined::toString);
    }

    @Test
    void theJvmHoldsTheDirective() throws Exception {
        JitInlining.Outcome outcome = JitInlining.ensureDirective();
        assumeTrue(outcome != JitInlining.Outcome.DISABLED, "-D" + JitInlining.ENABLED_PROPERTY + "=false");
        assertEquals(JitInlining.Outcome.ADDED, outcome, JitInlining::directiveJson);
        String held = JitInlining.printDirectives();
        assertTrue(held.contains("matching: dev/earshot/backend/cpu/*.*"), held);
        assertTrue(held.contains("+dev/earshot/backend/cpu/LinearKernel.sumLanes4"), held);
    }

    @Test
    void aJvmWithoutManagementWarnsOnceAndStillRuns() throws Exception {
        ChildJvm.Result probe = ChildJvm.run(WithoutManagementProbe.class, List.of("--limit-modules",
                "java.base,java.logging,jdk.incubator.vector", "--add-modules", "jdk.incubator.vector"), environment -> {
                }, 120);
        String printed = probe.output();
        assertEquals(0, probe.exitCode(), printed);
        assertEquals(2, printed.lines().filter(l -> l.equals("opened cpu, directive FAILED")).count(), printed);
        assertEquals(1, printed.lines().filter(l -> l.contains("could not ask the JIT to inline")).count(), printed);
        assertTrue(printed.contains("ManagementFactory"), printed);
    }

    /** The package's compiled classes, nested ones included, read from the directory the tests run against. */
    private static List<Class<?>> packageClasses() throws URISyntaxException, IOException, ClassNotFoundException {
        Path root = Path.of(JitInlining.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path dir = root.resolve(JitInlining.class.getPackageName().replace('.', '/'));
        assertTrue(Files.isDirectory(dir), "expected compiled classes under " + dir);
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                String simple = file.getFileName().toString().replace(".class", "");
                classes.add(Class.forName(JitInlining.class.getPackageName() + "." + simple, false,
                        JitInlining.class.getClassLoader()));
            }
        }
        assertTrue(classes.size() > 20, "found only " + classes);
        return classes;
    }
}
