package dev.earshot.audio.testing;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Bytes the current thread has allocated on the heap, to show that streaming does not grow with the input. */
public final class AllocationMeter {

    private final com.sun.management.ThreadMXBean threads;
    private final long start;

    private AllocationMeter(com.sun.management.ThreadMXBean threads) {
        this.threads = threads;
        this.start = threads.getCurrentThreadAllocatedBytes();
    }

    public static AllocationMeter start() {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean bean
                && bean.isThreadAllocatedMemorySupported() && bean.isThreadAllocatedMemoryEnabled(),
                "this JVM does not count allocated bytes per thread");
        return new AllocationMeter((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean());
    }

    public long allocatedBytes() {
        return threads.getCurrentThreadAllocatedBytes() - start;
    }
}
