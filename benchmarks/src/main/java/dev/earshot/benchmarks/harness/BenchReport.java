package dev.earshot.benchmarks.harness;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The harness's reports over several configurations: {@code bench.json} (every run of every measure),
 * {@code bench.md} (median and range per measure, and each configuration as a ratio of the first) and
 * {@code bench.png} (median ms per measure, one bar per configuration, on a log scale since the encoder and a
 * decoder token differ by orders of magnitude).
 */
public final class BenchReport {

    public static final String JSON = "bench.json";
    public static final String MARKDOWN = "bench.md";
    public static final String CHART = "bench.png";

    private final List<BenchRun> runs;

    public BenchReport(List<BenchRun> runs) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no benchmark runs to report");
        }
        this.runs = List.copyOf(runs);
    }

    /** Writes the three files into {@code directory}; returns their paths. */
    public List<Path> write(Path directory) throws IOException {
        Files.createDirectories(directory);
        Path json = directory.resolve(JSON);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), runs);
        Path markdown = directory.resolve(MARKDOWN);
        Files.writeString(markdown, markdown());
        Path chart = directory.resolve(CHART);
        BitmapEncoder.saveBitmap(chart(), chart.toString(), BitmapEncoder.BitmapFormat.PNG);
        return List.of(json, markdown, chart);
    }

    /** A table of medians (min–max) per measure, then the ratio of each configuration's median to the first's. */
    public String markdown() {
        List<String> measures = measureNames();
        StringBuilder out = new StringBuilder("| configuration | weights |");
        measures.forEach(m -> out.append(' ').append(m).append(" (ms) |"));
        out.append("\n|---|---|").append("---|".repeat(measures.size())).append('\n');
        for (BenchRun run : runs) {
            out.append("| ").append(run.label()).append(" | ").append(run.weights()).append(" |");
            for (String what : measures) {
                out.append(run.measure(what).map(m -> String.format(Locale.ROOT, " %s (%s–%s) |", number(m.median()),
                        number(m.min()), number(m.max()))).orElse(" – |"));
            }
            out.append('\n');
        }
        if (runs.size() > 1) {
            BenchRun baseline = runs.getFirst();
            out.append("\nTime as a ratio of ").append(baseline.label()).append("'s median (below 1: faster):\n\n")
                    .append("| configuration |");
            measures.forEach(m -> out.append(' ').append(m).append(" |"));
            out.append("\n|---|").append("---|".repeat(measures.size())).append('\n');
            for (BenchRun run : runs) {
                out.append("| ").append(run.label()).append(" |");
                for (String what : measures) {
                    var mine = run.measure(what);
                    var theirs = baseline.measure(what);
                    out.append(mine.isPresent() && theirs.isPresent()
                            ? String.format(Locale.ROOT, " %.2f |", mine.get().median() / theirs.get().median()) : " – |");
                }
                out.append('\n');
            }
        }
        return out.toString();
    }

    CategoryChart chart() {
        CategoryChart chart = new CategoryChartBuilder().width(1000).height(560)
                .title("earshot: median ms per measure (log scale)").xAxisTitle("measure").yAxisTitle("ms").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setToolTipsEnabled(false);
        // bars line up by category only when every series has every category: chart the measures all runs have
        List<String> shared = measureNames().stream()
                .filter(what -> runs.stream().allMatch(run -> run.measure(what).isPresent())).toList();
        double smallest = Double.MAX_VALUE;
        for (BenchRun run : runs) {
            List<Double> medians = new ArrayList<>();
            for (String what : shared) {
                medians.add(Math.max(run.measure(what).orElseThrow().median(), 1e-3)); // a log axis cannot show 0
            }
            chart.addSeries(run.label() + " " + run.weights(), shared, medians);
            smallest = Math.min(smallest, medians.stream().mapToDouble(Double::doubleValue).min().orElse(1));
        }
        // bars rise from the axis minimum, which must be above 0 on a log axis: a decade below the smallest bar
        chart.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(smallest)) - 1));
        return chart;
    }

    private List<String> measureNames() {
        Set<String> names = new LinkedHashSet<>();
        runs.forEach(run -> run.measures().forEach(m -> names.add(m.what())));
        return List.copyOf(names);
    }

    private static String number(double ms) {
        return ms >= 100 ? String.format(Locale.ROOT, "%.0f", ms) : ms >= 10 ? String.format(Locale.ROOT, "%.1f", ms)
                : String.format(Locale.ROOT, "%.2f", ms);
    }
}
