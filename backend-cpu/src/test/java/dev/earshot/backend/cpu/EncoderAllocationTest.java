package dev.earshot.backend.cpu;

import dev.earshot.api.backend.Backend;
import dev.earshot.api.backend.BackendOptions;
import dev.earshot.backend.tck.ReferenceModels;
import dev.earshot.model.WhisperModel;
import dev.earshot.model.WhisperSession;
import jdk.jfr.Recording;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.management.ManagementFactory;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A steady-state encoder pass (the window's encoder plus the decoder layers' cross-attention keys and values)
 * allocates no activation buffers and boxes no vectors, on the calling thread or the workers. The encoder's kernels
 * keep their vectors in helpers the JIT must inline; one that it compiled on its own first and then would not inline
 * (the pathology fixed in the decoder's GEMV) boxes a vector per call: with {@code FastExp.exp} kept from inlining
 * ({@code -XX:CompileCommand=dontinline}) a pass allocates 108 MB and the samples name {@code FastExp.exp}; a
 * steady-state pass allocates about 10–12 KiB (1 and 2 threads, measured). Counted with the JVM's allocation
 * counter over all threads, workers included (JUnit's own background threads add a few KiB).
 *
 * <p>As in {@link DecodeLoopAllocationTest}, windows are measured until one is within the bound, so code the JIT
 * has not compiled yet on a busy machine does not fail the test, while a buffer or boxing in compiled code, present
 * in every window, does.
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
            long perPass;
            String allocators;
            try (Recording recording = AllocationSamples.start()) {
                long[] perPassByWindow = new long[WINDOWS];
                for (int w = 0; w < WINDOWS; w++) {
                    long before = mx.getTotalThreadAllocatedBytes();
                    for (int i = 0; i < PASSES_PER_WINDOW; i++) {
                        session.encode(mel);
                    }
                    perPassByWindow[w] = (mx.getTotalThreadAllocatedBytes() - before) / PASSES_PER_WINDOW;
                    if (perPassByWindow[w] <= BOUND_BYTES_PER_PASS) {
                        perPassByWindow = Arrays.copyOf(perPassByWindow, w + 1);
                        break;
                    }
                }
                perPass = Arrays.stream(perPassByWindow).min().orElseThrow();
                System.out.println("encoder pass allocates " + Arrays.toString(perPassByWindow) + " bytes per window with "
                        + threads + " threads");
                recording.stop();
                allocators = perPass <= BOUND_BYTES_PER_PASS ? "" : AllocationSamples.topFrames(recording);
            }
            assertTrue(perPass <= BOUND_BYTES_PER_PASS, perPass + " bytes allocated per encoder pass; sampled allocations by"
                    + " top frame: " + allocators);
        }
    }
}
