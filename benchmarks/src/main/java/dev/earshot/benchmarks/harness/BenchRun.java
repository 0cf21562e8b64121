package dev.earshot.benchmarks.harness;

import java.util.List;
import java.util.Optional;

/**
 * Every measure of one configuration: a model on one backend and device with a thread count, measured in one process.
 *
 * @param model   the model's file or directory name
 * @param shape   its dimensions, e.g. {@code d=384 heads=6 layers=4+4 vocab=51865}
 * @param weights how its weights are stored (f32, f16, …)
 */
public record BenchRun(String model, String shape, String weights, String backend, String device, int threads,
                       List<Measure> measures) {

    public BenchRun {
        measures = List.copyOf(measures);
    }

    /** A short label for tables and charts: {@code cpu ×2 tiny-f16}. */
    public String label() {
        return backend + " ×" + threads + " " + model;
    }

    public Optional<Measure> measure(String what) {
        return measures.stream().filter(m -> m.what().equals(what)).findFirst();
    }
}
