package dev.earshot.benchmarks;

import dev.earshot.api.backend.Tensor;
import dev.earshot.api.backend.WeightQuantization;
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
 * The decoder's logits GEMV alone: 1–5 activation rows (greedy, or a beam of 5) against the 51865-row token
 * embedding, which is the bulk of a decoder step's weight bytes. Divide the embedding's bytes by the time for
 * the streaming rate. {@code -p quantization=q8_0} measures the cpu backend's 8-bit token-step path.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class VocabGemvBenchmark {

    @Param({"cpu"})
    public String backend;

    @Param({"tiny", "base", "small"})
    public WhisperShape shape;

    @Param({"0"})
    public int threads;

    @Param({"f16"})
    public String dtype;

    @Param({"1", "5"})
    public int rows;

    /** none: the stored weights; q8_0: the cpu backend's 8-bit copy (see WeightQuantization). */
    @Param({"none"})
    public String quantization;

    private SizedBackend opened;
    private Tensor x;
    private Tensor embedding;
    private Tensor logits;

    @Setup(Level.Trial)
    public void setUp() {
        opened = new SizedBackend(backend, threads, dtype,
                WeightQuantization.valueOf(quantization.toUpperCase(java.util.Locale.ROOT)));
        x = opened.activation(rows, shape.width);
        embedding = opened.weight("token_embedding", WhisperShape.MULTILINGUAL_VOCABULARY, shape.width);
        logits = opened.backend.allocate(rows, WhisperShape.MULTILINGUAL_VOCABULARY);
    }

    @Benchmark
    public Tensor logits() {
        opened.backend.linear(logits, x, embedding, null);
        return logits;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        opened.close();
    }
}
