package dev.earshot.benchmarks;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;

/**
 * The memory read bandwidth Java reaches on this machine: each JMH thread sums its own {@value #MEGABYTES} MB buffer
 * (far larger than any cache) with vector loads, as one sequential stream or as two (its halves at once, as the
 * cpu backend's token-step GEMV reads its weights). One JMH "operation" is one MB, so the score in ops/ms reads
 * directly as GB/s; with {@code -t 2} JMH adds the two threads' scores. A decoded token is bound by streaming the
 * decoder's weights and the cross-attention keys and values once: its bytes divided by this number is the
 * fastest a token step can be here, so {@code earshot bench}'s {@code dec/token} can be compared against it, as
 * the encoder's GFLOP/s are against {@link FmaPeakBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class MemoryReadBenchmark {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    /** Bytes per invocation / 10⁶, so the ops/ms score reads as GB/s. */
    static final int MEGABYTES = 256;
    private static final long BYTES = MEGABYTES * 1_000_000L;

    /** 1: one sequential stream; 2: the buffer's two halves read in the same loop. */
    @Param({"1", "2"})
    public int streams;

    private Arena arena;
    private MemorySegment buffer;

    @Setup(Level.Trial)
    public void setUp() {
        arena = Arena.ofShared();
        buffer = arena.allocate(BYTES, 4096); // zeroed, so every page is there before the first read
    }

    @Benchmark
    @OperationsPerInvocation(MEGABYTES)
    public float read() {
        return streams == 2 ? twoStreams() : oneStream();
    }

    private float oneStream() {
        long step = SPECIES.vectorByteSize();
        FloatVector a0 = FloatVector.zero(SPECIES), a1 = a0, a2 = a0, a3 = a0;
        for (long at = 0; at < BYTES; at += 4 * step) {
            a0 = a0.add(load(at));
            a1 = a1.add(load(at + step));
            a2 = a2.add(load(at + 2 * step));
            a3 = a3.add(load(at + 3 * step));
        }
        return a0.add(a1).add(a2).add(a3).reduceLanes(VectorOperators.ADD);
    }

    private float twoStreams() {
        long step = SPECIES.vectorByteSize();
        long half = BYTES / 2;
        FloatVector a0 = FloatVector.zero(SPECIES), a1 = a0, a2 = a0, a3 = a0;
        for (long at = 0; at < half; at += 2 * step) {
            a0 = a0.add(load(at));
            a1 = a1.add(load(at + step));
            a2 = a2.add(load(half + at));
            a3 = a3.add(load(half + at + step));
        }
        return a0.add(a1).add(a2).add(a3).reduceLanes(VectorOperators.ADD);
    }

    private FloatVector load(long at) {
        return FloatVector.fromMemorySegment(SPECIES, buffer, at, ByteOrder.nativeOrder());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }
}
