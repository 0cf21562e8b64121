package dev.earshot.backend.cpu;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The backend's fixed set of threads. An op splits its work into numbered tasks whose results do not depend on
 * which worker runs them (each output element is computed by one task, in a fixed order), so any thread count
 * gives bit-identical results. Workers take task numbers from a shared counter, which balances uneven tasks.
 */
final class WorkerPool implements AutoCloseable {

    /** One task: its number and the scratch of the worker that runs it. */
    @FunctionalInterface
    interface Task {
        void run(int index, WorkerScratch scratch);
    }

    private static final AtomicInteger POOLS = new AtomicInteger();
    /** Idle workers are kept alive this long, so a slow caller does not make the pool re-create threads. */
    private static final long KEEP_ALIVE_DAYS = 365;

    private final int threads;
    private final ForkJoinPool pool;
    private final WorkerScratch[] scratch;

    WorkerPool(int threads) {
        this.threads = threads;
        this.scratch = new WorkerScratch[threads];
        for (int i = 0; i < threads; i++) {
            scratch[i] = new WorkerScratch();
        }
        int poolNumber = POOLS.incrementAndGet();
        AtomicInteger threadNumber = new AtomicInteger();
        ForkJoinPool.ForkJoinWorkerThreadFactory factory = p -> {
            ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
            t.setName("earshot-cpu-" + poolNumber + "-worker-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        // a single thread runs tasks on the caller: no pool to hand them to
        this.pool = threads == 1 ? null
                : new ForkJoinPool(threads, factory, null, false, threads, threads, 1, p -> true, KEEP_ALIVE_DAYS, TimeUnit.DAYS);
    }

    int threads() {
        return threads;
    }

    /** Scratch of worker 0, for work the calling thread does between parallel phases. */
    WorkerScratch callerScratch() {
        return scratch[0];
    }

    /** Runs tasks 0 … count−1 and returns when all are done; the first exception thrown by a task is rethrown. */
    void run(int count, Task task) {
        int workers = Math.min(threads, count);
        if (workers <= 1) {
            for (int i = 0; i < count; i++) {
                task.run(i, scratch[0]);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        List<ForkJoinTask<?>> parts = new ArrayList<>(workers);
        for (int w = 0; w < workers; w++) {
            WorkerScratch own = scratch[w];
            parts.add(ForkJoinTask.adapt(() -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    task.run(i, own);
                }
            }));
        }
        pool.invoke(ForkJoinTask.adapt(() -> ForkJoinTask.invokeAll(parts)));
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
