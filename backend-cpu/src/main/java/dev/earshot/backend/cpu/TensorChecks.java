package dev.earshot.backend.cpu;

import dev.earshot.api.backend.Tensor;

import static dev.earshot.backend.cpu.CpuTensor.shape;

/** Argument checks shared by the ops: ownership, liveness, kinds and shapes, with messages naming the shapes. */
final class TensorChecks {

    private final CpuBackend backend;

    TensorChecks(CpuBackend backend) {
        this.backend = backend;
    }

    /** {@code tensor} as one of this backend's live tensors. */
    CpuTensor own(Tensor tensor, String op) {
        backend.checkOpen();
        if (tensor == null) {
            throw new IllegalArgumentException(op + ": a tensor argument is null");
        }
        if (!(tensor instanceof CpuTensor t) || t.owner() != backend) {
            throw new IllegalArgumentException(op + ": tensor " + shape(tensor) + " (" + tensor.getClass().getSimpleName()
                    + ") belongs to another backend; tensors cannot be shared between backends");
        }
        t.checkLive();
        return t;
    }

    /** {@code tensor} as an activation: outputs and the activation inputs of ops cannot be weights. */
    ActivationTensor activation(Tensor tensor, String op, String role) {
        CpuTensor t = own(tensor, op);
        if (t instanceof ActivationTensor a) {
            return a;
        }
        throw new IllegalArgumentException(op + ": " + role + " must be an activation from allocate(), not " + t
                + (role.equals("out") || role.equals("dst") ? " (weights are read-only)" : ""));
    }


    /** Ops whose output is written while {@code input} is still being read cannot work in place. */
    void requireDisjoint(String op, ActivationTensor out, ActivationTensor input, String role) {
        if (out.sharesStorageWith(input) && out.offset() < input.offset() + input.elementCount()
                && input.offset() < out.offset() + out.elementCount()) {
            throw new IllegalArgumentException(op + ": out " + shape(out) + " overlaps " + role + " " + shape(input)
                    + "; this op cannot run in place");
        }
    }


}
