package dev.earshot.backend.cpu;

import dev.earshot.api.backend.Backend;
import dev.earshot.api.backend.BackendOptions;
import dev.earshot.backend.tck.ReferenceModels;
import dev.earshot.model.WhisperModel;
import dev.earshot.model.WhisperSession;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.management.ManagementFactory;

/**
 * A steady-state encoder pass (the window's encoder plus the decoder layers' cross-attention keys and values)
 * allocates no activation buffers and boxes no vectors, on the calling thread or the workers. The encoder's kernels
 * keep their vectors in helpers the JIT must inline; one that it compiled on its own first and then would not inline
 * (the pathology fixed in the decoder's GEMV) boxes a vector per call: with {@code FastExp.exp} kept from inlining
 * ({@code -XX:CompileCommand=dontinline}, which only works with {@code -Dearshot.cpu.jitDirective=false}: the
 * directive of {@link JitInlining} overrides it) a pass allocates 108 MB and the samples name {@code FastExp.exp}; a
 * steady-state pass allocates about 10–12 KiB (1 and 2 threads, measured). Counted with the JVM's allocation
 * counter over all threads, workers included (JUnit's own background threads add a few KiB).
 *
 * <p>Measured in windows, as {@link DecodeLoopAllocationTest} is ({@link SteadyStateAllocation}). Both tests run a
 * second time with no call site counted as frequent ({@code -XX:InlineFrequencyRatio=1000000}, backend-cpu's pom), where
 * only {@link JitInlining}'s directive keeps the helpers inlined: CI once failed here at 586 KB a pass, the
 * softmax's lane sum left out of line by a warm-up whose profile judged its call site cold.
 */
class EncoderAllocationTest {

    /** Per encoder pass, all threads. */
    private static final long BOUND_BYTES_PER_PASS = 512 * 1024;
    private static final int WARM_UP_PASSES = 40;
    private static final int WINDOWS = 30;
    private static final int PASSES_PER_WINDOW = 4;

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {1, 2})
    void steadyStatePassesAllocateLittle(int threads) throws Exception {
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (Backend backend = new CpuBackendProvider().open(BackendOptions.defaults().withThreads(threads));
             WhisperModel model = WhisperModel.load(ReferenceModels.modelDirectory("toy-multi"), backend);
             WhisperSession session = model.newSession()) {
            float[] mel = ReferenceModels.decodeInputMel("jfk", 80).data();
            for (int i = 0; i < WARM_UP_PASSES; i++) {
                session.encode(mel);
            }
            var allocation = SteadyStateAllocation.measure(mx::getTotalThreadAllocatedBytes, WINDOWS, PASSES_PER_WINDOW,
                    BOUND_BYTES_PER_PASS, w -> {
                        for (int i = 0; i < PASSES_PER_WINDOW; i++) {
                            session.encode(mel);
                        }
                    });
            allocation.assertWithinBound("encoder pass", "encoder pass", threads);
        }
    }
}
