package dev.earshot.backend.cpu;

import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * JFR allocation samples for the allocation tests: when a bound fails, they name the code that allocated (vectors
 * the JIT boxed, say), which the per-thread byte counters cannot.
 */
final class AllocationSamples {

    private AllocationSamples() {
    }

    /** A started recording of allocation samples with stack traces. */
    static Recording start() {
        Recording recording = new Recording();
        recording.enable("jdk.ObjectAllocationSample").with("throttle", "200/s").withStackTrace();
        recording.start();
        return recording;
    }

    /** The recording's samples, weighted by bytes, grouped by the first frame outside the JDK; the top six. */
    static String topFrames(Recording recording) throws IOException {
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
