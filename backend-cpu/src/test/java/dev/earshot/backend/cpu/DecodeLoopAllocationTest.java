package dev.earshot.backend.cpu;

import dev.earshot.api.backend.Backend;
import dev.earshot.api.backend.BackendOptions;
import dev.earshot.api.backend.DType;
import dev.earshot.backend.tck.ReferenceModels;
import dev.earshot.model.WhisperModel;
import dev.earshot.model.WhisperSession;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;


import java.lang.management.ManagementFactory;

/**
 * The decode loop allocates no buffers per token on the cpu backend: no logits or activation arrays, no widened
 * weight copies (scratch is grown during warm-up and reused). What is left (about 10–14 KiB per step on this
 * 2-layer model, measured) is small per-op objects of the model and the backend: tensor row views, argument
 * checks, kernel lambdas, the worker pool's job objects. The bound is below one vocabulary-sized float array (51865 × 4 bytes = 203 KiB) and
 * one [1500 × 64] activation, so any per-step buffer fails it. Measured with the JVM's per-thread allocation
 * counter over steady-state single-token steps on a reference model, on the calling thread.
 *
 * <p>Windows are measured until one is within the bound: a buffer allocated every step shows in every window,
 * while vector code the JIT has not yet (re)compiled runs boxed, megabytes a step. On a busy machine, with the
 * compiler threads kept from the cores, that lasted past a fixed 64-step measurement (seen twice, never alone).
 */
class DecodeLoopAllocationTest {

    /** Per decoded token, on the calling thread. */
    private static final long BOUND_BYTES_PER_STEP = 32 * 1024;
    private static final int WARM_UP_STEPS = 48;
    /** Windows measured at most; the first within the bound ends the test (a busy machine delays the JIT). */
    private static final int WINDOWS = 40;
    private static final int STEPS_PER_WINDOW = 32;

    @ParameterizedTest(name = "{0} threads, {1} cross-attention cache")
    @CsvSource({"1, F32", "2, F32", "1, F16", "2, F16"})
    void steadyStateStepsAllocateLittle(int threads, DType crossCache) throws Exception {
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (Backend backend = new CpuBackendProvider().open(BackendOptions.defaults().withThreads(threads));
             WhisperModel model = WhisperModel.load(ReferenceModels.modelDirectory("toy-multi"), backend);
             WhisperSession session = model.newSession(crossCache)) {
            session.encode(ReferenceModels.decodeInputMel("jfk", 80).data());
            float[] logits = new float[model.config().vocabularySize()];
            int[] token = new int[1];
            session.decode(new int[] {50258, 50259, 50359}, logits);
            for (int i = 0; i < WARM_UP_STEPS; i++) {
                token[0] = 220 + i;
                session.decode(token, logits);
            }
            long thread = Thread.currentThread().threadId();
            int warmedUp = session.decodedLength();
            var allocation = SteadyStateAllocation.measure(() -> mx.getThreadAllocatedBytes(thread), WINDOWS,
                    STEPS_PER_WINDOW, BOUND_BYTES_PER_STEP, w -> {
                        session.rewind(warmedUp); // every window decodes the same positions, well inside the context
                        for (int i = 0; i < STEPS_PER_WINDOW; i++) {
                            token[0] = 300 + w + i;
                            session.decode(token, logits);
                        }
                    });
            allocation.assertWithinBound("decode step", "decoded token", threads);
        }
    }
}
