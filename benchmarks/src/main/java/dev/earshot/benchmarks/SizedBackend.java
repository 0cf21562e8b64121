package dev.earshot.benchmarks;

import dev.earshot.api.backend.Backend;
import dev.earshot.api.backend.BackendOptions;
import dev.earshot.api.backend.WeightQuantization;
import dev.earshot.api.backend.BackendProvider;
import dev.earshot.api.backend.DType;
import dev.earshot.api.backend.Tensor;
import dev.earshot.api.backend.WeightData;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ServiceLoader;
import java.util.SplittableRandom;

/**
 * A backend opened by name with a given thread count (0 = the backend's default), making random weights of a
 * given stored type: the kernel benchmarks compare 1 and 2 threads and f32 / f16 weights in one run.
 */
final class SizedBackend implements AutoCloseable {

    final Backend backend;
    private final DType weightType;
    private final Arena arena = Arena.ofShared();
    private final SplittableRandom random = new SplittableRandom(42);

    SizedBackend(String name, int threads, String weightType) {
        this(name, threads, weightType, WeightQuantization.NONE);
    }

    SizedBackend(String name, int threads, String weightType, WeightQuantization quantization) {
        BackendProvider provider = ServiceLoader.load(BackendProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no backend '" + name + "' on the class path"));
        if (!provider.availability().isAvailable()) {
            throw new IllegalStateException(name + " cannot run here: " + provider.availability().detail());
        }
        this.weightType = DType.valueOf(weightType.toUpperCase(java.util.Locale.ROOT));
        backend = provider.open(BackendOptions.defaults().withThreads(threads).withQuantization(quantization));
    }

    /** A weight [rows × cols] of N(0, 1/cols) in the chosen stored type; the memory lives until close. */
    Tensor weight(String name, int rows, int cols) {
        long count = (long) rows * cols;
        MemorySegment data = arena.allocate(count * weightType.bytesPerElement(), 64);
        double scale = 1 / Math.sqrt(cols);
        for (long i = 0; i < count; i++) {
            float value = (float) (random.nextGaussian() * scale);
            switch (weightType) {
                case F32 -> data.setAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, i, value);
                case F16 -> data.setAtIndex(ValueLayout.JAVA_SHORT_UNALIGNED, i, Float.floatToFloat16(value));
                case BF16 -> data.setAtIndex(ValueLayout.JAVA_SHORT_UNALIGNED, i,
                        (short) (Float.floatToRawIntBits(value) >>> 16));
            }
        }
        return backend.upload(new WeightData(name, weightType, rows, cols, data));
    }

    /** An activation [rows × cols] filled with N(0, 1). */
    Tensor activation(int rows, int cols) {
        return activation(rows, cols, 1);
    }

    /** An activation [rows × cols] filled with N(0, scale²). */
    Tensor activation(int rows, int cols, double scale) {
        Tensor t = backend.allocate(rows, cols);
        float[] values = new float[rows * cols];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextGaussian() * scale);
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
