package dev.earshot.backend.cpu;

import dev.earshot.api.backend.Backend;
import dev.earshot.api.backend.BackendOptions;

/**
 * Run by {@link JitInliningTest} in a JVM without {@code java.management}: opens the cpu backend twice, uses each
 * once, and prints what the directive's step reported.
 */
public final class WithoutManagementProbe {

    private WithoutManagementProbe() {
    }

    public static void main(String[] args) {
        for (int i = 0; i < 2; i++) {
            try (Backend backend = new CpuBackendProvider().open(BackendOptions.defaults().withThreads(1))) {
                var x = backend.allocate(1, 16);
                backend.write(x, new float[16]);
                backend.release(x);
                System.out.println("opened " + backend.name() + ", directive " + JitInlining.ensureDirective());
            }
        }
    }
}
