package dev.earshot.benchmarks;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each benchmark's set-up and one invocation, on each backend, so the benchmarks stay runnable; nothing here
 * is timed (JMH measures, not tests).
 */
class BenchmarksRunTest {

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "opencl"})
    void encoderLinearRuns(String backend) {
        EncoderLinearBenchmark benchmark = new EncoderLinearBenchmark();
        benchmark.backend = backend;
        benchmark.shape = WhisperShape.tiny;
        benchmark.setUp();
        try {
            assertTrue(Float.isFinite(benchmark.linear()));
        } finally {
            benchmark.tearDown();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "opencl"})
    void decoderStepRuns(String backend) {
        DecoderStepBenchmark benchmark = new DecoderStepBenchmark();
        benchmark.backend = backend;
        benchmark.shape = WhisperShape.tiny;
        benchmark.setUp();
        try {
            assertTrue(Float.isFinite(benchmark.step()));
        } finally {
            benchmark.tearDown();
        }
    }
}
