package dev.earshot.backend.cpu;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The backend's fixed set of threads: the calling thread plus {@code threads − 1} workers. An op splits its work
 * into numbered tasks whose results do not depend on which thread runs them (each output element is computed by
 * one task, in a fixed order), so any thread count gives bit-identical results. Every participant takes task
 * numbers from the job's counter, which balances uneven tasks.
 *
 * <p>Why not a {@code ForkJoinPool}: a decoded token is some 60 small ops back to back, each a fraction of a
 * millisecond. Handing each to pool threads and blocking the caller until they finish cost two thread wake-ups
 * per op, which ate most of what a second thread gained. Here the caller works on its own job, and idle workers
 * spin for {@value #SPIN_NANOS} ns before they park, so an op that follows another starts on every thread at
 * once. Parked workers (between windows, after a pause) are woken by the next job.
 */
final class WorkerPool implements AutoCloseable {

    /** One task: its number and the scratch of the thread that runs it. */
    @FunctionalInterface
    interface Task {
        void run(int index, WorkerScratch scratch);
    }

    /** How long an idle worker, or a caller waiting for the last task, spins before it parks. */
    static final long SPIN_NANOS = 2_000_000;
    private static final AtomicInteger POOLS = new AtomicInteger();
    private static final VarHandle PARKED = MethodHandles.arrayElementVarHandle(boolean[].class);

    /** One op's tasks; each job has its own counters, so a worker that sees an old job late takes nothing new. */
    private static final class Job {
        private static final VarHandle NEXT;
        private static final VarHandle PENDING;
        private static final VarHandle FAILURE;

        static {
            try {
                MethodHandles.Lookup lookup = MethodHandles.lookup();
                NEXT = lookup.findVarHandle(Job.class, "next", int.class);
                PENDING = lookup.findVarHandle(Job.class, "pending", int.class);
                FAILURE = lookup.findVarHandle(Job.class, "failure", Throwable.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        final Task task;
        final int count;
        @SuppressWarnings("unused") // through NEXT
        private volatile int next;
        private volatile int pending;
        private volatile Throwable failure;
        /** Set by the caller before it parks; the thread that finishes the last task unparks it. */
        private volatile Thread waiter;

        Job(Task task, int count) {
            this.task = task;
            this.count = count;
            this.pending = count;
        }

        /** Runs tasks until none is left to take. */
        void work(WorkerScratch scratch) {
            for (int i = (int) NEXT.getAndAdd(this, 1); i < count; i = (int) NEXT.getAndAdd(this, 1)) {
                try {
                    if (failure == null) {
                        task.run(i, scratch);
                    }
                } catch (Throwable t) {
                    FAILURE.compareAndSet(this, null, t);
                } finally {
                    if ((int) PENDING.getAndAdd(this, -1) == 1) {
                        Thread w = waiter;
                        if (w != null) {
                            LockSupport.unpark(w);
                        }
                    }
                }
            }
        }

        void awaitDone() {
            long spinUntil = System.nanoTime() + SPIN_NANOS;
            while (pending != 0) {
                if (System.nanoTime() < spinUntil) {
                    Thread.onSpinWait();
                } else {
                    waiter = Thread.currentThread();
                    while (pending != 0) {
                        LockSupport.park(this);
                    }
                }
            }
        }
    }

    private final int threads;
    private final WorkerScratch[] scratch;
    private final Worker[] workers;
    /** The newest job; workers compare it with the last one they served. */
    private volatile Job current;
    private final boolean[] parkedFlags;
    private volatile boolean closed;
    /** The thread inside {@link #run}, so a task that calls {@code run} again runs inline rather than deadlocks. */
    private volatile Thread running;

    WorkerPool(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("a worker pool needs at least one thread, got " + threads);
        }
        this.threads = threads;
        this.scratch = new WorkerScratch[threads];
        for (int i = 0; i < threads; i++) {
            scratch[i] = new WorkerScratch();
        }
        this.parkedFlags = new boolean[threads];
        this.workers = new Worker[threads - 1];
        int poolNumber = POOLS.incrementAndGet();
        for (int i = 1; i < threads; i++) {
            workers[i - 1] = new Worker(this, i, "earshot-cpu-" + poolNumber + "-worker-" + i);
            workers[i - 1].start();
        }
    }

    int threads() {
        return threads;
    }

    /** Whether {@code thread} is one of this pool's workers (tests use it to see them end). */
    boolean owns(Thread thread) {
        return thread instanceof Worker w && w.pool == this;
    }

    /** Scratch of the calling thread, for work it does between parallel phases. */
    WorkerScratch callerScratch() {
        return scratch[0];
    }

    /**
     * Runs tasks 0 … count−1 on the caller and the workers, and returns when all are done; the first exception
     * thrown by a task is rethrown (tasks not yet started are then skipped).
     */
    void run(int count, Task task) {
        if (count <= 0) {
            return;
        }
        Thread caller = Thread.currentThread();
        if (threads == 1 || count == 1 || caller == running || caller instanceof Worker) {
            WorkerScratch own = caller instanceof Worker w && w.pool == this ? scratch[w.index] : scratch[0];
            for (int i = 0; i < count; i++) {
                task.run(i, own);
            }
            return;
        }
        if (closed) {
            throw new IllegalStateException("this cpu backend's worker pool is closed");
        }
        Job job = new Job(task, count);
        running = caller;
        try {
            current = job;
            for (int i = 1; i < threads; i++) {
                if (parked(i)) {
                    LockSupport.unpark(workers[i - 1]);
                }
            }
            job.work(scratch[0]);
            job.awaitDone();
        } finally {
            running = null;
        }
        Throwable failure = job.failure;
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
    }

    private boolean parked(int index) {
        return (boolean) PARKED.getVolatile(parkedFlags, index);
    }

    /** A pool thread; knows its index so a task that calls back into the pool runs inline on its own scratch. */
    private static final class Worker extends Thread {
        final WorkerPool pool;
        final int index;

        Worker(WorkerPool pool, int index, String name) {
            super(name);
            this.pool = pool;
            this.index = index;
            setDaemon(true);
        }

        @Override
        public void run() {
            pool.serve(index);
        }
    }

    /** A worker's loop: serve each new job, spin a while when there is none, then park until woken. */
    private void serve(int index) {
        WorkerScratch own = scratch[index];
        Job served = null;
        while (!closed) {
            Job job = current;
            if (job != served && job != null) {
                served = job;
                job.work(own);
                continue;
            }
            long spinUntil = System.nanoTime() + SPIN_NANOS;
            while (current == served && !closed && System.nanoTime() < spinUntil) {
                Thread.onSpinWait();
            }
            if (current == served && !closed) {
                PARKED.setVolatile(parkedFlags, index, true);
                if (current == served && !closed) {
                    LockSupport.park(this);
                }
                PARKED.setVolatile(parkedFlags, index, false);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Thread worker : workers) {
            LockSupport.unpark(worker);
        }
    }
}
