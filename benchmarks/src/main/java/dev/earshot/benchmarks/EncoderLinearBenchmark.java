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
 * The encoder's largest GEMM: the MLP's first layer, x [1500 × d] · Wᵀ [d → 4d] + b, at the tiny, base and small
 * widths, per backend. GFLOP/s = 2 · 1500 · d · 4d / time. {@link #readBack} makes a device backend finish.
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

    private OpenedBackend opened;
    private Tensor x;       // [1500 × d]
    private Tensor weight;  // [4d × d]
    private Tensor bias;    // [1 × 4d]
    private Tensor out;     // [1500 × 4d]
    private Tensor probe;   // [1 × 4d] first row of out, read back to wait for the device
    private final float[] readBack = new float[4 * 768];

    @Setup(Level.Trial)
    public void setUp() {
        opened = new OpenedBackend(backend);
        int d = shape.width;
        x = opened.activation(WhisperShape.ENCODER_POSITIONS, d);
        weight = opened.weight("mlp.0.weight", 4 * d, d);
        bias = opened.weight("mlp.0.bias", 1, 4 * d);
        out = opened.backend.allocate(WhisperShape.ENCODER_POSITIONS, 4 * d);
        probe = opened.backend.rows(out, 0, 1);
    }

    @Benchmark
    public float linear() {
        opened.backend.linear(out, x, weight, bias);
        float[] row = java.util.Arrays.copyOf(readBack, 4 * shape.width);
        opened.backend.read(probe, row);
        return row[0];
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        opened.close();
    }
}
