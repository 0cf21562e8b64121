package dev.earshot.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earshot.api.audio.MelSpectrogram;
import dev.earshot.api.backend.Backend;
import dev.earshot.api.prompt.Language;
import dev.earshot.api.backend.BackendOptions;
import dev.earshot.api.backend.DType;
import dev.earshot.api.backend.WeightQuantization;
import dev.earshot.audio.AudioLoader;
import dev.earshot.audio.mel.LogMelSpectrogram;
import dev.earshot.audio.mel.StreamingMelSource;
import dev.earshot.benchmarks.harness.BenchReport;
import dev.earshot.benchmarks.harness.BenchRun;
import dev.earshot.benchmarks.harness.Measure;
import dev.earshot.benchmarks.harness.WindowBenchmark;
import dev.earshot.model.WhisperConfig;
import dev.earshot.model.WhisperModel;
import dev.earshot.model.WhisperSession;
import dev.earshot.model.decoding.DecodingOptions;
import dev.earshot.model.decoding.DecodingTask;
import dev.earshot.model.hub.HubClient;
import dev.earshot.model.hub.HubSettings;
import dev.earshot.model.hub.ModelResolver;
import dev.earshot.model.tokenizer.WhisperTokenizer;
import dev.earshot.model.transcribe.TranscribeOptions;
import dev.earshot.model.transcribe.Transcriber;
import dev.earshot.model.weights.ModelLocator;
import dev.earshot.model.weights.TensorSlice;
import dev.earshot.model.assets.AssetResolver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code earshot bench}: the end-to-end harness. With {@code --format jsonl} it measures one configuration in this
 * process and prints one JSON line per measure (the contract outside harnesses time earshot with, next to
 * whisper.cpp). Otherwise it runs every backend × thread count in a fresh JVM each (so the thread count sizes every
 * pool, with {@code -XX:ActiveProcessorCount} set too) and writes {@code bench.json}, {@code bench.md} and
 * {@code bench.png}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Times a model: encoder ms per 30 s window (with and without the decoder's cross-attention K/V), "
                + "decoder ms per token with the KV cache, a prompt, a beam-5 step, and optionally the real-time factor of "
                + "transcribing a file. Warm-up (a full encoder pass and 16 decoder steps) is never timed."})
