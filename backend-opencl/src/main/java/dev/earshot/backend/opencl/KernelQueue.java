package dev.earshot.backend.opencl;

import org.jocl.cl_command_queue;

/** The backend's built kernels and its in-order queue: where every launch starts. */
record KernelQueue(cl_command_queue queue, KernelProgram program) {

    KernelLaunch launch(String kernel) {
        return new KernelLaunch(queue, kernel, program.kernel(kernel));
    }
}
