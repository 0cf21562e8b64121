package dev.earshot.backend.opencl;

import dev.earshot.api.backend.BackendOptions;

import java.util.List;

/**
 * Starts the OpenCL driver and compiles the backend's kernels in a JVM of its own, then prints which of the JVM's
 * signal handlers are not in place: {@link JvmSignalHandlersTest} runs it without the signal-chaining library the
 * test JVMs preload, so that PoCL's LLVM really replaces them.
 */
final class SignalHandlersProbe {

    private SignalHandlersProbe() {
    }

    public static void main(String[] args) {
        System.out.println("guarded=" + JvmSignalHandlers.guarded());
        OpenClBackendProvider provider = new OpenClBackendProvider();
        System.out.println("available=" + provider.availability().isAvailable());
        System.out.println("detail=" + provider.availability().detail());
        System.out.println("after-discovery=" + notTheJvms());
        try (var backend = provider.open(BackendOptions.defaults())) {
            System.out.println("after-build=" + notTheJvms());
        }
    }

    private static List<String> notTheJvms() {
        return JvmSignalHandlers.guarded().stream().filter(signal -> !JvmSignalHandlers.isJvms(signal)).toList();
    }
}