final class BenchCommand implements Callable<Integer> {

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "NAME|PATH",
            description = "A model name, directory, .pt or ggml .bin (see 'earshot make-model' for random ones).")
    String model;

    @Option(names = "--backend", defaultValue = "cpu", split = ",", paramLabel = "NAME[,NAME...]",
            description = "Backends to measure (default: ${DEFAULT-VALUE}); several only without --format jsonl.")
    List<String> backends;

    @Option(names = "--threads", defaultValue = "0", split = ",", paramLabel = "N[,N...]",
            description = "Host thread counts (default: all cores); several only without --format jsonl.")
    List<Integer> threads;

    @Option(names = "--device", paramLabel = "N|NAME", description = "Device index or part of its name.")
    String device;

    @Mixin
    QuantizationOption quantize;

    @Mixin
    CrossCacheOption crossCache;

    @Option(names = "--mel", paramLabel = "FILE",
            description = "Raw float32 little-endian log-mel [n_mels][3000] to encode (default: 30 s of silence).")
    Path mel;

    @Option(names = "--audio", paramLabel = "FILE", description = "Compute the window's log-mel from this audio instead.")
    Path audio;

    @Option(names = "--rtf-audio", paramLabel = "FILE",
            description = "Also transcribe this file (greedy, no fallback) and report the real-time factor.")
    Path rtfAudio;

    @Option(names = "--tokens", defaultValue = "256", paramLabel = "N",
            description = "Decoder steps per dec/token run, and the prompt's length (default: ${DEFAULT-VALUE}).")
    int tokens;

    @Option(names = "--runs", paramLabel = "N", description = "Timed runs per measure (default: 1 with jsonl, else 5).")
    Integer runs;

    @Option(names = "--format", defaultValue = "report", paramLabel = "jsonl|report",
            description = "jsonl: one JSON line per measure on stdout; report (default): JSON, Markdown and PNG files.")
    String format;

    @Option(names = "--output-dir", defaultValue = "bench-report", paramLabel = "DIR",
            description = "Where the report goes (default: ${DEFAULT-VALUE}).")
    Path outputDirectory;

    /** Internal: a child run also prints its configuration first, for the parent's report. */
    @Option(names = "--configuration-line", hidden = true)
    boolean configurationLine;

    @Override
    public Integer call() throws Exception {
        if (mel != null && audio != null) {
            throw new IllegalArgumentException("give --mel or --audio, not both");
        }
        for (Path input : new Path[] {mel, audio, rtfAudio}) {
            if (input != null && !Files.isRegularFile(input)) {
                throw new IllegalArgumentException("no such file: " + input);
            }
        }
        switch (format.toLowerCase(Locale.ROOT)) {
            case "jsonl" -> measureHere();
            case "report" -> measureMatrix();
            default -> throw new IllegalArgumentException("--format must be jsonl or report, not '" + format + "'");
        }
        return 0;
    }

    /** One configuration, in this process: the contract's JSON lines on stdout. */
    private void measureHere() throws IOException {
        if (backends.size() != 1 || threads.size() != 1) {
            throw new IllegalArgumentException("--format jsonl measures one configuration: give one --backend and one "
                    + "--threads (the report format runs several)");
        }
        Path location = new ModelResolver(new HubClient(HubSettings.fromEnvironment(), System.err)).resolve(model);
        ObjectMapper json = new ObjectMapper();
        BackendOptions options = new BackendOptions(device, threads.getFirst(), quantize.quantization);
        try (Backend backend = Backends.open(backends.getFirst(), options, System.err);
             WhisperModel whisper = WhisperModel.load(location, backend)) {
            float[] window = window(whisper.config());
            int timedRuns = runs == null ? 1 : runs;
            List<Measure> measures = new ArrayList<>(new WindowBenchmark(whisper, new WindowBenchmark.Settings(tokens,
                    timedRuns, crossCache.type)).run(window));
            if (rtfAudio != null) {
                measures.add(realTimeFactor(whisper, location, timedRuns));
            }
            if (configurationLine) {
                System.out.println(json.writeValueAsString(new BenchRun(location.getFileName().toString(),
                        describe(whisper.config()), weightType(location)
                        + (quantize.quantization == WeightQuantization.NONE ? ""
                                : ", token steps " + quantize.quantization.name().toLowerCase(Locale.ROOT))
                        + (crossCache.type == DType.F32 ? "" : ", cross K/V " + crossCache.type.name().toLowerCase(Locale.ROOT)),
                        backend.name(), backend.device().name(),
                        threads.getFirst(), List.of())));
            }
            for (Measure measure : measures) {
                System.out.println(json.writeValueAsString(measure));
            }
        }
    }

    /** Every backend × thread count, each in a fresh JVM; then the report files. */
    private void measureMatrix() throws IOException, InterruptedException {
        List<BenchRun> results = new ArrayList<>();
        for (String backend : backends) {
            for (int count : threads) {
                List<String> arguments = new ArrayList<>(List.of("bench", "--format", "jsonl", "--configuration-line",
                        "--model", model, "--backend", backend, "--threads", Integer.toString(count),
                        "--tokens", Integer.toString(tokens), "--runs", Integer.toString(runs == null ? 5 : runs)));
                if (device != null) {
                    arguments.addAll(List.of("--device", device));
                }
                arguments.addAll(List.of("--quantize", quantize.quantization.name()));
                arguments.addAll(List.of("--cross-kv", crossCache.type.name()));
                if (mel != null) {
                    arguments.addAll(List.of("--mel", mel.toString()));
                }
                if (audio != null) {
                    arguments.addAll(List.of("--audio", audio.toString()));
                }
                if (rtfAudio != null) {
                    arguments.addAll(List.of("--rtf-audio", rtfAudio.toString()));
                }
                System.err.printf("bench: %s with %s threads …%n", backend, count == 0 ? "all" : count);
                results.add(ChildJvm.runBench(count, arguments));
            }
        }
        BenchReport report = new BenchReport(results);
        List<Path> written = report.write(outputDirectory);
        System.out.print(report.markdown());
        System.err.println("bench: wrote " + written.stream().map(Path::toString).reduce((a, b) -> a + ", " + b).orElse(""));
    }

    /** The window the encoder times: --mel as given, --audio's first 30 s, or 30 s of silence. */
    private float[] window(WhisperConfig config) throws IOException {
        int count = config.melCount() * MelSpectrogram.FRAMES_PER_WINDOW;
        if (mel != null) {
            long size = Files.size(mel);
            if (size != (long) count * Float.BYTES) {
                throw new IllegalArgumentException("--mel " + mel + " has " + size + " bytes; this model takes float32 ["
                        + config.melCount() + "][" + MelSpectrogram.FRAMES_PER_WINDOW + "] = " + count * Float.BYTES + " bytes");
            }
            float[] values = new float[count];
            ByteBuffer.wrap(Files.readAllBytes(mel)).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
            return values;
        }
        float[] samples = audio == null ? new float[LogMelSpectrogram.SAMPLES_PER_WINDOW] : AudioLoader.load16kMono(audio);
        MelSpectrogram spectrogram = LogMelSpectrogram.whisper(config.melCount()).compute(samples);
        return spectrogram.window(0, MelSpectrogram.FRAMES_PER_WINDOW, MelSpectrogram.FRAMES_PER_WINDOW).data();
    }

    /**
     * Seconds of processing per second of audio for a whole-file greedy transcription (temperature 0, no fallback,
     * previous text as prompt): the log-mel, every window's encoder pass and its decoding.
     */
    private Measure realTimeFactor(WhisperModel whisper, Path location, int timedRuns) throws IOException {
        Path modelDirectory = Files.isDirectory(location) ? location : location.toAbsolutePath().getParent();
        WhisperTokenizer tokenizer = WhisperTokenizer.load(whisper.vocabulary(),
                AssetResolver.fromEnvironment().withModelDirectory(modelDirectory));
        Transcriber transcriber = new Transcriber(tokenizer, new DecodingTask(tokenizer, whisper.config()));
        // English is forced so a multilingual model skips detection; one temperature: no fallback re-decodes
        DecodingOptions decoding = DecodingOptions.builder().language(Language.lookup("en")).build();
        TranscribeOptions options = new TranscribeOptions(decoding, List.of(0.0), 2.4, 0.6, -1.0, true, new int[0],
                false, List.of(), null);
        double seconds = AudioLoader.load16kMono(rtfAudio).length / (double) AudioLoader.SAMPLE_RATE;
        double[] factors = new double[timedRuns];
        try (WhisperSession session = whisper.newSession(crossCache.type)) {
            for (int r = 0; r < timedRuns; r++) {
                long start = System.nanoTime();
                try (StreamingMelSource source = StreamingMelSource.open(rtfAudio, whisper.config().melCount())) {
                    transcriber.transcribe(session, source, options);
                }
                factors[r] = (System.nanoTime() - start) / 1e9 / seconds;
            }
        }
        return new Measure("rtf", "x", java.util.Arrays.stream(factors).boxed().toList(), null);
    }

    private static String describe(WhisperConfig c) {
        return "d=" + c.audioState() + " heads=" + c.audioHeads() + " layers=" + c.audioLayers() + "+" + c.textLayers()
                + " mels=" + c.melCount() + " vocab=" + c.vocabularySize();
    }

    /** The storage type of the largest matrix, the one that sets the decoder's memory traffic. */
    private static String weightType(Path location) throws IOException {
        try (ModelLocator.OpenedCheckpoint checkpoint = ModelLocator.open(location)) {
            TensorSlice embedding = checkpoint.tensors().byOpenaiName().get("decoder.token_embedding.weight");
            return checkpoint.format().name().toLowerCase(Locale.ROOT) + " "
                    + (embedding == null ? "?" : embedding.type().name().toLowerCase(Locale.ROOT));
        }
    }
}
