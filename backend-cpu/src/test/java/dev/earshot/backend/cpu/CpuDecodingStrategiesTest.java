package dev.earshot.backend.cpu;

import dev.earshot.api.audio.MelSpectrogram;
import dev.earshot.api.backend.Backend;
import dev.earshot.api.backend.BackendOptions;
import dev.earshot.api.prompt.Language;
import dev.earshot.api.result.Segment;
import dev.earshot.api.result.Transcript;
import dev.earshot.backend.tck.ReferenceModels;
import dev.earshot.model.WhisperModel;
import dev.earshot.model.WhisperSession;
import dev.earshot.model.decoding.DecodingOptions;
import dev.earshot.model.decoding.DecodingResult;
import dev.earshot.model.decoding.DecodingTask;
import dev.earshot.model.tokenizer.WhisperTokenizer;
import dev.earshot.model.transcribe.TranscribeOptions;
import dev.earshot.model.transcribe.Transcriber;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Sampling, best-of and temperature fallback, which the reference cannot pin down (they follow PyTorch's
 * random numbers): checked for repeatability and for taking the documented path.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CpuDecodingStrategiesTest {

    private Backend backend;
    private WhisperModel model;
    private WhisperTokenizer tokenizer;

    @BeforeAll
    void load() throws Exception {
        backend = new CpuBackendProvider().open(BackendOptions.defaults());
        model = WhisperModel.load(ReferenceModels.modelDirectory("toy-multi"), backend);
        tokenizer = ReferenceModels.tokenizer(model.vocabulary());
    }

    @AfterAll
    void close() {
        model.close();
        backend.close();
    }

    @Test
    void samplingIsRepeatableForASeedAndBestOfRanksSeveralSamples() {
        DecodingOptions sampling = DecodingOptions.builder().language(Language.lookup("en")).temperature(0.8)
                .withoutTimestamps(true).bestOf(3).seed(42).build();
        try (WhisperSession session = model.newSession()) {
            session.encode(ReferenceModels.decodeInputMel("jfk", 80).data());
            DecodingTask task = new DecodingTask(tokenizer, model.config());
            DecodingResult first = task.run(session, sampling);
            DecodingResult again = task.run(session, sampling);
            assertArrayEquals(first.tokens(), again.tokens(), "same seed, same samples");
            assertEquals(0.8, first.temperature());

            DecodingResult greedy = task.run(session, sampling.toBuilder().temperature(0).build());
            DecodingResult plainGreedy = task.run(session, DecodingOptions.builder().language(Language.lookup("en"))
                    .withoutTimestamps(true).build());
            assertArrayEquals(plainGreedy.tokens(), greedy.tokens(), "best-of does not change greedy decoding");
        }
    }

    @Test
    void improbableWindowsFallBackThroughTheTemperatures() {
        MelSpectrogram mel = ReferenceModels.decodeInputMel("tts_en_1", 80);
        MelSpectrogram padded = new MelSpectrogram(mel.melCount(), 2 * mel.frameCount(),
                mel.window(0, mel.frameCount(), 2 * mel.frameCount()).data());
        DecodingOptions decoding = DecodingOptions.builder().language(Language.lookup("en")).bestOf(2).seed(7).build();
        Transcriber transcriber = new Transcriber(tokenizer, new DecodingTask(tokenizer, model.config()));
        try (WhisperSession session = model.newSession()) {
            // Random weights: every window's average log-probability is about −4, below the −1 threshold.
            Transcript fellBack = transcriber.transcribe(session, padded, TranscribeOptions.defaults(decoding));
            for (Segment s : fellBack.segments()) {
                assertEquals(1.0, s.temperature(), 1e-12, "every temperature was tried, the last one kept");
            }
            TranscribeOptions noThresholds = new TranscribeOptions(decoding, TranscribeOptions.FALLBACK_TEMPERATURES,
                    null, null, null, true, null, false, List.of(), null);
            Transcript firstTry = transcriber.transcribe(session, padded, noThresholds);
            for (Segment s : firstTry.segments()) {
                assertEquals(0.0, s.temperature(), "without thresholds the first temperature stands");
            }
        }
    }
}
