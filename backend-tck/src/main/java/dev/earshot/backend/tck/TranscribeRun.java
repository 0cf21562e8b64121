package dev.earshot.backend.tck;

import com.fasterxml.jackson.databind.JsonNode;
import dev.earshot.api.audio.MelSpectrogram;
import dev.earshot.api.prompt.Language;
import dev.earshot.api.result.Segment;
import dev.earshot.api.result.Transcript;
import dev.earshot.audio.AudioLoader;
import dev.earshot.audio.mel.LogMelSpectrogram;
import dev.earshot.model.WhisperSession;
import dev.earshot.model.decoding.DecodingOptions;
import dev.earshot.model.decoding.DecodingTask;
import dev.earshot.model.tokenizer.WhisperTokenizer;
import dev.earshot.model.transcribe.TranscribeOptions;
import dev.earshot.model.transcribe.Transcriber;
import dev.earshot.model.transcribe.WordTimestampOptions;
import dev.earshot.testkit.FloatTensor;
import dev.earshot.testkit.Reference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** One {@code transcribe.json} run: openai's {@code transcribe()} keyword arguments and result. */
record TranscribeRun(String name, String clip, JsonNode kwargs, JsonNode result) {

    /** Segment and word times are k·0.02 + offset in both implementations: README says 1e-9. */
    static final double TIME_TOLERANCE = 1e-9;

    static TranscribeRun of(JsonNode run) {
        return new TranscribeRun(run.get("name").asText(), run.get("clip").asText(), run.get("kwargs"), run.get("result"));
    }


    /** The spectrogram transcribe() slices: the whole clip plus 30 s of zero samples. */
    MelSpectrogram mel(int melCount) {
        var frontend = Reference.path("frontend", clip + ".safetensors");
        if (melCount == 80 && clip.equals("long_65s")) {
            FloatTensor stored = Reference.tensor(frontend, "log_mel_80_transcribe");
            return new MelSpectrogram(stored.dim(0), stored.dim(1), stored.data());
        }
        try {
            float[] samples = AudioLoader.load16kMono(Reference.path("audio", clip + ".wav"));
            return LogMelSpectrogram.whisper(melCount).compute(samples, LogMelSpectrogram.SAMPLES_PER_WINDOW);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Transcript transcribe(WhisperSession session, WhisperTokenizer tokenizer, MelSpectrogram mel) {
        DecodingOptions decoding = DecodingOptions.builder()
                .language(kwargs.has("language") ? Language.lookup(kwargs.get("language").asText()) : null)
                .build();
        TranscribeOptions defaults = TranscribeOptions.defaults(decoding);
        List<Double> clips = new ArrayList<>();
        if (kwargs.has("clip_timestamps")) {
            for (String t : kwargs.get("clip_timestamps").asText().split(",")) {
                clips.add(Double.parseDouble(t));
            }
        }
        TranscribeOptions options = new TranscribeOptions(decoding, List.of(kwargs.get("temperature").asDouble()),
                defaults.compressionRatioThreshold(),
                kwargs.has("no_speech_threshold") ? kwargs.get("no_speech_threshold").asDouble() : defaults.noSpeechThreshold(),
                kwargs.has("logprob_threshold") ? kwargs.get("logprob_threshold").asDouble() : defaults.logProbThreshold(),
                kwargs.path("condition_on_previous_text").asBoolean(true),
                kwargs.has("initial_prompt") ? DecodeCase.textTokens(tokenizer, kwargs.get("initial_prompt").asText()) : null,
                kwargs.path("carry_initial_prompt").asBoolean(false),
                clips,
                kwargs.path("word_timestamps").asBoolean(false) ? new WordTimestampOptions(WordTimestampOptions.DEFAULT_PREPEND,
                        WordTimestampOptions.DEFAULT_APPEND, kwargs.has("hallucination_silence_threshold")
                        ? kwargs.get("hallucination_silence_threshold").asDouble() : null) : null);
        return new Transcriber(tokenizer, new DecodingTask(tokenizer, session.model().config()))
                .transcribe(session, mel, options);
    }

    void assertMatches(Transcript actual) {
        assertEquals(result.get("language").asText(), actual.language().code(), name + ": language");
        JsonNode segments = result.get("segments");
        List<String> expectedSummary = new ArrayList<>();
        segments.forEach(s -> expectedSummary.add(s.get("seek").asInt() + ":" + s.get("tokens")));
        List<String> actualSummary = actual.segments().stream().map(s -> s.seek() + ":" + s.tokens().toString()
                .replace(" ", "")).toList();
        assertEquals(expectedSummary.toString().replace(" ", ""), actualSummary.toString().replace(" ", ""),
                name + ": segments (seek:tokens)");
        for (int i = 0; i < segments.size(); i++) {
            JsonNode e = segments.get(i);
            Segment a = actual.segments().get(i);
            String where = name + " segment " + i + ": ";
            assertEquals(e.get("id").asInt(), a.id(), where + "id");
            assertEquals(e.get("start").asDouble(), a.start(), TIME_TOLERANCE, where + "start");
            assertEquals(e.get("end").asDouble(), a.end(), TIME_TOLERANCE, where + "end");
            assertEquals(e.get("text").asText(), a.text(), where + "text");
            assertEquals(e.get("temperature").asDouble(), a.temperature(), where + "temperature");
            assertEquals(e.get("avg_logprob").asDouble(), a.averageLogProbability(), DecodeCase.AVG_LOGPROB_TOLERANCE,
                    where + "avg_logprob");
            double noSpeech = e.get("no_speech_prob").asDouble();
            assertEquals(noSpeech, a.noSpeechProbability(), DecodeCase.NO_SPEECH_RELATIVE_TOLERANCE * noSpeech,
                    where + "no_speech_prob");
            assertEquals(e.get("compression_ratio").asDouble(), a.compressionRatio(), 1e-12, where + "compression_ratio");
            if (e.has("words")) {
                JsonNode words = e.get("words");
                assertEquals(words.size(), a.words().size(), where + "words");
                for (int w = 0; w < words.size(); w++) {
                    JsonNode ew = words.get(w);
                    var aw = a.words().get(w);
                    assertEquals(ew.get("word").asText(), aw.word(), where + "word " + w);
                    assertEquals(ew.get("start").asDouble(), aw.start(), TIME_TOLERANCE, where + "start of word " + w);
                    assertEquals(ew.get("end").asDouble(), aw.end(), TIME_TOLERANCE, where + "end of word " + w);
                    assertEquals(ew.get("probability").asDouble(), aw.probability(), WhisperParitySuite.WORD_PROBABILITY_TOLERANCE,
                            where + "probability of word " + w);
                }
            } else {
                org.junit.jupiter.api.Assertions.assertNull(a.words(), where + "no words were asked for");
            }
        }
        assertEquals(result.get("text").asText(), actual.text(), name + ": text");
    }

    @Override
    public String toString() {
        return name + " " + clip + " " + Arrays.toString(new String[] {kwargs.toString()});
    }
}
