package dev.earshot.backend.tck;

import com.fasterxml.jackson.databind.JsonNode;
import dev.earshot.api.prompt.Language;
import dev.earshot.api.prompt.WhisperTask;
import dev.earshot.model.decoding.DecodingOptions;
import dev.earshot.model.decoding.DecodingOptions.SuppressedTokens;
import dev.earshot.model.decoding.DecodingResult;
import dev.earshot.model.tokenizer.PythonText;
import dev.earshot.model.tokenizer.SpecialTokenPolicy;
import dev.earshot.model.tokenizer.WhisperTokenizer;

import java.util.Arrays;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * One {@code decode.json} case: openai's options, result and per-step trace. Tokens must be identical; a
 * difference is accepted only at a recorded near-tie (top-1/top-2 margin below {@link #NEAR_TIE}), and said.
 */
record DecodeCase(String name, String clip, JsonNode options, JsonNode result, JsonNode trace) {

    /** README: "a mismatch at a step whose margin is below ~1e-3 is a near-tie worth a warning". */
    static final double NEAR_TIE = 1e-3;
    static final double AVG_LOGPROB_TOLERANCE = 5e-5;
    static final double NO_SPEECH_RELATIVE_TOLERANCE = 1e-4;

    static DecodeCase of(JsonNode c) {
        return new DecodeCase(c.get("name").asText(), c.get("clip").asText(), c.get("options"), c.get("result"), c.get("trace"));
    }

    /** Cases at temperature 0, greedy or beam search: deterministic, so comparable token for token. */
    boolean isDeterministic() {
        return options.get("temperature").asDouble() == 0;
    }

    boolean isBeamSearch() {
        return !options.get("beam_size").isNull();
    }

    DecodingOptions options(WhisperTokenizer tokenizer) {
        DecodingOptions.Builder b = DecodingOptions.builder()
                .task(WhisperTask.fromCode(options.get("task").asText()))
                .language(options.get("language").isNull() ? null : Language.lookup(options.get("language").asText()))
                .sampleLength(options.get("sample_len").isNull() ? null : options.get("sample_len").asInt())
                .withoutTimestamps(options.get("without_timestamps").asBoolean())
                .maxInitialTimestamp(options.get("max_initial_timestamp").isNull() ? null
                        : options.get("max_initial_timestamp").asDouble())
                .suppressBlank(options.get("suppress_blank").asBoolean())
                .suppressTokens(suppressed(options.get("suppress_tokens").asText()))
                .beamSize(isBeamSearch() ? options.get("beam_size").asInt() : null)
                .patience(options.get("patience").isNull() ? null : options.get("patience").asDouble())
                .lengthPenalty(options.get("length_penalty").isNull() ? null : options.get("length_penalty").asDouble());
        if (!options.get("prompt").isNull()) {
            b.prompt(textTokens(tokenizer, options.get("prompt").asText()));
        }
        if (!options.get("prefix").isNull()) {
            b.prefix(textTokens(tokenizer, options.get("prefix").asText()));
        }
        return b.build();
    }

    /** openai encodes text prompts and prefixes as {@code " " + text.strip()}. */
    static int[] textTokens(WhisperTokenizer tokenizer, String text) {
        return tokenizer.encode(" " + PythonText.strip(text), SpecialTokenPolicy.DISALLOWED);
    }

    /** openai's {@code suppress_tokens} string: "-1", "", or comma-separated ids. */
    static SuppressedTokens suppressed(String spec) {
        if (spec.isBlank()) {
            return SuppressedTokens.none();
        }
        int[] ids = Arrays.stream(spec.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
        int[] positive = Arrays.stream(ids).filter(id -> id >= 0).toArray();
        return Arrays.stream(ids).anyMatch(id -> id == -1) ? new SuppressedTokens.NonSpeech(positive)
                : new SuppressedTokens.Listed(positive);
    }

    void assertMatches(DecodingResult actual) {
        if (differsAtANearTie(actual, NEAR_TIE, "")) {
            return;
        }
        assertEquals(result.get("avg_logprob").asDouble(), actual.averageLogProbability(), AVG_LOGPROB_TOLERANCE, "avg_logprob");
        double sumTolerance = Math.max(1e-3, 2e-5 * result.get("tokens").size());
        assertEquals(result.get("sum_logprob").asDouble(), actual.sumLogProbability(), sumTolerance, "sum_logprob");
        double noSpeech = result.get("no_speech_prob").asDouble();
        assertEquals(noSpeech, actual.noSpeechProbability(), NO_SPEECH_RELATIVE_TOLERANCE * noSpeech, "no_speech_prob");
        assertEquals(result.get("compression_ratio").asDouble(), actual.compressionRatio(), 1e-12, "compression_ratio");
    }

    /**
     * For a decode whose logits were knowingly moved by up to {@code logitMove} (a reduced-precision cache): the
     * tokens must be openai's wherever openai's recorded decision margin exceeds twice that move (two logits moving
     * apart by it each can flip no wider decision), and then the language and text too. Log probabilities are not
     * compared: they move with the logits.
     */
    void assertTokensMatch(DecodingResult actual, double logitMove) {
        differsAtANearTie(actual, Math.max(NEAR_TIE, 2 * logitMove), " for logits moved by " + logitMove);
    }

    /**
     * True if the tokens first differ from openai's at a step whose recorded margin is below {@code nearTie} (said on
     * stdout); fails if they differ anywhere else; if they are the same, checks the language and text and is false.
     */
    private boolean differsAtANearTie(DecodingResult actual, double nearTie, String cause) {
        int[] expected = IntStream.range(0, result.get("tokens").size()).map(i -> result.get("tokens").get(i).asInt()).toArray();
        int firstDifference = firstDifference(expected, actual.tokens());
        if (firstDifference >= 0) {
            double margin = marginAt(firstDifference);
            String where = "step " + firstDifference + ": expected " + Arrays.toString(expected) + ", got "
                    + Arrays.toString(actual.tokens()) + "; recorded margin there " + margin;
            if (margin < nearTie) {
                System.out.println("NEAR-TIE" + cause + " (accepted): " + name + "/" + clip + " differs at " + where);
                return true;
            }
            fail("tokens differ at " + where + " (not a near-tie" + cause + ": a bug)");
        }
        assertEquals(result.get("language").asText(), actual.language().code(), "language");
        assertEquals(result.get("text").asText(), actual.text(), "text");
        return false;
    }

    private static int firstDifference(int[] expected, int[] actual) {
        int common = Math.min(expected.length, actual.length);
        for (int i = 0; i < common; i++) {
            if (expected[i] != actual[i]) {
                return i;
            }
        }
        return expected.length == actual.length ? -1 : common;
    }

    /**
     * The smallest recorded decision margin at a step: the argmax margin or the timestamp rule's; for beam
     * search, whose steps do not map onto the chosen sequence's positions, the smallest gap of the whole search.
     */
    private double marginAt(int step) {
        if (isBeamSearch()) {
            JsonNode gap = trace.path("summary").path("min_beam_gap");
            return gap.isNumber() ? gap.asDouble() : Double.POSITIVE_INFINITY;
        }
        double margin = Double.POSITIVE_INFINITY;
        JsonNode steps = trace.path("steps").path("margin");
        if (step < steps.size() && !steps.get(step).isNull()) {
            margin = Math.min(margin, steps.get(step).asDouble());
        }
        JsonNode rule = trace.path("timestamp_rule");
        for (int i = 0; i < rule.path("step").size(); i++) {
            if (rule.get("step").get(i).asInt() == step && !rule.get("margin").get(i).isNull()) {
                margin = Math.min(margin, Math.abs(rule.get("margin").get(i).asDouble()));
            }
        }
        return margin;
    }
}
