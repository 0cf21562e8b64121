package dev.earshot.benchmarks;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The fp32 peak Java reaches on one core: {@value #CHAINS} independent fused multiply-add chains of the preferred
 * vector width held in registers (enough to cover the FMA latency × ports of current x86 cores), no memory
 * traffic. One JMH "operation" is 1000 flops, so the score in ops/µs reads directly as GFLOP/s.
 * Run with {@code -t 2} for both cores. The GEMM benchmarks' GFLOP/s are compared against this number.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class FmaPeakBenchmark {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int CHAINS = 12;
    private static final int STEPS = 4096;
    /** flops per invocation / 1000, so the ops/µs score reads as GFLOP/s. */
    private static final int KILO_FLOPS = STEPS * CHAINS * 2 * 16 / 1000;

    private float multiplier;
    private float addend;

    @Setup
    public void setUp() {
        if (SPECIES.length() != 16) {
            throw new IllegalStateException("preferred species is " + SPECIES + "; KILO_FLOPS assumes 16 lanes");
        }
        System.out.println("preferred species: " + SPECIES);
        multiplier = 0.999999f;
        addend = 1e-7f;
    }

    @Benchmark
    @OperationsPerInvocation(KILO_FLOPS)
    public float fmaChains() {
        FloatVector m = FloatVector.broadcast(SPECIES, multiplier);
        FloatVector a0 = FloatVector.broadcast(SPECIES, addend);
        FloatVector a1 = a0.add(1), a2 = a0.add(2), a3 = a0.add(3), a4 = a0.add(4), a5 = a0.add(5);
        FloatVector a6 = a0.add(6), a7 = a0.add(7), a8 = a0.add(8), a9 = a0.add(9), a10 = a0.add(10), a11 = a0.add(11);
        for (int i = 0; i < STEPS; i++) {
            a0 = a0.fma(m, m);
            a1 = a1.fma(m, m);
            a2 = a2.fma(m, m);
            a3 = a3.fma(m, m);
            a4 = a4.fma(m, m);
            a5 = a5.fma(m, m);
            a6 = a6.fma(m, m);
            a7 = a7.fma(m, m);
            a8 = a8.fma(m, m);
            a9 = a9.fma(m, m);
            a10 = a10.fma(m, m);
            a11 = a11.fma(m, m);
        }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11)
                .reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
    }
}
