package dev.earshot.backend.opencl;

import java.lang.System.Logger.Level;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Puts the JVM's signal handlers back after an OpenCL driver call replaced them.
 *
 * <p>PoCL (the CPU OpenCL driver) makes LLVM install its crash handlers for SIGSEGV, SIGBUS, SIGILL, SIGUSR2, SIGINT,
 * SIGTERM and others over the JVM's when the driver starts (a driver that leaves it to LLVM gets them on its first
 * compile), and puts its own SIGFPE handler on top. The JVM raises SIGSEGV itself all the time (null checks and
 * safepoint polls in compiled code), and LLVM installs its handlers with {@code SA_RESETHAND}: the first such fault
 * resets the disposition to the default (kill the process) until LLVM's handler has put the previous ones back, and a
 * second thread faulting in that window, e.g. two workers reaching the same safepoint, kills the JVM with a bare
 * "Segmentation fault" and no error report. A CLI test JVM died so in CI after the OpenCL backend had been discovered
 * in it, and the kernel log of a development machine shows a cpu-backend worker killed by an unhandled SIGSEGV at a
 * null check.
 *
 * <p>The complete fix is the JDK's signal-chaining library, preloaded before the JVM starts ({@code
 * LD_PRELOAD=$JAVA_HOME/lib/libjsig.so}; the {@code earshot} launcher and the build's test JVMs do this): the JVM's
 * fault handlers (SIGSEGV, SIGBUS, SIGFPE, SIGILL) and SIGQUIT/SIGXFSZ then cannot be replaced at all; the JVM
 * installs SIGHUP, SIGINT, SIGTERM and SIGUSR2 outside the window libjsig protects, so LLVM still takes those, and
 * this class puts them back. Without libjsig this class is the only guard, for all of them: it records the JVM's
 * handlers before the first driver call and, after each call that can start or compile in the driver, re-installs any
 * that a native library replaced, narrowing the danger to the call itself. LLVM still counts its handlers as
 * installed, so it does not install them again. Putting back SIGFPE drops PoCL's handler, which only skips an integer
 * division by zero inside a kernel (ours divide only by tensor sizes, never 0). Only handlers that belong to the JVM
 * (code in {@code libjvm}) are recorded, so an application's own handlers are left alone. It calls libc's {@code
 * sigaction} itself (the linker's default lookup, not the preloaded chaining library), so it reads and writes what the
 * kernel will run. Linux only (the {@code struct sigaction} it copies is glibc's); elsewhere it does nothing.
 */
final class JvmSignalHandlers {

    private static final System.Logger LOG = System.getLogger(JvmSignalHandlers.class.getName());

    /**
     * Signals whose loss kills the JVM or breaks it: faults it raises on purpose, thread suspension, thread dumps,
     * shutdown, broken pipes.
     */
    private static final Map<String, Integer> SIGNALS = signals();
    /** The faults: losing these is what crashes; the others are put back without a warning. */
    private static final List<String> FAULTS = List.of("SIGSEGV", "SIGBUS", "SIGFPE", "SIGILL");
    /** Larger than glibc's {@code struct sigaction} (152 bytes on x86-64 and AArch64), copied as bytes. */
    private static final long SIGACTION_BYTES = 256;

    private static final Native NATIVE = Native.load();
    /** The JVM's handler of each signal, as recorded before any driver call. */
    private static final Map<String, MemorySegment> RECORDED = record();
    private static boolean warned;

    private JvmSignalHandlers() {
    }

    /** Runs {@code driverCall}, then puts back any JVM handler it replaced, naming {@code what} in the warning. */
    static <T> T around(String what, Supplier<T> driverCall) {
        try {
            return driverCall.get();
        } finally {
            restore(what);
        }
    }

    /** The signals whose JVM handlers are recorded (empty where this class cannot work). */
    static List<String> guarded() {
        return List.copyOf(RECORDED.keySet());
    }

    /** Whether {@code signal}'s handler is currently code in the JVM's own library. */
    static boolean isJvms(String signal) {
        if (NATIVE == null) {
            return false;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment action = NATIVE.current(SIGNALS.get(signal), arena);
            return action != null && NATIVE.isJvmCode(action.get(ValueLayout.ADDRESS, 0));
        }
    }

    /**
     * Re-installs every recorded handler that is no longer in place; returns the signals it put back. Never
     * throws: it runs after driver calls, whose own outcome must not be hidden.
     */
    static synchronized List<String> restore(String what) {
        if (RECORDED.isEmpty()) {
            return List.of();
        }
        List<String> restored = new ArrayList<>();
        try (Arena arena = Arena.ofConfined()) {
            for (Map.Entry<String, MemorySegment> e : RECORDED.entrySet()) {
                MemorySegment now = NATIVE.current(SIGNALS.get(e.getKey()), arena);
                if (now != null && now.get(ValueLayout.JAVA_LONG, 0) != e.getValue().get(ValueLayout.JAVA_LONG, 0)
                        && NATIVE.install(SIGNALS.get(e.getKey()), e.getValue())) {
                    restored.add(e.getKey());
                }
            }
        }
        if (restored.stream().anyMatch(FAULTS::contains) && !warned) {
            warned = true;
            LOG.log(Level.WARNING, "the OpenCL driver replaced the JVM's handlers for " + String.join(", ", restored)
                    + " (" + what + "; PoCL's LLVM does this); they were put back, but a fault on another thread"
                    + " during the driver call would still kill the JVM. Start Java with"
                    + " LD_PRELOAD=$JAVA_HOME/lib/libjsig.so to keep the JVM's handlers in place.");
        } else if (!restored.isEmpty()) {
            LOG.log(Level.DEBUG, () -> "put back the JVM's handlers for " + restored + " after " + what);
        }
        return restored;
    }

    private static Map<String, Integer> signals() {
        // The numbers of these signals are the same on Linux x86-64 and AArch64.
        Map<String, Integer> signals = new LinkedHashMap<>();
        signals.put("SIGSEGV", 11);
        signals.put("SIGBUS", 7);
        signals.put("SIGFPE", 8);
        signals.put("SIGILL", 4);
        signals.put("SIGUSR2", 12);
        signals.put("SIGQUIT", 3);
        signals.put("SIGHUP", 1);
        signals.put("SIGINT", 2);
        signals.put("SIGTERM", 15);
        // The JVM's handler drops these, so a broken pipe or a file-size limit is an IOException, not the end of the
        // process. LLVM 15 takes SIGXFSZ; SIGPIPE only when a program asks it to.
        signals.put("SIGXFSZ", 25);
        signals.put("SIGPIPE", 13);
        return signals;
    }

    private static Map<String, MemorySegment> record() {
        Map<String, MemorySegment> recorded = new LinkedHashMap<>();
        if (NATIVE == null) {
            return recorded;
        }
        for (Map.Entry<String, Integer> e : SIGNALS.entrySet()) {
            MemorySegment action = NATIVE.current(e.getValue(), Arena.global());
            if (action != null && NATIVE.isJvmCode(action.get(ValueLayout.ADDRESS, 0))) {
                recorded.put(e.getKey(), action);
            }
        }
        return recorded;
    }

    /** glibc's {@code sigaction} and {@code dladdr}, or nothing off Linux. */
    private record Native(MethodHandle sigaction, MethodHandle dladdr) {

        static Native load() {
            String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
            String arch = System.getProperty("os.arch", "");
            if (!os.equals("linux") || !(arch.equals("amd64") || arch.equals("aarch64"))) {
                return null;
            }
            try {
                Linker linker = Linker.nativeLinker();
                SymbolLookup libc = linker.defaultLookup();
                return new Native(
                        linker.downcallHandle(libc.find("sigaction").orElseThrow(), FunctionDescriptor.of(
                                ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS)),
                        linker.downcallHandle(libc.find("dladdr").orElseThrow(), FunctionDescriptor.of(
                                ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS)));
            } catch (RuntimeException | LinkageError e) {
                // Native access refused (--illegal-native-access=deny; without --enable-native-access the JDK only
                // warns): the driver runs unguarded.
                LOG.log(Level.DEBUG, "cannot guard the JVM's signal handlers", e);
                return null;
            }
        }

        /** The signal's current {@code struct sigaction}, or null if it cannot be read. */
        MemorySegment current(int signal, Arena arena) {
            MemorySegment action = arena.allocate(SIGACTION_BYTES, 8);
            try {
                return (int) sigaction.invokeExact(signal, MemorySegment.NULL, action) == 0 ? action : null;
            } catch (Throwable t) {
                LOG.log(Level.DEBUG, "cannot read the handler of signal " + signal, t);
                return null;
            }
        }

        /** Installs {@code action} for the signal; whether that worked. */
        boolean install(int signal, MemorySegment action) {
            try {
                return (int) sigaction.invokeExact(signal, action, MemorySegment.NULL) == 0;
            } catch (Throwable t) {
                LOG.log(Level.DEBUG, "cannot put back the JVM's handler of signal " + signal, t);
                return false;
            }
        }

        /** Whether {@code code} lies in the JVM's library ({@code dladdr}'s {@code dli_fname} ends in libjvm.so). */
        boolean isJvmCode(MemorySegment code) {
            if (code.address() < 4096) {
                return false; // SIG_DFL, SIG_IGN
            }
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment info = arena.allocate(32, 8); // Dl_info: fname, fbase, sname, saddr
                int found = (int) dladdr.invokeExact(code, info);
                if (found == 0) {
                    return false;
                }
                String file = info.get(ValueLayout.ADDRESS, 0).reinterpret(4096).getString(0);
                return file.endsWith("/libjvm.so");
            } catch (Throwable t) {
                return false;
            }
        }
    }
}
