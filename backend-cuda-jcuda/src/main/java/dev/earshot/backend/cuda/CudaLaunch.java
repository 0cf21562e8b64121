package dev.earshot.backend.cuda;

import jcuda.NativePointerObject;
import jcuda.Pointer;
import jcuda.driver.CUfunction;
import jcuda.driver.CUstream;
import jcuda.driver.JCudaDriver;

import java.util.ArrayList;
import java.util.List;

/**
 * One kernel's arguments in the order the shared source declares them, then the launch on the backend's stream:
 * {@code launch.tensor(out).integer(n).run(geometry)}. A tensor is two arguments, its allocation's base pointer and its
 * element offset, exactly as the OpenCL backend passes a buffer and an offset to the same kernel source.
 */
final class CudaLaunch {

    private final String name;
    private final CUfunction function;
    private final CUstream stream;
    private final List<NativePointerObject> arguments = new ArrayList<>();

    CudaLaunch(String name, CUfunction function, CUstream stream) {
        this.name = name;
        this.function = function;
        this.stream = stream;
    }

    CudaLaunch pointer(DeviceAllocation allocation) {
        arguments.add(Pointer.to(allocation.pointer()));
        return this;
    }

    CudaLaunch tensor(CudaTensor tensor) {
        return pointer(tensor.allocation()).integer(tensor.offset());
    }

    CudaLaunch integer(int value) {
        arguments.add(Pointer.to(new int[] {value}));
        return this;
    }

    CudaLaunch real(float value) {
        arguments.add(Pointer.to(new float[] {value}));
        return this;
    }

    void run(LaunchGeometry g) {
        try {
            JCudaDriver.cuLaunchKernel(function, g.gridX(), g.gridY(), g.gridZ(), g.blockX(), g.blockY(), g.blockZ(),
                    g.sharedBytes(), stream, Pointer.to(arguments.toArray(NativePointerObject[]::new)), null);
        } catch (RuntimeException e) {
            throw new IllegalStateException("CUDA kernel " + name + " could not be launched with " + g + " ("
                    + e.getMessage() + ")", e);
        }
    }
}
