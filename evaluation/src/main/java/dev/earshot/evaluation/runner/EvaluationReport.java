package dev.earshot.evaluation.runner;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.earshot.evaluation.wer.CorpusErrorRate;
import dev.earshot.evaluation.wer.ErrorCounts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The outcome of a run: the corpus WER (all errors over all reference words) and every utterance, worst first,
 * as JSON for tools and Markdown for people.
 */
public final class EvaluationReport {

    /** Worst first: highest WER, then most errors, then id for a stable order. */
    private static final Comparator<UtteranceResult> WORST_FIRST = Comparator
            .comparingDouble(UtteranceResult::wer).reversed()
            .thenComparing(Comparator.comparingInt((UtteranceResult r) -> r.counts().errors()).reversed())
            .thenComparing(UtteranceResult::id);

    private final String title;
    private final List<UtteranceResult> worstFirst;
    private final ErrorCounts totals;
    private final double wer;

    public EvaluationReport(String title, List<UtteranceResult> results) {
        this.title = title;
        this.worstFirst = results.stream().sorted(WORST_FIRST).toList();
        CorpusErrorRate corpus = new CorpusErrorRate();
        results.forEach(r -> corpus.add(r.counts()));
        this.totals = corpus.totals();
        this.wer = corpus.rate();
    }

    public double wer() {
        return wer;
    }

    public ErrorCounts totals() {
        return totals;
    }

    /** The utterances, highest WER first. */
    public List<UtteranceResult> worstFirst() {
        return worstFirst;
    }

    public String toJson() throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        root.put("title", title);
        ObjectNode overall = root.putObject("overall");
        overall.put("wer", wer);
        overall.put("utterances", worstFirst.size());
        overall.put("reference_words", totals.referenceLength());
        overall.put("errors", totals.errors());
        overall.put("hits", totals.hits());
        overall.put("substitutions", totals.substitutions());
        overall.put("deletions", totals.deletions());
        overall.put("insertions", totals.insertions());
        ArrayNode utterances = root.putArray("utterances");
        worstFirst.forEach(r -> utterances.add(r.toJson(json)));
        return json.writeValueAsString(root) + "\n";
    }

    public String toMarkdown() {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(title).append("\n\n");
        md.append("| WER | utterances | reference words | substitutions | deletions | insertions | hits |\n");
        md.append("|---:|---:|---:|---:|---:|---:|---:|\n");
        md.append("| ").append(percent(wer)).append(" | ").append(worstFirst.size()).append(" | ")
                .append(totals.referenceLength()).append(" | ").append(totals.substitutions()).append(" | ")
                .append(totals.deletions()).append(" | ").append(totals.insertions()).append(" | ")
                .append(totals.hits()).append(" |\n\n");
        md.append("## Utterances, worst first\n\n");
        md.append("| WER | S | D | I | id | reference (normalized) | hypothesis (normalized) |\n");
        md.append("|---:|---:|---:|---:|---|---|---|\n");
        for (UtteranceResult r : worstFirst) {
            md.append("| ").append(percent(r.wer())).append(" | ").append(r.counts().substitutions()).append(" | ")
                    .append(r.counts().deletions()).append(" | ").append(r.counts().insertions()).append(" | ")
                    .append(cell(r.id())).append(" | ").append(cell(r.referenceNormalized())).append(" | ")
                    .append(cell(r.hypothesisNormalized())).append(" |\n");
        }
        return md.toString();
    }

    /** Writes {@code report.json} and {@code report.md} into the directory. */
    public void write(Path directory) throws IOException {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("report.json"), toJson(), StandardCharsets.UTF_8);
        Files.writeString(directory.resolve("report.md"), toMarkdown(), StandardCharsets.UTF_8);
    }

    private static String percent(double rate) {
        return String.format(Locale.ROOT, "%.2f%%", 100 * rate);
    }

    /** Table cells cannot hold pipes or line breaks. */
    private static String cell(String text) {
        return text.strip().replace("|", "\\|").replaceAll("[\\r\\n]+", " ");
    }
}
