package dev.earshot.benchmarks;

import dev.earshot.api.backend.AttentionSpec;
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
 * Attention over the 1500 audio positions' keys and values, per backend and thread count. {@code queries = 1}: one
 * decoder layer's cross-attention for one token, memory-bound (K and V are 2 × 1500 × d floats read once).
 * {@code queries = 1500}: one encoder layer's self-attention, compute-bound: 4 · 1500² · d floating-point operations
 * (scores and weighted values), so GFLOP/s = 9000 · d / (µs per op).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class AttentionBenchmark {

    @Param({"cpu"})
    public String backend;

    @Param({"tiny", "base", "small"})
    public WhisperShape shape;

    /** 0 = the backend's default (one per available processor). */
    @Param({"1"})
    public int threads;

    /** 1 (a decode step's cross-attention) or 1500 (the encoder's self-attention). */
    @Param({"1"})
    public int queries;

    /**
     * The scores' standard deviation (queries scaled, keys N(0, 1)): 1 spreads each query's attention over many
     * positions; 20 peaks it on a few, as trained heads often do: about an eighth of each row's probabilities then
     * fall below e⁻⁸⁷ of the largest, where floats stop being normal — each a microcode assist in the value sums,
     * unless softmax cuts them to 0.
     */
    @Param({"1"})
    public double scoreSpread;

    private SizedBackend opened;
    private AttentionSpec spec;
    private Tensor query;
    private Tensor keys;
    private Tensor values;
    private Tensor context;
    private Tensor lastRow;  // [1 × d] of context, read back: waits for a device, and gives the result to check
    private float[] readBack;

    @Setup(Level.Trial)
    public void setUp() {
        opened = new SizedBackend(backend, threads, "f32");
        int d = shape.width;
        spec = new AttentionSpec(shape.heads, false);
        query = opened.activation(queries, d, scoreSpread);
        keys = opened.activation(WhisperShape.ENCODER_POSITIONS, d);
        values = opened.activation(WhisperShape.ENCODER_POSITIONS, d);
        context = opened.backend.allocate(queries, d);
        lastRow = opened.backend.rows(context, queries - 1, 1);
        readBack = new float[d];
    }

    /** Runs the attention and returns the sum of the last query's output row. */
    @Benchmark
    public float attention() {
        opened.backend.attention(context, query, keys, values, spec, null);
        opened.backend.read(lastRow, readBack);
        float sum = 0;
        for (float value : readBack) {
            sum += value;
        }
        return sum;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        opened.close();
    }
}
