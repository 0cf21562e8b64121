package dev.earshot.kernels;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The non-GEMM device kernels, written once: each {@link Dialect}'s program is its prelude (the macro layer)
 * followed by the shared sources listed in {@code sources.txt}. The opencl backend builds the OpenCL program at run
 * time; the cuda backend's build compiles the CUDA program to PTX with nvcc from the same files.
 */
public final class SharedKernelSource {

    /** Every kernel entry point in the shared sources, as both dialects name it. */
    public static final List<String> KERNELS = List.of("add", "gelu", "widen_f16", "widen_bf16", "gather_rows", "im2col",
            "layer_norm", "log_softmax", "attention", "attention_query_block");

    /** The two languages the shared sources compile as. */
    public enum Dialect {
        OPENCL("prelude_opencl.h"),
        CUDA("prelude_cuda.h");

        private final String prelude;

        Dialect(String prelude) {
            this.prelude = prelude;
        }
    }

    private SharedKernelSource() {
    }

    /** The shared source files in program order. */
    public static List<String> sourceFiles() {
        return resource("sources.txt").lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .toList();
    }

    /** The whole program for {@code dialect}: prelude, then every shared source, each marked with a #line for compiler messages. */
    public static String program(Dialect dialect) {
        StringBuilder program = new StringBuilder(resource(dialect.prelude)).append('\n');
        for (String file : sourceFiles()) {
            program.append("#line 1 \"").append(file).append("\"\n").append(resource(file)).append('\n');
        }
        return program.toString();
    }

    /** One file of the shared sources or preludes. */
    public static String resource(String name) {
        try (InputStream in = SharedKernelSource.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("shared kernel source dev/earshot/kernels/" + name
                        + " is missing from the earshot-backend-kernels jar; the build is broken");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
