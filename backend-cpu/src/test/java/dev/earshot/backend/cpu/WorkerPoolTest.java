package dev.earshot.backend.cpu;

import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkerPoolTest {

    @Test
    void everyTaskRunsExactlyOnceAcrossManyBackToBackJobs() {
        try (WorkerPool pool = new WorkerPool(3)) {
            for (int job = 0; job < 2_000; job++) {
                int count = 1 + job % 17;
                AtomicIntegerArray runs = new AtomicIntegerArray(count);
                pool.run(count, (index, scratch) -> runs.incrementAndGet(index));
                for (int i = 0; i < count; i++) {
                    assertEquals(1, runs.get(i), "job " + job + ", task " + i);
                }
            }
        }
    }

    @Test
    void workersShareTheLoadAndEachUsesItsOwnScratch() {
        try (WorkerPool pool = new WorkerPool(2)) {
            Set<Thread> threads = ConcurrentHashMap.newKeySet();
            Set<WorkerScratch> scratches = ConcurrentHashMap.newKeySet();
            ConcurrentHashMap<Thread, WorkerScratch> scratchOf = new ConcurrentHashMap<>();
            for (int attempt = 0; attempt < 50 && threads.size() < 2; attempt++) {
                pool.run(64, (index, scratch) -> {
                    threads.add(Thread.currentThread());
                    scratches.add(scratch);
                    WorkerScratch previous = scratchOf.putIfAbsent(Thread.currentThread(), scratch);
                    assertTrue(previous == null || previous == scratch, "a thread switched scratch");
                    busy(200_000);
                });
            }
            assertEquals(2, threads.size(), "both threads should have run tasks");
            assertEquals(2, scratches.size());
            assertTrue(threads.contains(Thread.currentThread()), "the caller works on its own job");
            assertSame(pool.callerScratch(), scratchOf.get(Thread.currentThread()));
        }
    }

    @Test
    void aFailingTaskIsRethrownToTheCallerAndThePoolStaysUsable() {
        try (WorkerPool pool = new WorkerPool(2)) {
            IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> pool.run(32, (index, scratch) -> {
                if (index == 7) {
                    throw new IllegalStateException("task 7 failed");
                }
            }));
            assertEquals("task 7 failed", thrown.getMessage());
            AtomicIntegerArray runs = new AtomicIntegerArray(8);
            pool.run(8, (index, scratch) -> runs.incrementAndGet(index));
            for (int i = 0; i < 8; i++) {
                assertEquals(1, runs.get(i));
            }
        }
    }

    @Test
    void parkedWorkersWakeForTheNextJob() throws InterruptedException {
        try (WorkerPool pool = new WorkerPool(2)) {
            pool.run(2, (index, scratch) -> {
            });
            Thread.sleep(WorkerPool.SPIN_NANOS / 1_000_000 * 5); // long past the spin: the worker has parked
            Set<Thread> threads = ConcurrentHashMap.newKeySet();
            for (int attempt = 0; attempt < 50 && threads.size() < 2; attempt++) {
                pool.run(16, (index, scratch) -> {
                    threads.add(Thread.currentThread());
                    busy(200_000);
                });
            }
            assertEquals(2, threads.size(), "the parked worker should have been woken");
        }
    }

    @Test
    void aClosedPoolRefusesParallelWorkAndItsWorkersEnd() throws InterruptedException {
        WorkerPool pool = new WorkerPool(2);
        pool.run(4, (index, scratch) -> {
        });
        pool.close();
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> pool.run(4, (index, scratch) -> {
        }));
        assertTrue(thrown.getMessage().contains("closed"), thrown.getMessage());
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline && Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().startsWith("earshot-cpu-") && t.isAlive() && isWorkerOf(t, pool))) {
            Thread.sleep(10);
        }
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> isWorkerOf(t, pool)), "workers still alive");
    }

    @Test
    void aPoolNeedsAThread() {
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> new WorkerPool(0));
        assertTrue(thrown.getMessage().contains("at least one thread"), thrown.getMessage());
    }

    private static boolean isWorkerOf(Thread t, WorkerPool pool) {
        return t.isAlive() && t.getClass().getEnclosingClass() == WorkerPool.class && pool.owns(t);
    }

    private static void busy(long nanos) {
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }
}
