package dev.earshot.cli;

import dev.earshot.api.prompt.Language;
import dev.earshot.audio.mel.StreamingMelSource;
import dev.earshot.evaluation.dataset.Datasets;
import dev.earshot.evaluation.dataset.Utterance;
import dev.earshot.evaluation.runner.EvaluationReport;
import dev.earshot.evaluation.runner.EvaluationRunner;
import dev.earshot.evaluation.runner.ProgressBar;
import dev.earshot.evaluation.runner.ResultsLog;
import dev.earshot.evaluation.runner.Transcription;
import dev.earshot.evaluation.runner.UtteranceResult;
import dev.earshot.model.WhisperSession;
import dev.earshot.model.decoding.DecodingOptions;
import dev.earshot.model.decoding.DecodingTask;
import dev.earshot.model.transcribe.TranscribeOptions;
import dev.earshot.model.transcribe.Transcriber;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code earshot eval}: zero-shot WER of a model on a dataset, resumable, with JSON and Markdown reports. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Transcribes every utterance of a dataset, normalizes and scores it, and writes "
                + "results.jsonl, report.json and report.md (utterances worst first) into the output directory.",
                "Rerunning with the same output directory resumes: utterances already in results.jsonl are not "
                        + "transcribed again."})
final class EvalCommand implements Callable<Integer> {

    @Option(names = "--manifest", required = true, paramLabel = "FILE|DIR",
            description = "A JSONL manifest of {\"audio\", \"text\"[, \"language\"]}, a Common Voice .tsv, or a "
                    + "LibriSpeech directory (*.trans.txt beside the .flac files).")
    Path manifest;

    @Mixin
    ModelOptions modelOptions;

    @Option(names = {"-o", "--output-dir"}, defaultValue = "earshot-eval", paramLabel = "DIR",
            description = "Where results and reports go (default: ${DEFAULT-VALUE}).")
    Path outputDirectory;

    @Option(names = "--language", paramLabel = "CODE",
            description = "Spoken language for every utterance; default: the dataset's, else detected.")
    String language;

    @Option(names = "--normalize", defaultValue = "english", paramLabel = "english|basic|none",
            description = "Normalizer for references and hypotheses (default: ${DEFAULT-VALUE}).")
    WerCommand.Normalization normalization;

    @Override
    public Integer call() throws Exception {
        List<Utterance> dataset = Datasets.read(manifest);
        for (Utterance utterance : dataset) {
            if (!Files.isRegularFile(utterance.audio())) {
                throw new IllegalArgumentException(utterance.id() + ": no such audio file " + utterance.audio());
            }
        }
        Language forced = language == null ? null : Language.lookup(language.toLowerCase(Locale.ROOT));
        Files.createDirectories(outputDirectory);
        ResultsLog log = new ResultsLog(outputDirectory.resolve("results.jsonl"));
        List<UtteranceResult> results;
        try (ModelOptions.LoadedModel loaded = modelOptions.load(); WhisperSession session = loaded.newSession()) {
            Transcriber transcriber = new Transcriber(loaded.tokenizer(),
                    new DecodingTask(loaded.tokenizer(), loaded.model().config()));
            boolean multilingual = loaded.model().config().isMultilingual();
            Transcription transcription = utterance -> {
                // English-only models have no language choice to make
                Language spoken = multilingual ? languageOf(utterance, forced) : null;
                DecodingOptions decoding = DecodingOptions.builder().language(spoken).build();
                try (StreamingMelSource mel = StreamingMelSource.open(utterance.audio(), loaded.model().config().melCount())) {
                    return transcriber.transcribe(session, mel, TranscribeOptions.defaults(decoding)).text();
                }
            };
            results = new EvaluationRunner(transcription, normalization.create(), new ProgressBar(System.err))
                    .run(dataset, log);
        }
        EvaluationReport report = new EvaluationReport("earshot eval: " + manifest.getFileName() + " with "
                + modelOptions.model, results);
        report.write(outputDirectory);
        System.out.printf(Locale.ROOT, "WER %.2f%% over %d utterances (%d reference words) → %s%n",
                100 * report.wer(), results.size(), report.totals().referenceLength(),
                outputDirectory.resolve("report.md"));
        return 0;
    }

    private static Language languageOf(Utterance utterance, Language forced) {
        if (forced != null) {
            return forced;
        }
        return utterance.language() == null ? null : Language.lookup(utterance.language().toLowerCase(Locale.ROOT));
    }
}
