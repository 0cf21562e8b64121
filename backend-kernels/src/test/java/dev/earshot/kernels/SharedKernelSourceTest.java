package dev.earshot.kernels;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shared sources stay dialect-neutral: anything spelled differently in OpenCL C and CUDA goes through the
 * preludes' macros, or one of the two compilers would reject (or, worse, misread) it. Both compilers themselves run
 * elsewhere: PoCL in the opencl backend's tests, nvcc in the cuda backend's build.
 */
class SharedKernelSourceTest {

    /** Spellings that belong to one dialect only. */
    private static final List<String> DIALECT_SPECIFIC = List.of("__kernel", "__global", "__local", "__shared__",
            "__global__", "__device__", "get_global_id", "get_local_id", "get_group_id", "barrier(", "__syncthreads",
            "vload_half", "as_float(", "threadIdx", "blockIdx", "blockDim", "reqd_work_group_size", "M_SQRT1_2_F");

    @Test
    void sharedSourcesUseOnlyTheMacroLayer() {
        for (String file : SharedKernelSource.sourceFiles()) {
            String code = withoutComments(SharedKernelSource.resource(file));
            for (String word : DIALECT_SPECIFIC) {
                assertFalse(code.contains(word), file + " uses " + word + " directly; spell it through the preludes' macros");
            }
        }
    }

    @Test
    void everyListedKernelIsDefinedExactlyOnce() {
        String program = withoutComments(SharedKernelSource.program(SharedKernelSource.Dialect.OPENCL));
        Matcher entry = Pattern.compile("KERNEL(?: GROUP_SIZE\\([^)]*\\))?\\s+void\\s+(\\w+)\\s*\\(").matcher(program);
        List<String> defined = entry.results().map(m -> m.group(1)).toList();
        assertEquals(SharedKernelSource.KERNELS, defined);
    }

    @Test
    void bothPreludesDefineTheSameMacros() {
        List<String> opencl = macros(SharedKernelSource.resource("prelude_opencl.h"));
        List<String> cuda = macros(SharedKernelSource.resource("prelude_cuda.h"));
        assertTrue(cuda.containsAll(opencl), "the CUDA prelude lacks " + opencl.stream().filter(m -> !cuda.contains(m)).toList());
    }

    @Test
    void programsStartWithTheirPrelude() {
        assertTrue(SharedKernelSource.program(SharedKernelSource.Dialect.CUDA).contains("extern \"C\" __global__"));
        assertTrue(SharedKernelSource.program(SharedKernelSource.Dialect.OPENCL).contains("#define KERNEL __kernel"));
    }

    private static List<String> macros(String prelude) {
        return Pattern.compile("(?m)^#define (\\w+)").matcher(prelude).results().map(m -> m.group(1))
                .filter(name -> !name.equals("INFINITY")).toList();
    }

    private static String withoutComments(String code) {
        return code.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
    }
}
