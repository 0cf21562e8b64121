package dev.earshot.backend.tck;

import dev.earshot.api.backend.Backend;
import dev.earshot.api.backend.DType;
import dev.earshot.api.backend.Op;
import dev.earshot.api.backend.Tensor;
import org.junit.jupiter.api.Assumptions;

/**
 * What the op conformance tests need from the suite: the backend under test, stored weights, and helpers that
 * move data in and out. Tensors made through these helpers are released after each test.
 */
public interface ConformanceContext {

    /** The backend under test, open for the whole suite. */
    Backend backend();

    /** A second, independent backend of the same kind; the caller closes it. */
    Backend openAnotherBackend();

    /** Where test weights are stored (native memory, checkpoint layout). */
    StoredWeights weights();

    /** Remembers {@code tensor} so it is released after the test. */
    Tensor track(Tensor tensor);

    /** A new activation [rows × cols] holding {@code values}. */
    default Tensor activation(float[] values, int rows, int cols) {
        Tensor t = track(backend().allocate(rows, cols));
        backend().write(t, values);
        return t;
    }

    /** A zero-filled activation [rows × cols]. */
    default Tensor zeros(int rows, int cols) {
        return track(backend().allocate(rows, cols));
    }

    /** Stores and uploads a weight of {@code type}; {@link StoredWeights.Stored#values()} are its exact values. */
    default Uploaded weight(String name, DType type, int rows, int cols, float[] values) {
        StoredWeights.Stored stored = weights().store(name, type, rows, cols, values);
        return new Uploaded(track(backend().upload(stored.data())), stored.values());
    }

    /** All of {@code tensor}, row-major. */
    default float[] read(Tensor tensor) {
        float[] values = new float[Math.toIntExact(tensor.elementCount())];
        backend().read(tensor, values);
        return values;
    }

    /** Skips the calling test when the backend says it cannot run {@code op} on {@code type} weights. */
    default void assumeSupported(Op op, DType type) {
        Assumptions.assumeTrue(backend().supports(op, type), () -> backend().name() + " does not support " + op + " with "
                + type + " weights");
    }

    /** An uploaded weight and the float values it holds. */
    record Uploaded(Tensor tensor, float[] values) {
    }
}
