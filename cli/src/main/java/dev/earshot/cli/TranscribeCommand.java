package dev.earshot.cli;

import dev.earshot.api.prompt.Language;
import dev.earshot.api.prompt.WhisperTask;
import dev.earshot.api.result.Transcript;
import dev.earshot.audio.mel.StreamingMelSource;
import dev.earshot.model.WhisperSession;
import dev.earshot.model.decoding.DecodingOptions;
import dev.earshot.model.decoding.DecodingTask;
import dev.earshot.model.tokenizer.PythonText;
import dev.earshot.model.tokenizer.SpecialTokenPolicy;
import dev.earshot.model.transcribe.TranscribeOptions;
import dev.earshot.model.transcribe.Transcriber;
import dev.earshot.model.transcribe.WordTimestampOptions;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earshot.api.task.TaskArguments;
import dev.earshot.api.task.TaskOutput;
import dev.earshot.api.task.TaskPlugin;
import dev.earshot.tasks.TaskPlugins;
import dev.earshot.tasks.writers.SubtitleOptions;
import dev.earshot.tasks.writers.Timestamps;
import dev.earshot.tasks.writers.TranscriptWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code earshot transcribe}: openai/whisper's {@code transcribe()} with its CLI defaults. */
@Command(name = "transcribe", mixinStandardHelpOptions = true,
        description = "Transcribes (or translates to English) audio files, as openai/whisper's transcribe().")
