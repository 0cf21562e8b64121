package dev.earshot.backend.cpu;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Tells HotSpot's optimizing compiler to always inline the kernels' vector helpers (the methods of this package that
 * take or return a vector: lane sums, exp, aligned loads, widening) into the kernels that call them.
 *
 * <p>Why: a vector stays in registers only while its producer and its consumer are compiled as one method. A helper
 * left as a call receives and returns its vectors as heap objects, an allocation per call, millions per encoder pass.
 * Whether C2 inlines a helper of more than 35 bytecodes depends on the call site's profiled frequency, and that
 * profile depends on how the code was warmed up (interpreted and lightly profiled compiled code count a method's calls
 * but not its call sites'), so a site run once per call can be judged cold on a busy machine. That happened in CI:
 * the softmax's lane sum was left out of line, 586 KB allocated per encoder pass of the small test model. With every
 * site judged cold ({@code -XX:InlineFrequencyRatio=1000000}) a pass allocated 662 MB and a decoded token 22 MB;
 * with this directive the allocation tests pass under that flag (they run so in CI).
 *
 * <p>How: a compiler directive (JEP 165) added at run time through the platform's DiagnosticCommand MBean, matching
 * only this package's methods, so it changes nothing else in the host application. A JVM without that command (not
 * HotSpot, or no {@code java.management}) keeps its heuristics, with one warning. {@code -Dearshot.cpu.jitDirective=false}
 * leaves the JIT alone.
 */
final class JitInlining {

    static final String SWITCH_PROPERTY = "earshot.cpu.jitDirective";
    private static final System.Logger LOG = System.getLogger(JitInlining.class.getName());
    private static final String PACKAGE = JitInlining.class.getPackageName().replace('.', '/');
    /** The classes whose vector helpers are inlined; {@code JitInliningTest} checks none of the package is missing. */
    static final List<Class<?>> KERNEL_CLASSES = List.of(AlignedFloats.class, DoubleExp.class,
            FastExp.class, LayerNormKernel.class, LinearKernel.class, QuantizedGemv.class, StoredRows.class);

    private JitInlining() {
    }

    /**
     * Adds the directive once per JVM (later calls return at once); never throws.
     *
     * @return "added", "disabled", or why the JVM could not add it
     */
    static String ensureDirective() {
        return Directive.OUTCOME;
    }

    /** The {@code Class.method} names, in the JIT's form (package/Class.method), of every helper to inline. */
    static List<String> inlinedMethods() {
        return KERNEL_CLASSES.stream()
                .flatMap(c -> Arrays.stream(c.getDeclaredMethods()).filter(JitInlining::handlesVectors)
                        .map(m -> c.getName().replace('.', '/') + "." + m.getName()))
                .collect(Collectors.toCollection(TreeSet::new)).stream().toList();
    }

    static boolean handlesVectors(Method method) {
        return Stream.concat(Stream.of(method.getReturnType()), Arrays.stream(method.getParameterTypes()))
                .anyMatch(type -> type.getPackageName().equals("jdk.incubator.vector"));
    }

    /** The directive text: this package's compilations inline every helper. */
    static String directiveJson() {
        String inline = inlinedMethods().stream().map(m -> "\"+" + m + "\"").collect(Collectors.joining(", "));
        return "[{ match: \"" + PACKAGE + "/*.*\", inline: [" + inline + "] }]";
    }

    /** Holder: the JVM runs {@link #add} once, on first use, however many backends are opened. */
    private static final class Directive {
        static final String OUTCOME = add();

        private static String add() {
            if (!Boolean.parseBoolean(System.getProperty(SWITCH_PROPERTY, "true"))) {
                return "disabled";
            }
            try {
                Path file = Files.createTempFile("earshot-jit", ".json");
                try {
                    Files.writeString(file, directiveJson());
                    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
                    Object printed = server.invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"),
                            "compilerDirectivesAdd", new Object[]{new String[]{file.toString()}},
                            new String[]{String[].class.getName()});
                    String reply = String.valueOf(printed).strip();
                    if (!reply.startsWith("1 compiler directives added")) {
                        return warn("the JVM refused it: " + reply);
                    }
                    LOG.log(System.Logger.Level.DEBUG, "JIT directive added: {0}", directiveJson());
                    return "added";
                } finally {
                    Files.deleteIfExists(file);
                }
            } catch (IOException | JMException | RuntimeException | LinkageError e) {
                return warn(e.toString());
            }
        }

        private static String warn(String why) {
            LOG.log(System.Logger.Level.WARNING, "could not ask the JIT to inline the cpu backend's vector helpers ("
                    + why + "); the kernels may allocate a vector per call and run slower on some warm-ups. Set -D"
                    + SWITCH_PROPERTY + "=false to skip this step.");
            return why;
        }
    }
}
