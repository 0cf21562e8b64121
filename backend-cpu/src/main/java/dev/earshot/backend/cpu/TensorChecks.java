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
        throw new IllegalArgumentException(op + ": " + role + " must be an F32 activation from allocate(), not " + t
                + (t instanceof HalfActivationTensor ? HALF_ROLES
                : role.equals("out") || role.equals("dst") ? " (weights are read-only)" : ""));
    }

    /** {@code tensor} as an activation of either type, for the roles an F16 cache may take. */
    CpuTensor activationOrHalf(Tensor tensor, String op, String role) {
        CpuTensor t = own(tensor, op);
        if (t instanceof WeightTensor) {
            return activation(tensor, op, role);
        }
        return t;
    }

    /** {@code tensor} as a weight-role operand (stored rows of any type), which an F16 cache may not be. */
    CpuTensor operand(Tensor tensor, String op, String role) {
        CpuTensor t = own(tensor, op);
        if (t instanceof HalfActivationTensor) {
            throw new IllegalArgumentException(op + ": " + role + " cannot be " + t + HALF_ROLES);
        }
        return t;
    }

    private static final String HALF_ROLES = " (an F16 activation is a cache: only linear's out, attention's k and v,"
            + " write, rows, read and release take it)";


    /** Ops whose output is written while {@code input} is still being read cannot work in place. */
    void requireDisjoint(String op, ActivationTensor out, ActivationTensor input, String role) {
        if (out.sharesStorageWith(input) && out.offset() < input.offset() + input.elementCount()
                && input.offset() < out.offset() + out.elementCount()) {
            throw new IllegalArgumentException(op + ": out " + shape(out) + " overlaps " + role + " " + shape(input)
                    + "; this op cannot run in place");
        }
    }


}
