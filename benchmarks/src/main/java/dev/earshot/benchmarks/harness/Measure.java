package dev.earshot.benchmarks.harness;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Arrays;
import java.util.List;

/**
 * One measured quantity over several runs, as one line of the jsonl contract:
 * {@code {"what": "enc+cross", "unit": "ms", "runs": [..], "cpu_runs": [..]}}. Warm-up runs are never in here.
 *
 * @param cpuRuns the process's CPU time over each run (all threads), or null when not measured
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Measure(String what, String unit, List<Double> runs, @JsonProperty("cpu_runs") List<Double> cpuRuns) {

    public Measure {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException(what + ": no runs");
        }
        runs = List.copyOf(runs);
        cpuRuns = cpuRuns == null ? null : List.copyOf(cpuRuns);
    }

    @JsonIgnore
    public double median() {
        double[] sorted = runs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    @JsonIgnore
    public double min() {
        return runs.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    }

    @JsonIgnore
    public double max() {
        return runs.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    }

    static List<Double> list(double[] values) {
        return Arrays.stream(values).boxed().toList();
    }
}
