package dev.earshot.backend.cpu;

import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.util.Arrays;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Measures what steady-state work allocates, for the allocation tests: windows of the same work are counted until one
 * stays within the bound, so code the JIT has not compiled yet on a busy machine does not fail a test, while a buffer
 * or boxing in compiled code, present in every window, does. JFR allocation samples, taken meanwhile, name the code
 * that allocated (vectors the JIT boxed, say) when no window stays within the bound, which the byte counters cannot.
 */
final class SteadyStateAllocation {

    /** One window of work: {@code units} steps or passes; {@code window} counts from 0. */
    interface Window {
        void run(int window) throws Exception;
    }

    /**
     * @param perUnitByWindow bytes per unit of each window measured, the last the first within the bound (if any)
     * @param topFrames       the sampled allocations by top frame when no window was within the bound, else empty
     * @param bound           bytes per unit allowed
     */
    record Result(long[] perUnitByWindow, String topFrames, long bound) {

        /** The fewest bytes per unit of any window. */
        long perUnit() {
            return Arrays.stream(perUnitByWindow).min().orElseThrow();
        }

        /**
         * Prints the windows ("{@code subject} allocates […] bytes per window") and fails unless some window stayed
         * within the bound, naming the sampled allocators ("… bytes allocated per {@code unit}").
         */
        void assertWithinBound(String subject, String unit, int threads) {
            System.out.println(subject + " allocates " + Arrays.toString(perUnitByWindow) + " bytes per window with "
                    + threads + " threads");
            assertTrue(perUnit() <= bound, perUnit() + " bytes allocated per " + unit + "; sampled allocations by"
                    + " top frame: " + topFrames);
        }
    }

    private SteadyStateAllocation() {
    }

    /**
     * Runs {@code window} up to {@code windows} times, counting the bytes {@code allocated} reports around each run
     * and dividing by {@code units}, until a window allocates at most {@code bound} per unit.
     */
    static Result measure(LongSupplier allocated, int windows, int units, long bound, Window window) throws Exception {
        try (Recording recording = start()) {
            long[] perUnitByWindow = new long[windows];
            for (int w = 0; w < windows; w++) {
                long before = allocated.getAsLong();
                window.run(w);
                perUnitByWindow[w] = (allocated.getAsLong() - before) / units;
                if (perUnitByWindow[w] <= bound) {
                    perUnitByWindow = Arrays.copyOf(perUnitByWindow, w + 1);
                    break;
                }
            }
            recording.stop();
            boolean within = perUnitByWindow[perUnitByWindow.length - 1] <= bound;
            return new Result(perUnitByWindow, within ? "" : topFrames(recording), bound);
        }
    }

    /** A started recording of allocation samples with stack traces. */
    private static Recording start() {
        Recording recording = new Recording();
        recording.enable("jdk.ObjectAllocationSample").with("throttle", "200/s").withStackTrace();
        recording.start();
        return recording;
    }

    /** The recording's samples, weighted by bytes, grouped by the first frame outside the JDK; the top six. */
    private static String topFrames(Recording recording) throws IOException {
        Path file = Files.createTempFile("allocation-samples", ".jfr");
        try {
            recording.dump(file);
            Map<String, Long> bytesByFrame = new HashMap<>();
            for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
                if (event.getStackTrace() == null) {
                    continue;
                }
                List<RecordedFrame> frames = event.getStackTrace().getFrames();
                String frame = frames.stream()
                        .filter(f -> f.getMethod().getType().getName().startsWith("dev.earshot"))
                        .findFirst().or(() -> frames.stream().findFirst())
                        .map(f -> f.getMethod().getType().getName() + "." + f.getMethod().getName() + ":" + f.getLineNumber())
                        .orElse("?");
                bytesByFrame.merge(frame, event.getLong("weight"), Long::sum);
            }
            return bytesByFrame.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(6)
                    .map(e -> e.getKey() + " (" + e.getValue() / 1024 + " KiB)").collect(Collectors.joining(", "));
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
