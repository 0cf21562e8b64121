package dev.earshot.benchmarks;

import dev.earshot.api.backend.Tensor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The encoder's GEMMs at the tiny, base and small widths, per backend, thread count and stored weight type:
 * {@code up} is the MLP's first layer x [1500 × d] · Wᵀ [d → 4d] + b (the largest), {@code down} its second
 * [1500 × 4d] → d, {@code square} an attention projection d → d. GFLOP/s = 2 · 1500 · in · out / time (tiny up:
 * 1.769 GFLOP, base 3.146, small 7.078), compared against {@link FmaPeakBenchmark}'s peak.
 * {@link #readBack} makes a device backend finish.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class EncoderLinearBenchmark {

    @Param({"cpu", "opencl"})
    public String backend;

    @Param({"tiny", "base", "small"})
    public WhisperShape shape;

    /** 0 = the backend's default (one per available processor). */
    @Param({"0"})
    public int threads;

    @Param({"f16"})
    public String dtype;

    @Param({"up"})
    public String layer;

    private SizedBackend opened;
    private Tensor x;       // [1500 × d]
    private Tensor weight;  // [4d × d]
    private Tensor bias;    // [1 × 4d]
    private Tensor out;     // [1500 × 4d]
    private Tensor probe;   // [1 × 4d] first row of out, read back to wait for the device
    private float[] readBack;

    @Setup(Level.Trial)
    public void setUp() {
        opened = new SizedBackend(backend, threads, dtype);
        int d = shape.width;
        int in = layer.equals("down") ? 4 * d : d;
        int outputs = layer.equals("up") ? 4 * d : d;
        x = opened.activation(WhisperShape.ENCODER_POSITIONS, in);
        weight = opened.weight("mlp.0.weight", outputs, in);
        bias = opened.weight("mlp.0.bias", 1, outputs);
        out = opened.backend.allocate(WhisperShape.ENCODER_POSITIONS, outputs);
        probe = opened.backend.rows(out, 0, 1);
        readBack = new float[outputs];
    }

    @Benchmark
    public float linear() {
        opened.backend.linear(out, x, weight, bias);
        opened.backend.read(probe, readBack);
        return readBack[0];
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        opened.close();
    }
}
