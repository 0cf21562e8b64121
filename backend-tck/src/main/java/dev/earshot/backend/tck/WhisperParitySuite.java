package dev.earshot.backend.tck;

import com.fasterxml.jackson.databind.JsonNode;
import dev.earshot.api.audio.MelSpectrogram;
import dev.earshot.api.backend.Backend;
import dev.earshot.api.backend.DType;
import dev.earshot.api.prompt.Language;
import dev.earshot.api.result.LanguageProbabilities;
import dev.earshot.model.WhisperModel;
import dev.earshot.model.WhisperSession;
import dev.earshot.model.decoding.DecodingTask;
import dev.earshot.model.decoding.LanguageDetector;
import dev.earshot.model.tokenizer.WhisperTokenizer;
import dev.earshot.testkit.FloatTensor;
import dev.earshot.testkit.Reference;
import dev.earshot.testkit.Tolerance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whole-model parity with openai/whisper on the reference toy models: encoder output, teacher-forced
 * logits, language probabilities, every greedy and beam-search decode case and the long-form transcribe runs.
 * Tolerances are the reference README's (10× its measured float32-vs-float64 differences).
 * A backend's test extends this class and says how to open the backend.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class WhisperParitySuite {

    /** Encoder output given openai's mel: README "encoder output, given the stored mel". */
    static final double ENCODER_TOLERANCE = 5e-5;
    /** Logits up to ~10: README "logits, end to end". */
    static final double LOGITS_TOLERANCE = 2e-4;
    /** Language probabilities: README "language probabilities, end to end". */
    static final double LANGUAGE_PROBABILITY_TOLERANCE = 2e-5;

    private Backend backend;
    private final Map<String, WhisperModel> models = new LinkedHashMap<>();
    private final Map<String, WhisperTokenizer> tokenizers = new LinkedHashMap<>();

    /** Opens the backend under test. */
    protected abstract Backend openBackend();

    @BeforeAll
    void loadModels() throws IOException {
        backend = openBackend();
        for (String name : ReferenceModels.MODELS) {
            WhisperModel model = WhisperModel.load(ReferenceModels.modelDirectory(name), backend);
            models.put(name, model);
            tokenizers.put(name, ReferenceModels.tokenizer(model.vocabulary()));
        }
    }

    @AfterAll
    void closeModels() {
        models.values().forEach(WhisperModel::close);
        if (backend != null) {
            backend.close();
        }
    }

    protected WhisperModel model(String name) {
        return models.get(name);
    }

    protected WhisperTokenizer tokenizer(String name) {
        return tokenizers.get(name);
    }

    @TestFactory
    Stream<DynamicTest> encoderOutputMatchesOpenai() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String name : ReferenceModels.MODELS) {
            for (String clip : ReferenceModels.ENCODED_CLIPS) {
                tests.add(DynamicTest.dynamicTest(name + " / " + clip, () -> {
                    WhisperModel model = model(name);
                    FloatTensor expected = Reference.tensor(ReferenceModels.expected(name, "encoder.safetensors"), clip);
                    try (WhisperSession session = model.newSession()) {
                        session.encode(ReferenceModels.decodeInputMel(clip, model.config().melCount()).data());
                        Tolerance.assertClose(expected.data(), session.audioFeatures(), ENCODER_TOLERANCE,
                                name + " encoder(" + clip + ")");
                    }
                }));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> teacherForcedLogitsMatchOpenai() {
        return ReferenceModels.MODELS.stream().map(name -> DynamicTest.dynamicTest(name + " / jfk",
                () -> assertTeacherForcedLogits(name, DType.F32, LOGITS_TOLERANCE, "")));
    }

    /**
     * openai's teacher-forced logits on jfk, from a session whose cross-attention cache is {@code crossCache}: all
     * rows from one pass, and the last row again with the same tokens fed one at a time through the KV cache.
     */
    private void assertTeacherForcedLogits(String name, DType crossCache, double tolerance, String what) {
        WhisperModel model = model(name);
        var file = ReferenceModels.expected(name, "logits.safetensors");
        int[] tokens = Reference.intTensor(file, "tokens");
        FloatTensor expected = Reference.tensor(file, "logits");
        try (WhisperSession session = model.newSession(crossCache)) {
            session.encode(ReferenceModels.decodeInputMel("jfk", model.config().melCount()).data());
            Tolerance.assertClose(expected.data(), session.decodeAll(tokens), tolerance, name + " logits" + what);
            session.rewind(0);
            float[] last = null;
            for (int token : tokens) {
                last = session.decode(token);
            }
            int vocabulary = model.config().vocabularySize();
            float[] expectedLast = java.util.Arrays.copyOfRange(expected.data(), (tokens.length - 1) * vocabulary,
                    tokens.length * vocabulary);
            Tolerance.assertClose(expectedLast, last, tolerance, name + " logits through the KV cache" + what);
        }
    }

    @TestFactory
    Stream<DynamicTest> languageProbabilitiesMatchOpenai() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String name : ReferenceModels.MODELS) {
            JsonNode language = Reference.json(ReferenceModels.expected(name, "language.json"));
            if (language.has("error")) {
                tests.add(DynamicTest.dynamicTest(name + " refuses language identification", () -> {
                    WhisperModel model = model(name);
                    try (WhisperSession session = model.newSession()) {
                        session.encode(ReferenceModels.decodeInputMel("jfk", model.config().melCount()).data());
                        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                                () -> LanguageDetector.detect(session, tokenizer(name).specialTokens()));
                        assertTrue(e.getMessage().contains("English-only"), e.getMessage());
                    }
                }));
                continue;
            }
            language.get("clips").fields().forEachRemaining(clip -> tests.add(
                    DynamicTest.dynamicTest(name + " / " + clip.getKey(), () -> {
                        WhisperModel model = model(name);
                        try (WhisperSession session = model.newSession()) {
                            session.encode(ReferenceModels.decodeInputMel(clip.getKey(), model.config().melCount()).data());
                            LanguageProbabilities probabilities = LanguageDetector.detect(session, tokenizer(name).specialTokens());
                            JsonNode expected = clip.getValue();
                            assertEquals(expected.get("language").asText(), probabilities.mostLikely().code());
                            expected.get("probs").fields().forEachRemaining(p -> assertEquals(p.getValue().asDouble(),
                                    probabilities.probability(Language.lookup(p.getKey())), LANGUAGE_PROBABILITY_TOLERANCE,
                                    "P(" + p.getKey() + ")"));
                        }
                    })));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> decodingMatchesOpenai() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String name : ReferenceModels.MODELS) {
            addDecodeCases(tests, name, DType.F32, DecodeCase::assertMatches);
        }
        return tests.stream();
    }

    /**
     * One test per deterministic decode case of {@code name} (sampling follows PyTorch's random numbers, which no
     * re-implementation can replay), decoded in a session whose cross-attention cache is {@code crossCache}.
     */
    private void addDecodeCases(List<DynamicTest> tests, String name, DType crossCache,
                                BiConsumer<DecodeCase, dev.earshot.model.decoding.DecodingResult> check) {
        JsonNode decode = Reference.json(ReferenceModels.expected(name, "decode.json"));
        for (JsonNode c : decode.get("cases")) {
            DecodeCase decodeCase = DecodeCase.of(c);
            if (!decodeCase.isDeterministic()) {
                continue;
            }
            tests.add(DynamicTest.dynamicTest(name + " / " + decodeCase.name() + " / " + decodeCase.clip(), () -> {
                WhisperModel model = model(name);
                WhisperTokenizer tokenizer = tokenizer(name);
                try (WhisperSession session = model.newSession(crossCache)) {
                    session.encode(ReferenceModels.decodeInputMel(decodeCase.clip(), model.config().melCount()).data());
                    check.accept(decodeCase, new DecodingTask(tokenizer, model.config()).run(session,
                            decodeCase.options(tokenizer)));
                }
            }));
        }
    }

    /**
     * Teacher-forced logits with the cross-attention keys and values kept in F16: openai/whisper on CPU keeps them in
     * float32, so the rounding of each to half precision moves the logits. Measured on the cpu backend: at most
     * 0.0088 (toy-multi), 0.0053 (toy-en), 0.0037 (toy-v3); the bound is 10× the largest, the convention of the
     * reference README's tolerances.
     */
    static final double HALF_CROSS_CACHE_LOGITS_TOLERANCE = 0.09;
    /** The largest logit move measured with an F16 cross-attention cache (above): decisions closer than twice it may flip. */
    static final double HALF_CROSS_CACHE_LOGIT_MOVE = 0.0088;

    /**
     * A session whose cross-attention cache is F16 ({@link WhisperModel#newSession(dev.earshot.api.backend.DType)}),
     * where the backend keeps F16 activations: logits near openai's, through the KV cache too, and every
     * deterministic decode case's tokens except at decisions the rounding can flip. A backend that cannot is asked
     * for such a session and must refuse it.
     */
    @TestFactory
    Stream<DynamicTest> halfCrossCacheStaysNearOpenai() {
        if (!backend.supportsActivations(DType.F16)) {
            return Stream.of(DynamicTest.dynamicTest(backend.name() + " refuses an F16 cross-attention cache", () -> {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> model(ReferenceModels.MODELS.getFirst()).newSession(DType.F16));
                assertTrue(e.getMessage().contains(backend.name()) && e.getMessage().contains("F32"), e.getMessage());
            }));
        }
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest("a null cache type is refused", () -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> model(ReferenceModels.MODELS.getFirst()).newSession(null));
            assertTrue(e.getMessage().contains("cache type is null"), e.getMessage());
        }));
        for (String name : ReferenceModels.MODELS) {
            tests.add(DynamicTest.dynamicTest(name + " / jfk logits", () -> assertTeacherForcedLogits(name, DType.F16,
                    HALF_CROSS_CACHE_LOGITS_TOLERANCE, ", F16 cross-attention cache")));
            addDecodeCases(tests, name, DType.F16,
                    (decodeCase, result) -> decodeCase.assertTokensMatch(result, HALF_CROSS_CACHE_LOGIT_MOVE));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> longFormTranscriptionMatchesOpenai() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String name : ReferenceModels.MODELS) {
            JsonNode transcribe = Reference.json(ReferenceModels.expected(name, "transcribe.json"));
            for (JsonNode run : transcribe.get("runs")) {
                TranscribeRun transcribeRun = TranscribeRun.of(run);
                tests.add(DynamicTest.dynamicTest(name + " / " + transcribeRun.name(), () -> {
                    WhisperModel model = model(name);
                    WhisperTokenizer tokenizer = tokenizer(name);
                    MelSpectrogram mel = transcribeRun.mel(model.config().melCount());
                    try (WhisperSession session = model.newSession()) {
                        transcribeRun.assertMatches(transcribeRun.transcribe(session, tokenizer, mel));
                    }
                }));
            }
        }
        return tests.stream();
    }

    /** Word probability: README "word probability, transcribe". */
    static final double WORD_PROBABILITY_TOLERANCE = 2e-6;

    /** openai's raw {@code find_alignment} output per window of the word-timestamp runs: DTW input, path, words. */
    @TestFactory
    Stream<DynamicTest> wordAlignmentMatchesOpenai() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String name : ReferenceModels.MODELS) {
            JsonNode transcribe = Reference.json(ReferenceModels.expected(name, "transcribe.json"));
            for (JsonNode run : transcribe.get("runs")) {
                if (!run.get("name").asText().equals("primary_word_timestamps")) {
                    continue;
                }
                JsonNode alignments = run.get("alignments");
                for (int w = 0; w < alignments.size(); w++) {
                    int index = w;
                    tests.add(DynamicTest.dynamicTest(name + " / " + run.get("name").asText() + " / window " + w, () -> {
                        WhisperModel model = model(name);
                        WhisperTokenizer tokenizer = tokenizer(name);
                        TranscribeRun transcribeRun = TranscribeRun.of(run);
                        MelSpectrogram mel = transcribeRun.mel(model.config().melCount());
                        JsonNode window = run.get("windows").get(index).get("window");
                        JsonNode expected = alignments.get(index);
                        int[] text = new int[expected.get("text_tokens").size()];
                        for (int i = 0; i < text.length; i++) {
                            text[i] = expected.get("text_tokens").get(i).asInt();
                        }
                        Language language = Language.lookup(run.get("result").get("language").asText());
                        int[] sot = tokenizer.specialTokens().sotSequence(language, dev.earshot.api.prompt.WhisperTask.TRANSCRIBE);
                        try (WhisperSession session = model.newSession()) {
                            int seek = window.get("seek").asInt();
                            int size = window.get("segment_size").asInt();
                            session.encode(mel.window(seek, size, MelSpectrogram.FRAMES_PER_WINDOW).data());
                            var alignment = new dev.earshot.model.transcribe.WordAligner(tokenizer, model.alignmentHeads())
                                    .align(session, sot, text, expected.get("num_frames").asInt(), language);
                            var file = ReferenceModels.expected(name, "alignment.safetensors");
                            FloatTensor cost = Reference.tensor(file, "w" + index + ".dtw_cost_matrix");
                            Tolerance.assertClose(cost.data(), alignment.cost(), 1e-3, name + " DTW input, window " + index);
                            int[] path = Reference.intTensor(file, "w" + index + ".dtw_path");
                            int[] flat = new int[path.length];
                            System.arraycopy(alignment.path()[0], 0, flat, 0, alignment.path()[0].length);
                            System.arraycopy(alignment.path()[1], 0, flat, path.length / 2, alignment.path()[1].length);
                            org.junit.jupiter.api.Assertions.assertArrayEquals(path, flat, "DTW path, window " + index);
                            JsonNode words = expected.get("words");
                            assertEquals(words.size(), alignment.words().size(), "words in window " + index);
                            for (int i = 0; i < words.size(); i++) {
                                var actual = alignment.words().get(i);
                                JsonNode e = words.get(i);
                                assertEquals(e.get("word").asText(), actual.word());
                                assertEquals(e.get("start").asDouble(), actual.start(), 1e-9, "start of " + actual.word());
                                assertEquals(e.get("end").asDouble(), actual.end(), 1e-9, "end of " + actual.word());
                                assertEquals(e.get("probability").asDouble(), actual.probability(), WORD_PROBABILITY_TOLERANCE,
                                        "probability of " + actual.word());
                            }
                        }
                    }));
                }
            }
        }
        return tests.stream();
    }

    /** The three checkpoint formats hold the same values, so they must give the same numbers and tokens. */
    @TestFactory
    Stream<DynamicTest> everyCheckpointFormatGivesTheSameTranscript() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String name : ReferenceModels.MODELS) {
            for (String file : List.of("model.pt", "ggml-model.bin")) {
                tests.add(DynamicTest.dynamicTest(name + " / " + file, () -> {
                    WhisperModel reference = model(name);
                    WhisperTokenizer tokenizer = tokenizer(name);
                    float[] mel = ReferenceModels.decodeInputMel("jfk", reference.config().melCount()).data();
                    var options = dev.earshot.model.decoding.DecodingOptions.builder()
                            .language(tokenizer.layout().isMultilingual() ? null : Language.lookup("en")).build();
                    DecodingTask task = new DecodingTask(tokenizer, reference.config());
                    var expected = decodeOnce(reference, mel, task, options);
                    try (WhisperModel other = WhisperModel.load(ReferenceModels.modelDirectory(name).resolve(file), backend)) {
                        assertEquals(reference.config(), other.config());
                        var actual = decodeOnce(other, mel, task, options);
                        org.junit.jupiter.api.Assertions.assertArrayEquals(expected.firstLogits(), actual.firstLogits(),
                                file + ": same weights, same logits, bit for bit");
                        org.junit.jupiter.api.Assertions.assertArrayEquals(expected.result().tokens(), actual.result().tokens());
                        assertEquals(expected.result().text(), actual.result().text());
                    }
                }));
            }
        }
        return tests.stream();
    }

    private record Decoded(float[] firstLogits, dev.earshot.model.decoding.DecodingResult result) {
    }

    private static Decoded decodeOnce(WhisperModel model, float[] mel, DecodingTask task,
                                      dev.earshot.model.decoding.DecodingOptions options) {
        try (WhisperSession session = model.newSession()) {
            session.encode(mel);
            float[] logits = session.decode(model.vocabulary().specialTokens().sot());
            return new Decoded(logits, task.run(session, options));
        }
    }

    static UncheckedIOException unchecked(IOException e) {
        return new UncheckedIOException(e);
    }
}
