package dev.earshot.benchmarks.harness;

import dev.earshot.api.backend.DType;
import dev.earshot.model.WhisperModel;
import dev.earshot.model.WhisperSession;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Times one model on one backend in this process, on one 30 s log-mel window: the measures of the side-by-side
 * contract (encoder with and without the decoder's cross-attention K/V, one decoder token with the KV cache, a
 * prompt, a beam-search step), after a warm-up of a full encoder pass, one beam step, {@value #WARMUP_STEPS}
 * decoder steps and one prompt pass. Every path a measure times has then run once: the first prompt pass
 * otherwise paid for the JIT and for packing the decoder's weights (497 ms against 76 for tiny), and whisper.cpp's
 * {@code whisper-bench} warms the same four paths. The beam step comes first because it grows the session's
 * decoder to {@value #BEAMS} sequences (new buffers, the cross-attention K/V computed again): every measure then
 * runs on the decoder the warm-up used, and none pays for the growth. Every timed call ends in a read from the
 * backend, so a device's queued work is inside the time.
 */
public final class WindowBenchmark {

    /** Decoder steps run before anything is timed: the JIT and the device's kernel caches settle. */
    public static final int WARMUP_STEPS = 16;
    /** Beams of the beam-search step: openai's CLI default. */
    public static final int BEAMS = 5;
    /** Steps the beam-search measure averages over. */
    private static final int BEAM_STEPS = 16;

    /**
     * @param tokens single-token decoder steps per dec/token run, also the prompt's length
     * @param runs   timed runs of every measure
     * @param crossCache how the session keeps the cross-attention keys and values ({@link WhisperModel#newSession(DType)})
     */
    public record Settings(int tokens, int runs, DType crossCache) {
        public Settings {
            if (tokens < 1 || runs < 1) {
                throw new IllegalArgumentException("--tokens and --runs must be at least 1, not " + tokens + " and " + runs);
            }
            if (crossCache == null) {
                throw new IllegalArgumentException("the cross-attention cache type must be given (F32: as openai/whisper)");
            }
        }
    }

    private final WhisperModel model;
    private final Settings settings;
    private final LongSupplier cpuNanos;

    public WindowBenchmark(WhisperModel model, Settings settings) {
        int room = model.config().textContext() - 1 - BEAM_STEPS;
        if (settings.tokens() > room) {
            throw new IllegalArgumentException("--tokens " + settings.tokens() + " does not fit the decoder's context of "
                    + model.config().textContext() + " positions; use at most " + room);
        }
        this.model = model;
        this.settings = settings;
        this.cpuNanos = processCpuTime();
    }

    /** Runs every measure, in the contract's order. */
    public List<Measure> run(float[] mel) {
        List<Measure> measures = new ArrayList<>();
        try (WhisperSession session = model.newSession(settings.crossCache())) {
            warmUp(session, mel);
            measures.add(time("enc+cross", () -> {
                session.encode(mel);
                session.awaitDevice();
            }));
            measures.add(time("enc", () -> session.encodeAudioOnly(mel)));
            session.encode(mel);
            measures.add(decoderTokens(session));
            measures.add(prompt(session));
            measures.add(beamStep(session));
        }
        return measures;
    }

    private void warmUp(WhisperSession session, float[] mel) {
        session.encode(mel);
        session.awaitDevice();
        session.encodeAudioOnly(mel);
        session.encode(mel);
        float[] logits = new float[model.config().vocabularySize()];
        int[] beams = new int[BEAMS];
        fillBeamTokens(beams, 0);
        session.decodeBatch(beams, BEAMS, new float[BEAMS * logits.length]);
        session.rewind(0);
        for (int i = 0; i < WARMUP_STEPS; i++) {
            session.decode(new int[] {token(i)}, logits);
        }
        session.rewind(0);
        session.decode(promptTokens(), logits);
        session.rewind(0);
    }

    /** Mean ms of one single-token step with the KV cache (batch 1, logits over the whole vocabulary, no sampling). */
    private Measure decoderTokens(WhisperSession session) {
        float[] logits = new float[model.config().vocabularySize()];
        int[] one = new int[1];
        double[] runs = new double[settings.runs()];
        double[] cpu = new double[settings.runs()];
        for (int r = 0; r < settings.runs(); r++) {
            session.rewind(0);
            long cpuStart = cpuNanos.getAsLong();
            long start = System.nanoTime();
            for (int i = 0; i < settings.tokens(); i++) {
                one[0] = token(i);
                session.decode(one, logits);
            }
            runs[r] = (System.nanoTime() - start) / 1e6 / settings.tokens();
            cpu[r] = (cpuNanos.getAsLong() - cpuStart) / 1e6 / settings.tokens();
        }
        return new Measure("dec/token", "ms", Measure.list(runs), Measure.list(cpu));
    }

    /** ms to feed a prompt of {@code tokens} tokens in one pass (a long previous-text prompt, as in openai's long form). */
    private Measure prompt(WhisperSession session) {
        int[] prompt = promptTokens();
        float[] logits = new float[model.config().vocabularySize()];
        return time("prompt/" + prompt.length, () -> {
            session.rewind(0);
            session.decode(prompt, logits);
        });
    }

    /** Mean ms of one beam-search step: {@value #BEAMS} sequences, one token each, with their caches. */
    private Measure beamStep(WhisperSession session) {
        int vocabulary = model.config().vocabularySize();
        float[] logits = new float[BEAMS * vocabulary];
        int[] tokens = new int[BEAMS];
        double[] runs = new double[settings.runs()];
        double[] cpu = new double[settings.runs()];
        for (int r = 0; r < settings.runs(); r++) {
            session.rewind(0);
            long cpuStart = cpuNanos.getAsLong();
            long start = System.nanoTime();
            for (int step = 0; step < BEAM_STEPS; step++) {
                fillBeamTokens(tokens, step);
                session.decodeBatch(tokens, BEAMS, logits);
            }
            runs[r] = (System.nanoTime() - start) / 1e6 / BEAM_STEPS;
            cpu[r] = (cpuNanos.getAsLong() - cpuStart) / 1e6 / BEAM_STEPS;
        }
        return new Measure("beam" + BEAMS + "/step", "ms", Measure.list(runs), Measure.list(cpu));
    }

    private Measure time(String what, Runnable work) {
        double[] runs = new double[settings.runs()];
        double[] cpu = new double[settings.runs()];
        for (int r = 0; r < settings.runs(); r++) {
            long cpuStart = cpuNanos.getAsLong();
            long start = System.nanoTime();
            work.run();
            runs[r] = (System.nanoTime() - start) / 1e6;
            cpu[r] = (cpuNanos.getAsLong() - cpuStart) / 1e6;
        }
        return new Measure(what, "ms", Measure.list(runs), Measure.list(cpu));
    }

    private int[] promptTokens() {
        int[] prompt = new int[settings.tokens()];
        for (int i = 0; i < prompt.length; i++) {
            prompt[i] = token(i);
        }
        return prompt;
    }

    /** The {@value #BEAMS} beams' tokens of beam step {@code step}. */
    private static void fillBeamTokens(int[] tokens, int step) {
        for (int b = 0; b < BEAMS; b++) {
            tokens[b] = token(step * BEAMS + b);
        }
    }

    /** Text tokens (ids below every special token); their values do not change the arithmetic's cost. */
    private static int token(int i) {
        return 220 + (i * 7919) % 40000;
    }

    /** The whole process's CPU time, all threads: for a device backend mostly the host's waiting and launching. */
    private static LongSupplier processCpuTime() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os::getProcessCpuTime;
        }
        return () -> 0L;
    }
}
