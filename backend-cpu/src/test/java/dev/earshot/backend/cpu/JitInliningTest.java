package dev.earshot.backend.cpu;

import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JIT directive covers every vector helper of the package, and this JVM accepts it. That it keeps the kernels from
 * allocating is shown by the allocation tests, run a second time with every call site judged cold (backend-cpu's pom):
 * with {@code -Dearshot.cpu.jitDirective=false} there they fail (662 MB per encoder pass, 11 MB per token, measured).
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
    void theDirectiveNamesTheHelpersAndIsAccepted() {
        List<String> inlined = JitInlining.inlinedMethods();
        assertTrue(inlined.containsAll(List.of("dev/earshot/backend/cpu/FastExp.exp",
                "dev/earshot/backend/cpu/LinearKernel.sumLanes", "dev/earshot/backend/cpu/LinearKernel.sumLanes4",
                "dev/earshot/backend/cpu/AlignedFloats.load")), inlined::toString);
        assertEquals("added", JitInlining.ensureDirective(), JitInlining::directiveJson);
    }

    /** The package's compiled classes, nested ones included, read from the directory the tests run against. */
    private static List<Class<?>> packageClasses() throws URISyntaxException, java.io.IOException, ClassNotFoundException {
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
