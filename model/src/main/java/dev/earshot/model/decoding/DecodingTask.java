package dev.earshot.model.decoding;

import dev.earshot.api.prompt.Language;
import dev.earshot.api.prompt.Prompt;
import dev.earshot.api.prompt.SpecialTokens;
import dev.earshot.api.result.LanguageProbabilities;
import dev.earshot.api.task.LogitFilter;
import dev.earshot.model.WhisperConfig;
import dev.earshot.model.WhisperSession;
import dev.earshot.model.tokenizer.PythonText;
import dev.earshot.model.tokenizer.WhisperTokenizer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
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

    /** Decodes the window the session last encoded, with the prompt its options describe. */
    public DecodingResult run(WhisperSession session, DecodingOptions options) {
        Language language = options.language();
        if (language == null) {
            LanguageProbabilities detected = LanguageDetector.detect(session, specials);
            language = detected.mostLikely();
        }
        int textContext = config.textContext();
        int sampleLength = sampleLength(options);
        Prompt.Builder builder = Prompt.builder(specials).textContext(textContext).language(language).task(options.task())
                .timestamps(!options.withoutTimestamps());
        if (options.prompt() != null) {
            builder.previousText(options.prompt());
        }
        if (options.prefix() != null) {
            builder.prefix(TokenSequences.lastTokens(options.prefix(), textContext / 2 - sampleLength));
        }
        return run(session, options, builder.build(), language);
    }

    /**
     * Decodes the window the session last encoded from a prompt composed elsewhere (a task's); the options'
     * prompt, prefix and language are not used.
     */
    public DecodingResult run(WhisperSession session, DecodingOptions options, Prompt prompt, Language language) {
        int textContext = config.textContext();
        int sampleLength = sampleLength(options);
        int[] initial = prompt.tokens();
        int sampleBegin = initial.length;
        List<LogitFilter> filters = filters(options, sampleBegin);
        boolean beamSearch = options.temperature() == 0 && options.beamSize() != null;
        boolean bestOf = options.temperature() > 0 && options.bestOf() != null;
        int group = beamSearch ? options.beamSize() : bestOf ? options.bestOf() : 1;
        TokenDecoder decoder = beamSearch
                ? new BeamSearchDecoder(options.beamSize(), specials.eot(), options.patience() == null ? 1.0 : options.patience())
                : new GreedyDecoder(options.temperature(), specials.eot(), new SplittableRandom(options.seed()));

        // First pass: the prompt for every sequence; the no-speech probability is read at <|startoftranscript|>.
        int vocabulary = config.vocabularySize();
        float[] logits = new float[group * vocabulary];
        int sotIndex = prompt.sotIndex();
        session.rewind(0);
        session.decodeBatch(repeat(Arrays.copyOfRange(initial, 0, sotIndex + 1), group), group, logits);
        float noSpeechProbability = (float) Math.exp(LogProbabilities.logSoftmaxAt(logits, 0, vocabulary, specials.noSpeech()));
        if (sotIndex + 1 < initial.length) {
            session.decodeBatch(repeat(Arrays.copyOfRange(initial, sotIndex + 1, initial.length), group), group, logits);
        }

        Sequences sequences = new Sequences(initial, group, initial.length + sampleLength + 1);
        float[] row = new float[vocabulary];
        for (int step = 0; step < sampleLength; step++) {
            if (step > 0) {
                session.decodeBatch(sequences.lastTokens(), group, logits);
            }
            for (int b = 0; b < group; b++) {
                System.arraycopy(logits, b * vocabulary, row, 0, vocabulary);
                for (LogitFilter filter : filters) {
                    filter.apply(row, sequences.tokens[b], sequences.length);
                }
                System.arraycopy(row, 0, logits, b * vocabulary, vocabulary);
            }
            TokenDecoder.Step decided = decoder.update(sequences, logits);
            if (!isIdentity(decided.sources())) {
                session.reorderSequences(decided.sources());
            }
            if (decided.completed() || sequences.length > textContext) {
                break;
            }
        }

        List<Candidate> candidates = decoder.finish(sequences);
        int best = -1;
        double bestScore = Double.NEGATIVE_INFINITY;
        int[][] texts = new int[candidates.size()][];
        for (int i = 0; i < candidates.size(); i++) {
            int[] full = candidates.get(i).tokens();
            int end = sampleBegin;
            while (end < full.length && full[end] != specials.eot()) {
                end++;
            }
            texts[i] = Arrays.copyOfRange(full, sampleBegin, end);
            double score = rankingScore(candidates.get(i).sumLogProb(), texts[i].length, options.lengthPenalty());
            if (best < 0 || score > bestScore) {
                best = i;
                bestScore = score;
            }
        }
        int[] tokens = texts[best];
        float sumLogProbability = candidates.get(best).sumLogProb();
        String text = PythonText.strip(tokenizer.decode(tokens));
        return new DecodingResult(language, tokens, text, sumLogProbability / (tokens.length + 1.0), sumLogProbability,
                noSpeechProbability, options.temperature(), CompressionRatio.of(text));
    }

    private int sampleLength(DecodingOptions options) {
        return options.sampleLength() != null ? options.sampleLength() : config.textContext() / 2;
    }

    /** openai's {@code MaximumLikelihoodRanker}: log-probability over length, or over ((5 + length) / 6)^α. */
    static double rankingScore(double sumLogProb, int length, Double lengthPenalty) {
        double penalty = lengthPenalty == null ? length : Math.pow((5.0 + length) / 6.0, lengthPenalty);
        return sumLogProb / penalty;
    }

    private static int[] repeat(int[] tokens, int times) {
        int[] out = new int[tokens.length * times];
        for (int i = 0; i < times; i++) {
            System.arraycopy(tokens, 0, out, i * tokens.length, tokens.length);
        }
        return out;
    }

    private static boolean isIdentity(int[] sources) {
        for (int i = 0; i < sources.length; i++) {
            if (sources[i] != i) {
                return false;
            }
        }
        return true;
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
        filters.addAll(options.filters());
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




}
