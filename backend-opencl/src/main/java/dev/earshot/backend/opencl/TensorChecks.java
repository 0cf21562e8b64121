package dev.earshot.backend.opencl;

import dev.earshot.api.backend.Tensor;

import static dev.earshot.backend.opencl.ClTensor.shape;

/** Argument checks shared by the ops: ownership, liveness, kinds and shapes, with messages naming the shapes. */
final class TensorChecks {

    private final OpenClBackend backend;

    TensorChecks(OpenClBackend backend) {
        this.backend = backend;
    }

    /** {@code tensor} as one of this backend's live tensors. */
    ClTensor own(Tensor tensor, String op) {
        backend.checkOpen();
        if (tensor == null) {
            throw new IllegalArgumentException(op + ": a tensor argument is null");
        }
        if (!(tensor instanceof ClTensor t) || t.owner() != backend) {
            throw new IllegalArgumentException(op + ": tensor " + shape(tensor) + " (" + tensor.getClass().getSimpleName()
                    + ") belongs to another backend; tensors cannot be shared between backends");
        }
        if (t.buffer().isReleased()) {
            throw new IllegalStateException(op + ": " + t + " was released");
        }
        return t;
    }

    /** {@code tensor} as a writable activation: weights are read-only. */
    ClTensor activation(Tensor tensor, String op, String role) {
        ClTensor t = own(tensor, op);
        if (t.isWeight()) {
            throw new IllegalArgumentException(op + ": " + role + " must be an activation from allocate(), not " + t
                    + " (weights are read-only)");
        }
        return t;
    }


    /** Ops whose output is written while {@code input} is still being read cannot work in place. */
    void requireDisjoint(String op, ClTensor out, ClTensor input, String role) {
        if (out.overlaps(input)) {
            throw new IllegalArgumentException(op + ": out " + shape(out) + " overlaps " + role + " " + shape(input)
                    + "; this op cannot run in place");
        }
    }


}
