package dev.earshot.benchmarks;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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
        benchmark.threads = 1;
        benchmark.dtype = "f16";
        benchmark.layer = "up";
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
        benchmark.threads = 1;
        benchmark.dtype = "f16";
        benchmark.setUp();
        try {
            assertTrue(Float.isFinite(benchmark.step()));
        } finally {
            benchmark.tearDown();
        }
    }

    @ParameterizedTest
    @CsvSource({"cpu, 1, 1", "opencl, 1, 1", "cpu, 1500, 1", "cpu, 1500, 20"})
    void attentionRuns(String backend, int queries, double scoreSpread) {
        AttentionBenchmark benchmark = new AttentionBenchmark();
        benchmark.backend = backend;
        benchmark.shape = WhisperShape.tiny;
        benchmark.threads = 1;
        benchmark.queries = queries;
        benchmark.scoreSpread = scoreSpread;
        benchmark.setUp();
        try {
            float rowSum = benchmark.attention();
            assertTrue(Float.isFinite(rowSum) && rowSum != 0, "attention output row sums to " + rowSum);
        } finally {
            benchmark.tearDown();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 5})
    void vocabularyGemvRuns(int rows) {
        VocabGemvBenchmark benchmark = new VocabGemvBenchmark();
        benchmark.backend = "cpu";
        benchmark.shape = WhisperShape.tiny;
        benchmark.threads = 1;
        benchmark.dtype = "f16";
        benchmark.rows = rows;
        benchmark.quantization = rows == 1 ? "q8_0" : "none";
        benchmark.setUp();
        try {
            assertTrue(benchmark.logits() != null);
        } finally {
            benchmark.tearDown();
        }
    }

    @org.junit.jupiter.api.Test
    void fmaPeakRuns() {
        FmaPeakBenchmark benchmark = new FmaPeakBenchmark();
        benchmark.setUp();
        assertTrue(Float.isFinite(benchmark.fmaChains()));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void memoryReadRuns(int streams) {
        MemoryReadBenchmark benchmark = new MemoryReadBenchmark();
        benchmark.streams = streams;
        benchmark.setUp();
        try {
            assertTrue(benchmark.read() == 0f, "the buffer is zeroed, so its sum is 0");
        } finally {
            benchmark.tearDown();
        }
    }
}
