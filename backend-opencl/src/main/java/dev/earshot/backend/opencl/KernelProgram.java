package dev.earshot.backend.opencl;

import dev.earshot.api.backend.BackendUnavailableException;
import dev.earshot.kernels.SharedKernelSource;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.cl_context;
import org.jocl.cl_kernel;
import org.jocl.cl_program;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The backend's kernels, built once per backend, with a kernel per name: the shared kernels (earshot-backend-kernels,
 * the same sources the cuda backend compiles with nvcc) in their OpenCL dialect, then this backend's own GEMM and GEMV
 * ({@code kernels/linear.cl}; the cuda backend uses cuBLAS for those).
 */
final class KernelProgram implements AutoCloseable {

    /** This backend's own kernel sources, appended after the shared ones. */
    static final List<String> OWN_SOURCES = List.of("linear.cl");
    /** The largest work-group any kernel asks for (16 × 16 GEMM tiles, 256-lane row reductions). */
    static final int LARGEST_WORK_GROUP = 256;
    /** No fast-math flags: add must be exact and erfc/exp accurate to the conformance tolerances. */
    private static final String BUILD_OPTIONS = "-cl-std=CL1.2";

    private final cl_program program;
    private final Map<String, cl_kernel> kernels = new HashMap<>();

    private KernelProgram(cl_program program) {
        this.program = program;
    }

    /** Builds the backend's kernels for {@code device}. */
    static KernelProgram build(cl_context context, OpenClDevice device) {
        StringBuilder source = new StringBuilder(SharedKernelSource.program(SharedKernelSource.Dialect.OPENCL));
        for (String name : OWN_SOURCES) {
            source.append("// ---- ").append(name).append('\n').append(resource(name)).append('\n');
        }
        return new KernelProgram(compile(context, device, source.toString(), "the opencl backend's kernels"));
    }

    /**
     * Compiles {@code source} for {@code device}.
     *
     * @throws BackendUnavailableException when it does not build, with the compiler's log
     */
    static cl_program compile(cl_context context, OpenClDevice device, String source, String what) {
        cl_program program = CL.clCreateProgramWithSource(context, 1, new String[] {source}, null, null);
        try {
            // A driver whose compiler is LLVM may install LLVM's signal handlers on its first compile (PoCL does it
            // at start-up, which discovery covers; see JvmSignalHandlers).
            JvmSignalHandlers.around("compiling " + what, () -> CL.clBuildProgram(program, 1,
                    new org.jocl.cl_device_id[] {device.device()}, BUILD_OPTIONS, null, null));
            return program;
        } catch (CLException e) {
            String log = buildLog(program, device);
            CL.clReleaseProgram(program);
            throw new BackendUnavailableException(what + " failed to build on OpenCL device " + device.info().name()
                    + " (" + ClErrors.name(e) + "); the driver may be broken or too old (OpenCL C 1.2 is needed)."
                    + " Build log:\n" + log, e);
        }
    }

    cl_kernel kernel(String name) {
        return kernels.computeIfAbsent(name, n -> CL.clCreateKernel(program, n, null));
    }

    @Override
    public void close() {
        kernels.values().forEach(CL::clReleaseKernel);
        kernels.clear();
        CL.clReleaseProgram(program);
    }

    private static String buildLog(cl_program program, OpenClDevice device) {
        try {
            long[] size = new long[1];
            CL.clGetProgramBuildInfo(program, device.device(), CL.CL_PROGRAM_BUILD_LOG, 0, null, size);
            byte[] bytes = new byte[(int) size[0]];
            CL.clGetProgramBuildInfo(program, device.device(), CL.CL_PROGRAM_BUILD_LOG, bytes.length, Pointer.to(bytes), null);
            int length = bytes.length > 0 && bytes[bytes.length - 1] == 0 ? bytes.length - 1 : bytes.length;
            return new String(bytes, 0, length, StandardCharsets.UTF_8).strip();
        } catch (CLException e) {
            return "(no build log: " + ClErrors.name(e) + ")";
        }
    }

    private static String resource(String name) {
        try (InputStream in = KernelProgram.class.getResourceAsStream("kernels/" + name)) {
            if (in == null) {
                throw new IllegalStateException("kernel source kernels/" + name + " is missing from the opencl backend's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
