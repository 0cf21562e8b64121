package dev.earshot.backend.cpu;

import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Tells HotSpot's compilers to inline the kernels' vector helpers (the methods of this package that take or return a
 * vector: lane sums, exp, aligned loads, widening) into the kernels that call them, whatever the size and call-site
 * frequency heuristics would decide.
 *
 * <p>Why: a vector stays in registers only while its producer and its consumer are compiled as one method. A helper
 * left as a call receives and returns its vectors as heap objects, an allocation per call, millions per encoder pass.
 * Whether C2 inlines a helper of more than 35 bytecodes depends on the call site's profiled frequency, and that
 * profile depends on how the code was warmed up (interpreted and lightly profiled compiled code count a method's calls
 * but not its call sites'), so a site run once per call can be judged cold on a busy machine. That happened in CI:
 * the softmax's lane sum was left out of line, 586 KB allocated per encoder pass of the small test model. With no
 * call site counted as frequent ({@code -XX:InlineFrequencyRatio=1000000}) a pass of that model allocated 662 MB and
 * a decoded token 11–22 MB; with this directive the allocation tests pass under that flag (they run so in CI).
 *
 * <p>How: a compiler directive (JEP 165) added at run time through the platform's DiagnosticCommand MBean, before
 * the kernels first run (directives apply to compilations that start after them; code compiled before is kept).
 * What it changes, all confined to compilations that start in this package: the listed helpers are inlined past
 * the size and frequency heuristics (not past the compiler's hard limits on inlining depth and graph size), and
 * {@code -XX:CompileCommand=inline/dontinline} and other directives matching these methods no longer apply to
 * them. It also starts the platform MBean server (about 0.13 s, once per JVM). A JVM without the command, or without
 * {@code java.management}, keeps its heuristics and logs one warning; {@code -Dearshot.cpu.jitDirective=false}
 * leaves the JIT alone.
 */
final class JitInlining {

    static final String ENABLED_PROPERTY = "earshot.cpu.jitDirective";
    private static final System.Logger LOG = System.getLogger(JitInlining.class.getName());
    /** This package in the JIT's form, dev/earshot/backend/cpu. */
    private static final String INTERNAL_PACKAGE = JitInlining.class.getPackageName().replace('.', '/');
    /** The classes whose vector helpers are inlined; {@code JitInliningTest} checks none of the package is missing. */
    static final List<Class<?>> KERNEL_CLASSES = List.of(AlignedFloats.class, DoubleExp.class,
            FastExp.class, LayerNormKernel.class, LinearKernel.class, QuantizedGemv.class, StoredRows.class);

    enum Outcome { ADDED, DISABLED, FAILED }

    private static Outcome outcome;

    private JitInlining() {
    }

    /**
     * Adds the directive once per JVM (later calls return the first outcome at once). Never throws: a failure leaves
     * the JIT's own heuristics in place, which is slower on some warm-ups but still correct.
     */
    static synchronized Outcome ensureDirective() {
        if (outcome == null) {
            outcome = add();
        }
        return outcome;
    }

    /** Every helper, in the JIT's pattern form: package/Class.method(descriptor). */
    static List<String> inlinedMethods() {
        return KERNEL_CLASSES.stream()
                .flatMap(c -> Arrays.stream(c.getDeclaredMethods()).filter(JitInlining::handlesVectors)
                        .map(m -> c.getName().replace('.', '/') + "." + m.getName()
                                + MethodType.methodType(m.getReturnType(), m.getParameterTypes()).toMethodDescriptorString()))
                .collect(Collectors.toCollection(TreeSet::new)).stream().toList();
    }

    static boolean handlesVectors(Method method) {
        return Stream.concat(Stream.of(method.getReturnType()), Arrays.stream(method.getParameterTypes()))
                .anyMatch(type -> type.getPackageName().equals("jdk.incubator.vector"));
    }

    /** The directive text: this package's compilations inline every helper. */
    static String directiveJson() {
        String inline = inlinedMethods().stream().map(m -> "\"+" + m + "\"").collect(Collectors.joining(", "));
        return "[{ match: \"" + INTERNAL_PACKAGE + "/*.*\", inline: [" + inline + "] }]";
    }

    /** The directives the JVM holds now, as {@code jcmd Compiler.directives_print} shows them. */
    static String printDirectives() throws Exception {
        return DiagnosticCommands.invoke("compilerDirectivesPrint");
    }

    private static Outcome add() {
        if ("false".equalsIgnoreCase(System.getProperty(ENABLED_PROPERTY, "true").strip())) {
            return Outcome.DISABLED;
        }
        String json = null;
        try {
            json = directiveJson();
            Path file = Files.createTempFile("earshot-jit", ".json");
            String reply;
            try {
                Files.writeString(file, json);
                reply = DiagnosticCommands.invoke("compilerDirectivesAdd", quoted(file.toString()));
            } finally {
                deleteQuietly(file);
            }
            if (!reply.strip().startsWith("1 compiler directives added")) {
                return warn("the JVM refused it: " + reply.strip(), json);
            }
            LOG.log(System.Logger.Level.DEBUG, "JIT directive added: {0}", json);
            return Outcome.ADDED;
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) { // no java.management, no such MBean, a refused temp file: keep the heuristics
            return warn(e.toString(), json);
        }
    }

    /** The diagnostic command parser splits its argument at spaces and '=': a temp path may hold either. */
    private static String quoted(String path) {
        if (path.indexOf('"') >= 0) {
            throw new IllegalArgumentException("the temporary directory's path holds a '\"': " + path);
        }
        return "\"" + path + "\"";
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (Exception e) {
            LOG.log(System.Logger.Level.DEBUG, "could not delete " + file, e);
        }
    }

    private static Outcome warn(String why, String json) {
        try {
            LOG.log(System.Logger.Level.WARNING, "could not ask the JIT to inline the cpu backend's vector helpers ("
                    + why + "); the kernels may allocate a vector per call and run slower after some warm-ups."
                    + " Set -D" + ENABLED_PROPERTY + "=false to skip this step.");
            LOG.log(System.Logger.Level.DEBUG, "the directive not added: {0}", json);
        } catch (RuntimeException e) {
            // a failing logger must not make the backend unusable
        }
        return Outcome.FAILED;
    }

    /**
     * The JMX route to HotSpot's diagnostic commands, in its own class: a JVM without {@code java.management} fails
     * to link this class only, inside {@link #add}'s catch, not {@link JitInlining}.
     */
    private static final class DiagnosticCommands {

        static String invoke(String command, String... arguments) throws Exception {
            Object reply = ManagementFactory.getPlatformMBeanServer().invoke(
                    new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"), command,
                    new Object[]{arguments}, new String[]{String[].class.getName()});
            return String.valueOf(reply);
        }
    }
}
