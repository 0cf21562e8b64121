package dev.earshot.model.decoding;

import dev.earshot.api.prompt.Language;
import dev.earshot.api.prompt.Prompt;
import dev.earshot.api.prompt.SpecialTokens;
import dev.earshot.api.result.LanguageProbabilities;
import dev.earshot.model.WhisperConfig;
import dev.earshot.model.WhisperSession;
import dev.earshot.model.tokenizer.PythonText;
import dev.earshot.model.tokenizer.WhisperTokenizer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * Decodes one window, written once for every backend (openai's {@code DecodingTask}): builds the prompt,
 * detects the language if asked, reads the no-speech probability from the first pass, then samples
 * token by token through the logit filters until end-of-text or the sample length.
 */
public final class DecodingTask {

    private final WhisperTokenizer tokenizer;
    private final SpecialTokens specials;
    private final WhisperConfig config;

    public DecodingTask(WhisperTokenizer tokenizer, WhisperConfig config) {
        this.tokenizer = tokenizer;
        this.specials = tokenizer.specialTokens();
        this.config = config;
        if (specials.vocabularySize() != config.vocabularySize()) {
            throw new IllegalArgumentException("tokenizer for " + specials.vocabularySize() + " tokens, model with "
                    + config.vocabularySize());
        }
    }

    /** Decodes the window the session last encoded. */
    public DecodingResult run(WhisperSession session, DecodingOptions options) {
        if (options.temperature() != 0) {
            throw new IllegalArgumentException("only greedy decoding (temperature 0) is available so far, not "
                    + options.temperature());
        }
        Language language = options.language();
        if (language == null) {
            LanguageProbabilities detected = LanguageDetector.detect(session, specials);
            language = detected.mostLikely();
        }
        int textContext = config.textContext();
        int sampleLength = options.sampleLength() != null ? options.sampleLength() : textContext / 2;
        Prompt.Builder builder = Prompt.builder(specials).textContext(textContext).language(language).task(options.task())
                .timestamps(!options.withoutTimestamps());
        if (options.prompt() != null) {
            builder.previousText(options.prompt());
        }
        if (options.prefix() != null) {
            builder.prefix(TokenSequences.lastTokens(options.prefix(), textContext / 2 - sampleLength));
        }
        Prompt prompt = builder.build();
        int[] initial = prompt.tokens();
        int sampleBegin = initial.length;
        List<LogitFilter> filters = filters(options, sampleBegin);

        session.rewind(0);
        float[] logits = new float[config.vocabularySize()];
        int sotIndex = prompt.sotIndex();
        session.decode(Arrays.copyOfRange(initial, 0, sotIndex + 1), logits);
        float noSpeechProbability = (float) softmaxAt(logits, specials.noSpeech());
        if (sotIndex + 1 < initial.length) {
            session.decode(Arrays.copyOfRange(initial, sotIndex + 1, initial.length), logits);
        }

        int[] sequence = Arrays.copyOf(initial, initial.length + sampleLength);
        int length = initial.length;
        float sumLogProbability = 0f;
        int[] next = new int[1];
        for (int step = 0; step < sampleLength; step++) {
            if (step > 0) {
                next[0] = sequence[length - 1];
                session.decode(next, logits);
            }
            for (LogitFilter filter : filters) {
                filter.apply(logits, sequence, length);
            }
            int token = argmax(logits);
            sumLogProbability += (float) logSoftmaxAt(logits, token);
            sequence[length++] = token;
            if (token == specials.eot() || length > textContext) {
                break;
            }
        }

        int end = sampleBegin;
        while (end < length && sequence[end] != specials.eot()) {
            end++;
        }
        int[] tokens = Arrays.copyOfRange(sequence, sampleBegin, end);
        String text = PythonText.strip(tokenizer.decode(tokens));
        return new DecodingResult(language, tokens, text, sumLogProbability / (tokens.length + 1.0), sumLogProbability,
                noSpeechProbability, options.temperature(), CompressionRatio.of(text));
    }

    private List<LogitFilter> filters(DecodingOptions options, int sampleBegin) {
        List<LogitFilter> filters = new ArrayList<>();
        if (options.suppressBlank()) {
            filters.add(new SuppressBlank(tokenizer.encodeOrdinary(" "), specials.eot(), sampleBegin));
        }
        int[] suppressed = suppressedTokens(options.suppressTokens());
        if (suppressed.length > 0) {
            filters.add(new SuppressTokens(suppressed));
        }
        if (!options.withoutTimestamps()) {
            Integer maxInitial = options.maxInitialTimestamp() == null ? null
                    : (int) Math.rint(options.maxInitialTimestamp() / SpecialTokens.TIMESTAMP_STEP_SECONDS);
            filters.add(new ApplyTimestampRules(specials, sampleBegin, maxInitial));
        }
        return filters;
    }

    /**
     * openai's {@code _get_suppress_tokens}: "-1" expands to the non-speech symbols; any non-empty set also
     * gets the task and control tokens; an empty set (openai's "" or []) means no filter at all.
     */
    int[] suppressedTokens(DecodingOptions.SuppressedTokens option) {
        TreeSet<Integer> ids = new TreeSet<>();
        switch (option) {
            case DecodingOptions.SuppressedTokens.NonSpeech nonSpeech -> {
                Arrays.stream(nonSpeech.extra()).forEach(ids::add);
                Arrays.stream(tokenizer.nonSpeechTokens()).forEach(ids::add);
            }
            case DecodingOptions.SuppressedTokens.Listed listed -> {
                if (listed.ids().length == 0) {
                    return new int[0];
                }
                Arrays.stream(listed.ids()).forEach(ids::add);
            }
        }
        for (int id : new int[] {specials.transcribe(), specials.translate(), specials.sot(), specials.sotPrev(),
                specials.sotLm(), specials.noSpeech()}) {
            ids.add(id);
        }
        for (int id : ids) {
            if (id < 0 || id >= config.vocabularySize()) {
                throw new IllegalArgumentException("suppressed token id " + id + " is outside the vocabulary [0, "
                        + config.vocabularySize() + ")");
            }
        }
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }

    /** First index of the largest value, as torch's argmax. */
    static int argmax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    static double logSumExp(float[] values) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : values) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (float v : values) {
            sum += Math.exp(v - max);
        }
        return max + Math.log(sum);
    }

    static double logSoftmaxAt(float[] logits, int index) {
        return logits[index] - logSumExp(logits);
    }

    static double softmaxAt(float[] logits, int index) {
        return Math.exp(logSoftmaxAt(logits, index));
    }
}
