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
 * One op's compiled TornadoVM task graph and execution plan, built the first time the op runs on a given set of
 * tensors and replayed on every later call with the same tensors (the model calls each op on the same tensors
 * every pass, with sizes that change, which is why sizes travel in a dims array rather than as scalars).
 *
 * <p>What crosses between host and device, and why: each plan has its own device buffers, and TornadoVM 5.2 shares
 * device buffers between task graphs only inside one execution plan ({@code consumeFromDevice} reads from the
 * graph executed just before, in the same plan). The SPI's eager ops run in whatever order the model calls them,
 * so the host copy is the source of truth: weights go to the device on a plan's first execution
 * ({@code FIRST_EXECUTION}) and stay there, activations go in and results come back on every execution
 * ({@code EVERY_EXECUTION}). {@link #execute} counts exactly those copies.
 */
final class DevicePlan implements AutoCloseable {

    private final String name;
    private final TornadoExecutionPlan plan;
    private final Map<String, WorkerGrid1D> grids;
    private final Set<Storage> storages;
    private final long firstExecutionBytes;
    private final int firstExecutionCopies;
    private final long everyExecutionBytesIn;
    private final int everyExecutionCopiesIn;
    private final long bytesOut;
    private final int copiesOut;
    private boolean executed;

    private DevicePlan(String name, TornadoExecutionPlan plan, Map<String, WorkerGrid1D> grids, Set<Storage> storages,
                       List<TornadoNativeArray> first, List<TornadoNativeArray> every, List<TornadoNativeArray> out) {
        this.name = name;
        this.plan = plan;
        this.grids = grids;
        this.storages = storages;
        this.firstExecutionBytes = bytes(first);
        this.firstExecutionCopies = first.size();
        this.everyExecutionBytesIn = bytes(every);
        this.everyExecutionCopiesIn = every.size();
        this.bytesOut = bytes(out);
        this.copiesOut = out.size();
    }

    /** Whether this plan moves {@code storage}: it must not outlive the storage's release. */
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
            count(transfers, firstExecutionCopies, firstExecutionBytes, true);
            executed = true;
        }
        count(transfers, everyExecutionCopiesIn, everyExecutionBytesIn, true);
        count(transfers, copiesOut, bytesOut, false);
    }

    private static void count(TransferCounter transfers, int copies, long bytes, boolean toDevice) {
        if (copies == 0) {
            return;
        }
        long each = bytes / copies;
        for (int i = 0; i < copies; i++) {
            if (toDevice) {
                transfers.hostToDevice(each);
            } else {
                transfers.deviceToHost(each);
            }
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

    private static long bytes(List<TornadoNativeArray> arrays) {
        long total = 0;
        for (TornadoNativeArray array : arrays) {
            total += array.getNumBytesOfSegment();
        }
        return total;
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

        /** A tensor the tasks read: weights once, activations every execution. */
        Builder reads(TornadoTensor tensor) {
            storages.add(tensor.storage);
            return in(tensor.storage.array, tensor.storage.weight);
        }

        /**
         * A tensor the tasks write: copied in as well (a row view leaves the other rows as they were) and back to
         * the host after every execution.
         */
        Builder writes(TornadoTensor tensor) {
            reads(tensor);
            if (out.stream().noneMatch(array -> array == tensor.storage.array)) {
                out.add(tensor.storage.array);
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
