package dev.earshot.backend.opencl;

import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;

/** Sets one kernel's arguments in order and enqueues it: {@code launch.of(k).buffer(..).integer(..).run(..)}. */
final class KernelLaunch {

    private final cl_command_queue queue;
    private final String name;
    private final cl_kernel kernel;
    private int argument;

    KernelLaunch(cl_command_queue queue, String name, cl_kernel kernel) {
        this.queue = queue;
        this.name = name;
        this.kernel = kernel;
    }

    KernelLaunch buffer(cl_mem memory) {
        CL.clSetKernelArg(kernel, argument++, Sizeof.cl_mem, Pointer.to(memory));
        return this;
    }

    /** A tensor as two arguments: its buffer and its element offset. */
    KernelLaunch tensor(ClTensor tensor) {
        return buffer(tensor.buffer().memory).integer(tensor.offset());
    }

    KernelLaunch integer(int value) {
        CL.clSetKernelArg(kernel, argument++, Sizeof.cl_int, Pointer.to(new int[] {value}));
        return this;
    }

    KernelLaunch real(float value) {
        CL.clSetKernelArg(kernel, argument++, Sizeof.cl_float, Pointer.to(new float[] {value}));
        return this;
    }

    /** A {@code __local} array of {@code bytes}, sized per launch. */
    KernelLaunch local(long bytes) {
        CL.clSetKernelArg(kernel, argument++, bytes, null);
        return this;
    }

    /** Enqueues over {@code global} work-items in work-groups of {@code local} (each global size a multiple). */
    void run(long[] global, long[] local) {
        try {
            CL.clEnqueueNDRangeKernel(queue, kernel, global.length, null, global, local, 0, null, null);
        } catch (CLException e) {
            throw new IllegalStateException("OpenCL kernel " + name + " could not be launched (" + ClErrors.name(e)
                    + ") over " + java.util.Arrays.toString(global) + " in groups of " + java.util.Arrays.toString(local), e);
        }
    }

    /** A 1-D launch over {@code count} items, rounded up to whole groups of {@code group}. */
    void runOver(int count, int group) {
        run(new long[] {roundUp(count, group)}, new long[] {group});
    }

    static long roundUp(long value, long multiple) {
        return (value + multiple - 1) / multiple * multiple;
    }
}
