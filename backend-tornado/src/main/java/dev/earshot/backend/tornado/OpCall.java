package dev.earshot.backend.tornado;

import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * One call of an op, described by its tensor arguments: weights are bound to the task graph as they are (their
 * storage is part of the graph's identity, and goes to the device once), activations are staged through arrays
 * the graph owns (any activation of the right size fits, so a new session's tensors reuse the compiled graph).
 * {@link #key} names the graph this call can run on.
 */
final class OpCall {

    /** Staging arrays start at this many floats and grow by doubling, so a growing KV prefix rebuilds a graph rarely. */
    private static final int SMALLEST_STAGE = 1024;

    final String op;
    private final List<TornadoTensor> tensors = new ArrayList<>();
    private final List<Boolean> written = new ArrayList<>();

    OpCall(String op) {
        this.op = op;
    }

    /** An argument the kernels read; returns its index for {@link Compiled#array} and {@link Compiled#offset}. */
    int reads(TornadoTensor tensor) {
        tensors.add(tensor);
        written.add(false);
        return tensors.size() - 1;
    }

    /** An argument the kernels write (an activation): copied back into the tensor after the graph runs. */
    int writes(TornadoTensor tensor) {
        tensors.add(tensor);
        written.add(true);
        return tensors.size() - 1;
    }

    /** The op, each weight's storage (by identity) or a marker for a staged argument, and whatever else shapes the graph. */
    List<Object> key(Object... shape) {
        List<Object> key = new ArrayList<>();
        key.add(op);
        for (TornadoTensor t : tensors) {
            key.add(t.storage.weight ? t.storage : "staged");
        }
        key.addAll(List.of(shape));
        return key;
    }

    /** Whether {@code compiled}'s staging arrays hold this call's activations. */
    boolean fits(Compiled compiled) {
        for (int i = 0; i < tensors.size(); i++) {
            TornadoTensor t = tensors.get(i);
            if (!t.storage.weight && compiled.arrays[i].getSize() < t.count()) {
                return false;
            }
        }
        return true;
    }

    /** The arrays a new graph for this call binds: weights' own, and staging arrays with room to grow. */
    FloatArray[] arrays(Compiled previous) {
        FloatArray[] arrays = new FloatArray[tensors.size()];
        for (int i = 0; i < arrays.length; i++) {
            TornadoTensor t = tensors.get(i);
            if (t.storage.weight) {
                arrays[i] = t.storage.array;
            } else {
                int need = Math.max(SMALLEST_STAGE, t.count());
                if (previous != null) {
                    need = Math.max(need, previous.arrays[i].getSize());
                }
                arrays[i] = new FloatArray(roomFor(need));
            }
        }
        return arrays;
    }

    /** {@code need} rounded up to a power of two, the most one TornadoVM array holds at most. */
    static int roomFor(int need) {
        long size = Long.highestOneBit(need);
        if (size < need) {
            size *= 2;
        }
        return (int) Math.min(size, Integer.MAX_VALUE - 64);
    }

    /** Declares this call's arguments on a graph builder: weights once, staged arrays every execution. */
    void declare(DevicePlan.Builder builder, FloatArray[] arrays) {
        for (int i = 0; i < arrays.length; i++) {
            TornadoTensor t = tensors.get(i);
            if (t.storage.weight) {
                builder.weight(t.storage);
            } else {
                builder.staged(arrays[i], written.get(i));
            }
        }
    }

    /** Host copies of the activations into their staging arrays. */
    void stageIn(Compiled compiled) {
        for (int i = 0; i < tensors.size(); i++) {
            TornadoTensor t = tensors.get(i);
            if (!t.storage.weight) {
                MemorySegment.copy(t.storage.array.getSegment(), (long) t.offset * Float.BYTES,
                        compiled.arrays[i].getSegment(), 0, (long) t.count() * Float.BYTES);
            }
        }
    }

    /** Host copies of the written staging arrays back into their tensors. */
    void stageOut(Compiled compiled) {
        for (int i = 0; i < tensors.size(); i++) {
            TornadoTensor t = tensors.get(i);
            if (written.get(i)) {
                MemorySegment.copy(compiled.arrays[i].getSegment(), 0, t.storage.array.getSegment(),
                        (long) t.offset * Float.BYTES, (long) t.count() * Float.BYTES);
            }
        }
    }

    /** Where argument {@code i} starts in the array the kernel sees: a weight's own offset, 0 in a staging array. */
    int offset(int i) {
        TornadoTensor t = tensors.get(i);
        return t.storage.weight ? t.offset : 0;
    }

    /** A compiled graph for calls with this key, the arrays it binds and the host-side parameter arrays. */
    static final class Compiled {
        final FloatArray[] arrays;
        final IntArray dims;
        final FloatArray reals;
        final IntArray indices;
        DevicePlan plan;

        Compiled(FloatArray[] arrays, IntArray dims, FloatArray reals, IntArray indices) {
            this.arrays = arrays;
            this.dims = dims;
            this.reals = reals;
            this.indices = indices;
        }

        FloatArray array(int i) {
            return arrays[i];
        }

        void dims(int... values) {
            for (int i = 0; i < values.length; i++) {
                dims.set(i, values[i]);
            }
        }
    }
}
