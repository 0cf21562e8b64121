package dev.earshot.backend.tornado;

import dev.earshot.api.backend.TransferCounter;
import uk.ac.manchester.tornado.api.GridScheduler;
import uk.ac.manchester.tornado.api.TaskGraph;
import uk.ac.manchester.tornado.api.TornadoExecutionPlan;
import uk.ac.manchester.tornado.api.WorkerGrid1D;
import uk.ac.manchester.tornado.api.common.TornadoDevice;
import uk.ac.manchester.tornado.api.enums.DataTransferMode;
import uk.ac.manchester.tornado.api.types.arrays.TornadoNativeArray;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One op's compiled TornadoVM task graph and execution plan, built the first time the op runs with a given set of
 * weights and replayed on every later call (the model calls each op with the same weights every pass, with sizes
 * that change, which is why sizes travel in a dims array rather than as scalars).
 *
 * <p>What crosses between host and device, and why: each plan has its own device buffers, and TornadoVM 5.2 shares
 * device buffers between task graphs only inside one execution plan ({@code consumeFromDevice} reads from the
 * graph executed just before, in the same plan). The SPI's eager ops run in whatever order the model calls them,
 * so the host copy is the source of truth: weights go to the device on a plan's first execution
 * ({@code FIRST_EXECUTION}) and stay there; activations are staged through arrays the plan owns, copied in and
 * results copied back on every execution ({@code EVERY_EXECUTION}). {@link #execute} counts exactly those copies.
 */
final class DevicePlan implements AutoCloseable {

    private final String name;
    private final TornadoExecutionPlan plan;
    private final Map<String, WorkerGrid1D> grids;
    private final Set<Storage> storages;
    /** Bytes of each array copied on the first execution only, on every execution, and back to the host. */
    private final long[] firstExecution;
    private final long[] everyExecution;
    private final long[] toHost;
    private boolean executed;

    private DevicePlan(String name, TornadoExecutionPlan plan, Map<String, WorkerGrid1D> grids, Set<Storage> storages,
                       List<TornadoNativeArray> first, List<TornadoNativeArray> every, List<TornadoNativeArray> out) {
        this.name = name;
        this.plan = plan;
        this.grids = grids;
        this.storages = storages;
        this.firstExecution = bytes(first);
        this.everyExecution = bytes(every);
        this.toHost = bytes(out);
    }

    /** Whether this plan holds {@code storage} (a weight) on the device: it must not outlive the storage's release. */
    boolean uses(Storage storage) {
        return storages.contains(storage);
    }

    /**
     * Launches the graph's tasks with the given 1-D geometry (task id → {global, local}) and waits for it;
     * then the outputs are back on the host.
     */
    void execute(Map<String, long[]> geometry, TransferCounter transfers) {
        for (Map.Entry<String, long[]> launch : geometry.entrySet()) {
            WorkerGrid1D grid = grids.get(launch.getKey());
            grid.setGlobalWork(launch.getValue()[0], 1, 1);
            grid.setLocalWork(launch.getValue()[1], 1, 1);
        }
        try {
            plan.execute();
        } catch (RuntimeException | Error e) {
            throw new IllegalStateException("TornadoVM failed to run " + name + " (" + e + "); run with"
                    + " -Dtornado.debug=true -Dtornado.printKernel=true to see the generated kernel", e);
        }
        if (!executed) {
            for (long bytes : firstExecution) {
                transfers.hostToDevice(bytes);
            }
            executed = true;
        }
        for (long bytes : everyExecution) {
            transfers.hostToDevice(bytes);
        }
        for (long bytes : toHost) {
            transfers.deviceToHost(bytes);
        }
    }

    @Override
    public void close() {
        try {
            plan.close();
        } catch (Exception e) {
            // freeing device memory of a plan we no longer use: nothing the caller can do about a failure here
        }
    }

    private static long[] bytes(List<TornadoNativeArray> arrays) {
        return arrays.stream().mapToLong(TornadoNativeArray::getNumBytesOfSegment).toArray();
    }

    /** Declares a plan's arrays by role, then its tasks; {@link #build} compiles nothing yet (the first execute does). */
    static final class Builder {

        private final String name;
        private final Map<Object, Boolean> declared = new IdentityHashMap<>();
        private final List<TornadoNativeArray> first = new ArrayList<>();
        private final List<TornadoNativeArray> every = new ArrayList<>();
        private final List<TornadoNativeArray> out = new ArrayList<>();
        private final Set<Storage> storages = Collections.newSetFromMap(new IdentityHashMap<>());
        private final List<String> taskIds = new ArrayList<>();
        private Consumer<TaskGraph> tasks = graph -> { };

        Builder(String name) {
            this.name = name;
        }

        /** A weight the tasks read: copied to the device on the first execution only, it never changes. */
        Builder weight(Storage storage) {
            storages.add(storage);
            return in(storage.array, true);
        }

        /**
         * A staging array an activation is copied into before each execution: to the device every time, and back
         * after it when the tasks write it.
         */
        Builder staged(TornadoNativeArray slot, boolean written) {
            in(slot, false);
            if (written && out.stream().noneMatch(array -> array == slot)) {
                out.add(slot);
            }
            return this;
        }

        /** Parameters (dims, ids, eps) the host changes between executions. */
        Builder parameters(TornadoNativeArray... arrays) {
            for (TornadoNativeArray array : arrays) {
                in(array, false);
            }
            return this;
        }

        /** Device-only working memory (and the placeholder for a missing bias): allocated once, never read back. */
        Builder scratch(TornadoNativeArray... arrays) {
            for (TornadoNativeArray array : arrays) {
                in(array, true);
            }
            return this;
        }

        private Builder in(TornadoNativeArray array, boolean once) {
            if (declared.putIfAbsent(array, once) == null) {
                (once ? first : every).add(array);
            }
            return this;
        }

        /** Adds tasks in order; the ids are those {@link #execute} gives geometry for. */
        Builder tasks(Consumer<TaskGraph> add, String... ids) {
            Consumer<TaskGraph> before = tasks;
            tasks = graph -> {
                before.accept(graph);
                add.accept(graph);
            };
            taskIds.addAll(List.of(ids));
            return this;
        }

        DevicePlan build(TornadoDevice device) {
            TaskGraph graph = new TaskGraph(name);
            if (!first.isEmpty()) {
                graph.transferToDevice(DataTransferMode.FIRST_EXECUTION, first.toArray());
            }
            if (!every.isEmpty()) {
                graph.transferToDevice(DataTransferMode.EVERY_EXECUTION, every.toArray());
            }
            tasks.accept(graph);
            if (!out.isEmpty()) {
                graph.transferToHost(DataTransferMode.EVERY_EXECUTION, out.toArray());
            }
            GridScheduler scheduler = new GridScheduler();
            Map<String, WorkerGrid1D> grids = new LinkedHashMap<>();
            for (String id : taskIds) {
                WorkerGrid1D grid = new WorkerGrid1D(1);
                grids.put(id, grid);
                scheduler.addWorkerGrid(name + "." + id, grid);
            }
            TornadoExecutionPlan plan = new TornadoExecutionPlan(graph.snapshot()).withDevice(device).withGridScheduler(scheduler);
            return new DevicePlan(name, plan, grids, storages, first, every, out);
        }
    }
}
