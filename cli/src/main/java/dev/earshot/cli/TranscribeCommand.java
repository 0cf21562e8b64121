package dev.earshot.cli;

import dev.earshot.api.audio.MelSpectrogram;
import dev.earshot.api.prompt.Language;
import dev.earshot.api.prompt.WhisperTask;
import dev.earshot.api.result.Segment;
import dev.earshot.api.result.Transcript;
import dev.earshot.audio.AudioLoader;
import dev.earshot.audio.mel.LogMelSpectrogram;
import dev.earshot.model.WhisperSession;
import dev.earshot.model.decoding.DecodingOptions;
import dev.earshot.model.decoding.DecodingTask;
import dev.earshot.model.tokenizer.PythonText;
import dev.earshot.model.tokenizer.SpecialTokenPolicy;
import dev.earshot.model.transcribe.TranscribeOptions;
import dev.earshot.model.transcribe.Transcriber;
import dev.earshot.model.transcribe.WordTimestampOptions;
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
import java.util.List;
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

    @Option(names = "--task", defaultValue = "transcribe", paramLabel = "transcribe|translate",
            description = "transcribe (default) or translate into English.")
    String task;

    @Option(names = "--without-timestamps", defaultValue = "false", arity = "1", paramLabel = "true|false",
            description = "Sample text tokens only (default: false, timestamps on).")
    boolean withoutTimestamps;

    @Option(names = "--temperature", defaultValue = "0", paramLabel = "T", description = "Sampling temperature; 0 (default) is greedy.")
    double temperature;

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

    /** openai's {@code np.arange(temperature, 1.0 + 1e-6, increment)}, or just the temperature. */
    List<Double> fallbackTemperatures() {
        if (temperature < 0 || temperatureIncrement < 0) {
            throw new IllegalArgumentException("temperatures must be >= 0");
        }
        if (temperatureIncrement == 0) {
            return List.of(temperature);
        }
        List<Double> temperatures = new java.util.ArrayList<>();
        for (int i = 0; temperature + i * temperatureIncrement < 1.0 + 1e-6; i++) {
            temperatures.add(temperature + i * temperatureIncrement);
        }
        return temperatures.isEmpty() ? List.of(temperature) : temperatures;
    }

    @Override
    public Integer call() throws Exception {
        WhisperTask whisperTask = WhisperTask.fromCode(task.toLowerCase(Locale.ROOT));
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
        try (ModelOptions.LoadedModel loaded = modelOptions.load(); WhisperSession session = loaded.model().newSession()) {
            DecodingOptions decoding = DecodingOptions.builder().task(whisperTask).language(spoken)
                    .withoutTimestamps(withoutTimestamps).beamSize(beamSize > 1 ? beamSize : null).patience(patience)
                    .bestOf(bestOf > 1 ? bestOf : null).lengthPenalty(lengthPenalty).seed(seed).build();
            int[] prompt = initialPrompt == null ? new int[0]
                    : loaded.tokenizer().encode(" " + PythonText.strip(initialPrompt), SpecialTokenPolicy.DISALLOWED);
            TranscribeOptions options = new TranscribeOptions(decoding, fallbackTemperatures(), compressionRatioThreshold,
                    noSpeechThreshold, logprobThreshold, conditionOnPreviousText, prompt, false, List.of(),
                    wordTimestamps ? new WordTimestampOptions(prependPunctuations, appendPunctuations,
                            hallucinationSilenceThreshold) : null);
            Transcriber transcriber = new Transcriber(loaded.tokenizer(), new DecodingTask(loaded.tokenizer(), loaded.model().config()));
            LogMelSpectrogram spectrogram = LogMelSpectrogram.whisper(loaded.model().config().melCount());
            for (Path file : audio) {
                float[] samples = AudioLoader.load16kMono(file);
                MelSpectrogram mel = spectrogram.compute(samples, LogMelSpectrogram.SAMPLES_PER_WINDOW);
                Transcript transcript = transcriber.transcribe(session, mel, options);
                if (!quiet) {
                    for (Segment s : transcript.segments()) {
                        System.out.printf("[%s --> %s] %s%n", Timestamps.format(s.start(), false, '.'),
                                Timestamps.format(s.end(), false, '.'), PythonText.strip(s.text()));
                    }
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