final class TranscribeCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "AUDIO", description = "Audio files: WAV read directly, others through ffmpeg.")
    List<Path> audio;

    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--language", paramLabel = "CODE", description = "Spoken language (code or English name); detected when left out.")
    String language;

    @Option(names = "--task", defaultValue = "transcribe", paramLabel = "NAME",
            description = "transcribe (default), translate into English, or any task plugin on the class path "
                    + "(see 'earshot tasks'), with its options given by --set.")
    String task;

    @Option(names = "--set", paramLabel = "NAME=VALUE", description = "An option of a task plugin chosen with --task.")
    Map<String, String> taskOptions = new LinkedHashMap<>();

    @Option(names = "--without-timestamps", defaultValue = "false", arity = "1", paramLabel = "true|false",
            description = "Sample text tokens only (default: false, timestamps on).")
    boolean withoutTimestamps;

    @Option(names = "--temperature", defaultValue = "0", paramLabel = "T[,T...]",
            description = "Sampling temperature, 0 (default) for beam search or greedy; a comma list is the whole fallback sequence.")
    String temperature;

    @Option(names = "--temperature-increment-on-fallback", defaultValue = "0.2", paramLabel = "STEP",
            description = "Retry a window that looks like a repetition loop or is improbable at T + STEP, T + 2·STEP, … up to 1.0 (0: never; default 0.2).")
    double temperatureIncrement;

    @Option(names = "--beam-size", defaultValue = "5", paramLabel = "N", description = "Beams at temperature 0 (default 5; 1 for greedy).")
    int beamSize;

    @Option(names = "--best-of", defaultValue = "5", paramLabel = "N", description = "Samples to rank at temperature > 0 (default 5).")
    int bestOf;

    @Option(names = "--patience", paramLabel = "P", description = "Beam search patience (default 1.0).")
    Double patience;

    @Option(names = "--length-penalty", paramLabel = "ALPHA", description = "Rank beams by log-probability / ((5+length)/6)^ALPHA instead of / length.")
    Double lengthPenalty;

    @Option(names = "--compression-ratio-threshold", defaultValue = "2.4", paramLabel = "R",
            description = "Treat a window whose text compresses better than this as a repetition loop (default 2.4).")
    double compressionRatioThreshold;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "N", description = "Seed for sampling at temperature > 0 (default 0).")
    long seed;

    @Option(names = "--initial-prompt", paramLabel = "TEXT", description = "Text to condition the first window on (spellings, style).")
    String initialPrompt;

    @Option(names = "--carry-initial-prompt", defaultValue = "false", arity = "1", paramLabel = "true|false",
            description = "Put --initial-prompt before the previous text in every window's prompt (default: false).")
    boolean carryInitialPrompt;

    @Option(names = "--clip-timestamps", defaultValue = "0", paramLabel = "START,END,...",
            description = "Seconds: the parts of the audio to transcribe, as start,end pairs; a last start runs to the end (default: 0).")
    String clipTimestamps;

    @Option(names = "--suppress-tokens", defaultValue = "-1", paramLabel = "IDS",
            description = "Comma-separated token ids never to sample; -1 (default) is the non-speech symbols, empty for none.")
    String suppressTokens;

    @Option(names = "--condition-on-previous-text", defaultValue = "true", arity = "1", paramLabel = "true|false",
            description = "Give each window the previous windows' text as a prompt (default: true).")
    boolean conditionOnPreviousText;

    @Option(names = "--no-speech-threshold", defaultValue = "0.6", paramLabel = "P",
            description = "Skip windows whose no-speech probability is above this and whose average log-probability is below --logprob-threshold.")
    double noSpeechThreshold;

    @Option(names = "--logprob-threshold", defaultValue = "-1.0", paramLabel = "L", description = "See --no-speech-threshold (default: -1.0).")
    double logprobThreshold;

    @Option(names = "--word-timestamps", defaultValue = "false", arity = "1", paramLabel = "true|false",
            description = "Word-level timestamps from cross-attention (default: false).")
    boolean wordTimestamps;

    @Option(names = "--prepend-punctuations", defaultValue = WordTimestampOptions.DEFAULT_PREPEND, paramLabel = "CHARS",
            description = "With word timestamps: punctuation merged into the next word.")
    String prependPunctuations;

    @Option(names = "--append-punctuations", defaultValue = WordTimestampOptions.DEFAULT_APPEND, paramLabel = "CHARS",
            description = "With word timestamps: punctuation merged into the previous word.")
    String appendPunctuations;

    @Option(names = "--hallucination-silence-threshold", paramLabel = "SECONDS",
            description = "With word timestamps: skip silences longer than this around a likely hallucination.")
    Double hallucinationSilenceThreshold;

    @Option(names = "--highlight-words", defaultValue = "false", arity = "1", paramLabel = "true|false",
            description = "With word timestamps: one subtitle cue per word, the spoken word underlined.")
    boolean highlightWords;

    @Option(names = "--max-line-width", paramLabel = "N", description = "With word timestamps: characters per subtitle line.")
    Integer maxLineWidth;

    @Option(names = "--max-line-count", paramLabel = "N", description = "With word timestamps: lines per subtitle cue.")
    Integer maxLineCount;

    @Option(names = "--max-words-per-line", paramLabel = "N", description = "With word timestamps: words per subtitle line.")
    Integer maxWordsPerLine;

    @Option(names = {"-f", "--output-format"}, defaultValue = "all", paramLabel = "txt|vtt|srt|tsv|json|all",
            description = "Output file format; all (default) writes every one, as openai's CLI.")
    String outputFormat;

    @Option(names = {"-o", "--output-dir"}, defaultValue = ".", paramLabel = "DIR", description = "Where to write DIR/<audio name>.<format>.")
    Path outputDirectory;

    @Option(names = "--quiet", description = "Do not print segments as they are transcribed.")
    boolean quiet;

    /**
     * A comma list as given; one value T: openai's {@code np.arange(T, 1.0 + 1e-6, increment)}, or T alone when
     * the increment is 0.
     */
    List<Double> fallbackTemperatures() {
        List<Double> given = numbers("--temperature", temperature);
        if (given.isEmpty() || given.stream().anyMatch(t -> t < 0) || temperatureIncrement < 0) {
            throw new IllegalArgumentException("--temperature needs values >= 0 and the increment must be >= 0");
        }
        if (given.size() > 1 || temperatureIncrement == 0) {
            return given;
        }
        double start = given.getFirst();
        List<Double> temperatures = new ArrayList<>();
        for (int i = 0; start + i * temperatureIncrement < 1.0 + 1e-6; i++) {
            temperatures.add(start + i * temperatureIncrement);
        }
        return temperatures.isEmpty() ? List.of(start) : temperatures;
    }

    private static List<Double> numbers(String option, String commaList) {
        List<Double> values = new ArrayList<>();
        for (String part : commaList.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                values.add(Double.parseDouble(part.strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " takes comma-separated numbers, not '" + part.strip() + "'");
            }
        }
        return values;
    }

    /** openai's {@code suppress_tokens} string. */
    private DecodingOptions.SuppressedTokens suppressed() {
        List<Integer> ids = new ArrayList<>();
        for (double id : numbers("--suppress-tokens", suppressTokens)) {
            if (id != Math.rint(id)) {
                throw new IllegalArgumentException("--suppress-tokens takes token ids, not " + id);
            }
            ids.add((int) id);
        }
        int[] listed = ids.stream().mapToInt(Integer::intValue).filter(id -> id >= 0).toArray();
        return ids.contains(-1) ? new DecodingOptions.SuppressedTokens.NonSpeech(listed)
                : new DecodingOptions.SuppressedTokens.Listed(listed);
    }

    /** A task plugin chosen with --task: its text to stdout, its data to DIR/<audio name>.<task>.json. */
    private int runPlugin() throws Exception {
        TaskPlugin plugin = TaskPlugins.named(task, Thread.currentThread().getContextClassLoader());
        Language spoken = language == null ? null : Language.lookup(language.toLowerCase(Locale.ROOT));
        TaskArguments arguments = TaskArguments.of(plugin, taskOptions, spoken);
        Files.createDirectories(outputDirectory);
        try (ModelOptions.LoadedModel loaded = modelOptions.load(); WhisperSession session = loaded.newSession()) {
            for (Path file : audio) {
                TaskOutput output = TaskRun.run(plugin, arguments, loaded, session, file,
                        DecodingOptions.builder().beamSize(beamSize > 1 ? beamSize : null).bestOf(bestOf > 1 ? bestOf : null)
                                .seed(seed).build());
                System.out.println(output.text());
                String base = file.getFileName().toString().replaceFirst("\\.[^.]+$", "");
                Path json = outputDirectory.resolve(base + "." + plugin.name() + ".json");
                Files.writeString(json, new ObjectMapper().writeValueAsString(output.data()));
                System.err.println(file + ": task " + plugin.name() + " → " + json);
            }
        }
        return 0;
    }

    @Override
    public Integer call() throws Exception {
        if (!task.equals("transcribe") && !task.equals("translate")) {
            return runPlugin();
        }
        if (!taskOptions.isEmpty()) {
            throw new IllegalArgumentException("--set is for task plugins; --task " + task + " has its own options");
        }
        WhisperTask whisperTask = WhisperTask.fromCode(task);
        Language spoken = language == null ? null : Language.lookup(language.toLowerCase(Locale.ROOT));
        for (Path file : audio) {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException(file + ": no such audio file");
            }
        }
        if (!wordTimestamps && (hallucinationSilenceThreshold != null || highlightWords || maxLineWidth != null
                || maxLineCount != null || maxWordsPerLine != null)) {
            throw new IllegalArgumentException("--hallucination-silence-threshold, --highlight-words, --max-line-width, "
                    + "--max-line-count and --max-words-per-line require --word-timestamps true");
        }
        SubtitleOptions subtitles = new SubtitleOptions(maxLineWidth, maxLineCount, highlightWords, maxWordsPerLine);
        TranscriptWriter[] writers = outputFormat.equals("all") ? TranscriptWriter.all(subtitles)
                : new TranscriptWriter[] {TranscriptWriter.forExtension(outputFormat, subtitles)};
        Files.createDirectories(outputDirectory);
        try (ModelOptions.LoadedModel loaded = modelOptions.load(); WhisperSession session = loaded.newSession()) {
            DecodingOptions decoding = DecodingOptions.builder().task(whisperTask).language(spoken)
                    .withoutTimestamps(withoutTimestamps).beamSize(beamSize > 1 ? beamSize : null).patience(patience)
                    .bestOf(bestOf > 1 ? bestOf : null).lengthPenalty(lengthPenalty).seed(seed)
                    .suppressTokens(suppressed()).build();
            int[] prompt = initialPrompt == null ? new int[0]
                    : loaded.tokenizer().encode(" " + PythonText.strip(initialPrompt), SpecialTokenPolicy.DISALLOWED);
            TranscribeOptions options = new TranscribeOptions(decoding, fallbackTemperatures(), compressionRatioThreshold,
                    noSpeechThreshold, logprobThreshold, conditionOnPreviousText, prompt, carryInitialPrompt,
                    numbers("--clip-timestamps", clipTimestamps),
                    wordTimestamps ? new WordTimestampOptions(prependPunctuations, appendPunctuations,
                            hallucinationSilenceThreshold) : null);
            Transcriber transcriber = new Transcriber(loaded.tokenizer(), new DecodingTask(loaded.tokenizer(), loaded.model().config()));
            for (Path file : audio) {
                Transcript transcript;
                // Streamed from the file: memory stays at a window's worth, however long the audio.
                try (StreamingMelSource mel = StreamingMelSource.open(file, loaded.model().config().melCount())) {
                    transcript = transcriber.transcribe(session, mel, options, s -> {
                        if (!quiet) { // as each window finishes, like openai's verbose output
                            System.out.printf("[%s --> %s] %s%n", Timestamps.format(s.start(), false, '.'),
                                    Timestamps.format(s.end(), false, '.'), PythonText.strip(s.text()));
                        }
                    });
                }
                List<Path> written = new ArrayList<>();
                for (TranscriptWriter writer : writers) {
                    written.add(writer.write(transcript, file, outputDirectory));
                }
                System.err.println(file + ": " + transcript.language().code() + ", " + transcript.segments().size()
                        + " segments → " + written.stream().map(Path::toString).collect(Collectors.joining(", ")));
            }
        }
        return 0;
    }
}
