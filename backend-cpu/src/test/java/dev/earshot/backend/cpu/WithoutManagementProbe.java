package dev.earshot.backend.cpu;

import dev.earshot.api.backend.Backend;
import dev.earshot.api.backend.BackendOptions;

/**
 * Run by {@link JitInliningTest} in a JVM without {@code java.management}: opens the cpu backend twice, runs GELU on
 * each, and prints what the directive's step reported.
 */
public final class WithoutManagementProbe {

    private WithoutManagementProbe() {
    }

    public static void main(String[] args) {
        for (int i = 0; i < 2; i++) {
            try (Backend backend = new CpuBackendProvider().open(BackendOptions.defaults().withThreads(1))) {
                var x = backend.allocate(4, 1000);
                float[] values = new float[4000];
                for (int j = 0; j < values.length; j++) {
                    values[j] = (j - 2000) / 300f;
                }
                backend.write(x, values);
                backend.gelu(x); // a kernel runs, on the JIT's own inlining decisions
                float[] out = new float[values.length];
                backend.read(x, out);
                if (out[values.length - 1] != GeluKernel.scalar(values[values.length - 1])) {
                    throw new AssertionError("gelu gave " + out[values.length - 1]);
                }
                backend.release(x);
                System.out.println("opened " + backend.name() + ", directive " + JitInlining.ensureDirective());
            }
        }
    }
}
