package dev.earshot.benchmarks;

import dev.earshot.api.backend.Backend;
import dev.earshot.api.backend.BackendOptions;
import dev.earshot.api.backend.BackendProvider;
import dev.earshot.api.backend.DType;
import dev.earshot.api.backend.Tensor;
import dev.earshot.api.backend.WeightData;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ServiceLoader;
import java.util.SplittableRandom;

/** A backend opened by name for a benchmark, with helpers to make random weights and activations on it. */
final class OpenedBackend implements AutoCloseable {

    final Backend backend;
    private final Arena arena = Arena.ofShared();
    private final SplittableRandom random = new SplittableRandom(42);

    OpenedBackend(String name) {
        BackendProvider provider = ServiceLoader.load(BackendProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no backend '" + name + "' on the class path"));
        if (!provider.availability().isAvailable()) {
            throw new IllegalStateException(name + " cannot run here: " + provider.availability().detail());
        }
        backend = provider.open(BackendOptions.defaults());
    }

    /** An F16 weight [rows × cols] of N(0, 1/cols), as checkpoints store them; the memory lives until close. */
    Tensor weight(String name, int rows, int cols) {
        MemorySegment data = arena.allocate((long) rows * cols * 2, 2);
        double scale = 1 / Math.sqrt(cols);
        for (long i = 0; i < (long) rows * cols; i++) {
            data.setAtIndex(ValueLayout.JAVA_SHORT_UNALIGNED, i, Float.floatToFloat16((float) (random.nextGaussian() * scale)));
        }
        return backend.upload(new WeightData(name, DType.F16, rows, cols, data));
    }

    /** An activation [rows × cols] filled with N(0, 1). */
    Tensor activation(int rows, int cols) {
        Tensor t = backend.allocate(rows, cols);
        float[] values = new float[rows * cols];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        backend.write(t, values);
        return t;
    }

    @Override
    public void close() {
        backend.close();
        arena.close();
    }
}
