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
 * One decoder step's memory-bound work for a single token: cross-attention over the 1500 audio positions,
 * the MLP's two GEMVs, and the logits GEMV against the 51865-row token embedding, with the logits read back
 * to the host as the decode loop does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class DecoderStepBenchmark {

    @Param({"cpu", "opencl"})
    public String backend;

    @Param({"tiny", "base", "small"})
    public WhisperShape shape;

    /** 0 = the backend's default (one per available processor). */
    @Param({"0"})
    public int threads;

    @Param({"f16"})
    public String dtype;

    private SizedBackend opened;
    private AttentionSpec cross;
    private Tensor token;        // [1 × d]
    private Tensor keys;         // [1500 × d]
    private Tensor values;       // [1500 × d]
    private Tensor context;      // [1 × d]
    private Tensor up;           // [4d × d]
    private Tensor down;         // [d × 4d]
    private Tensor hidden;       // [1 × 4d]
    private Tensor projected;    // [1 × d]
    private Tensor embedding;    // [51865 × d]
    private Tensor logits;       // [1 × 51865]
    private final float[] hostLogits = new float[WhisperShape.MULTILINGUAL_VOCABULARY];

    @Setup(Level.Trial)
    public void setUp() {
        opened = new SizedBackend(backend, threads, dtype);
        int d = shape.width;
        cross = new AttentionSpec(shape.heads, false);
        token = opened.activation(1, d);
        keys = opened.activation(WhisperShape.ENCODER_POSITIONS, d);
        values = opened.activation(WhisperShape.ENCODER_POSITIONS, d);
        context = opened.backend.allocate(1, d);
        up = opened.weight("mlp.0.weight", 4 * d, d);
        down = opened.weight("mlp.2.weight", d, 4 * d);
        hidden = opened.backend.allocate(1, 4 * d);
        projected = opened.backend.allocate(1, d);
        embedding = opened.weight("token_embedding", WhisperShape.MULTILINGUAL_VOCABULARY, d);
        logits = opened.backend.allocate(1, WhisperShape.MULTILINGUAL_VOCABULARY);
    }

    @Benchmark
    public float step() {
        var b = opened.backend;
        b.attention(context, token, keys, values, cross, null);
        b.linear(hidden, context, up, null);
        b.gelu(hidden);
        b.linear(projected, hidden, down, null);
        b.linear(logits, projected, embedding, null);
        b.read(logits, hostLogits);
        return hostLogits[0];
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        opened.close();
    }
}
