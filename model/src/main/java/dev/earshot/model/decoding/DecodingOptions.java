package dev.earshot.model.decoding;

import dev.earshot.api.prompt.Language;
import dev.earshot.api.prompt.WhisperTask;

import dev.earshot.api.task.LogitFilter;

import java.util.Arrays;
import java.util.List;

/**
 * Options for decoding one 30 s window, with openai's {@code DecodingOptions} defaults. Build with
 * {@link #builder()}.
 *
 * @param task                 transcribe (default) or translate to English
 * @param language             the spoken language, or null to detect it (multilingual models only)
 * @param temperature          0 for greedy decoding
 * @param sampleLength         most tokens to sample, or null for half the text context (224)
 * @param withoutTimestamps    true for text only; false (default) interleaves timestamp tokens
 * @param maxInitialTimestamp  latest first timestamp in seconds (default 1.0), or null for no limit
 * @param suppressTokens       which ids never to sample (besides the special tokens, always suppressed)
 * @param suppressBlank        forbid a blank or empty first token (default true)
 * @param prompt               previous text as tokens, or null; goes after {@code <|startofprev|>}
 * @param prefix               tokens the output must start with, or null
 * @param beamSize             beams for beam search, used at temperature 0 (ignored above, as transcribe's
 *                             fallback drops it), or null for greedy
 * @param patience             beam search keeps going until round(beamSize·patience) candidates finished (default 1)
 * @param lengthPenalty        null ranks candidates by log-probability / length; α ranks by / ((5+length)/6)^α
 * @param bestOf               how many samples to draw and rank, used at temperature > 0 (ignored at 0), or null
 *                             for one
 * @param seed                 seeds the sampler at temperature > 0, so a run can be repeated
 * @param filters              a task's own logit filters, applied after the built-in ones every step
 */
public record DecodingOptions(WhisperTask task, Language language, double temperature, Integer sampleLength,
                              boolean withoutTimestamps, Double maxInitialTimestamp, SuppressedTokens suppressTokens,
                              boolean suppressBlank, int[] prompt, int[] prefix, Integer beamSize, Double patience,
                              Double lengthPenalty, Integer bestOf, long seed, List<LogitFilter> filters) {

    /** The {@code suppress_tokens} option: {@code "-1"} (non-speech symbols), none, or an explicit list. */
    public sealed interface SuppressedTokens {
        /** openai's {@code "-1"}: the non-speech symbols, plus {@code extra}. */
        record NonSpeech(int[] extra) implements SuppressedTokens {
        }

        /** Exactly these ids (an empty list suppresses only the special tokens). */
        record Listed(int[] ids) implements SuppressedTokens {
        }

        static SuppressedTokens nonSpeech() {
            return new NonSpeech(new int[0]);
        }

        static SuppressedTokens none() {
            return new Listed(new int[0]);
        }
    }

    public DecodingOptions {
        if (task == null) {
            throw new IllegalArgumentException("task must be given");
        }
        if (!(temperature >= 0)) {
            throw new IllegalArgumentException("temperature must be >= 0, not " + temperature);
        }
        if (sampleLength != null && sampleLength <= 0) {
            throw new IllegalArgumentException("sample length must be positive, not " + sampleLength);
        }
        if (maxInitialTimestamp != null && maxInitialTimestamp < 0) {
            throw new IllegalArgumentException("max initial timestamp must be >= 0 s, not " + maxInitialTimestamp);
        }
        if (suppressTokens == null) {
            throw new IllegalArgumentException("suppressTokens must be given (SuppressedTokens.none() for none)");
        }
        if (beamSize != null && beamSize < 1 || bestOf != null && bestOf < 1) {
            throw new IllegalArgumentException("beam size and best-of must be at least 1");
        }
        if (patience != null && (beamSize == null || !(patience > 0))) {
            throw new IllegalArgumentException("patience needs beam search and must be > 0");
        }
        filters = filters == null ? List.of() : List.copyOf(filters);
        prompt = prompt == null ? null : prompt.clone();
        prefix = prefix == null ? null : prefix.clone();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.task = task;
        b.language = language;
        b.temperature = temperature;
        b.sampleLength = sampleLength;
        b.withoutTimestamps = withoutTimestamps;
        b.maxInitialTimestamp = maxInitialTimestamp;
        b.suppressTokens = suppressTokens;
        b.suppressBlank = suppressBlank;
        b.prompt = prompt;
        b.prefix = prefix;
        b.beamSize = beamSize;
        b.patience = patience;
        b.lengthPenalty = lengthPenalty;
        b.bestOf = bestOf;
        b.seed = seed;
        b.filters = filters;
        return b;
    }

    @Override
    public String toString() {
        return "DecodingOptions[task=" + task + ", language=" + (language == null ? "detect" : language.code())
                + ", temperature=" + temperature + ", sampleLength=" + sampleLength + ", withoutTimestamps="
                + withoutTimestamps + ", maxInitialTimestamp=" + maxInitialTimestamp + ", suppressBlank=" + suppressBlank
                + ", prompt=" + Arrays.toString(prompt) + ", prefix=" + Arrays.toString(prefix) + ", beamSize=" + beamSize
                + ", patience=" + patience + ", lengthPenalty=" + lengthPenalty + ", bestOf=" + bestOf + ", seed=" + seed + "]";
    }

    /** Starts from openai's defaults. */
    public static final class Builder {
        private WhisperTask task = WhisperTask.TRANSCRIBE;
        private Language language;
        private double temperature;
        private Integer sampleLength;
        private boolean withoutTimestamps;
        private Double maxInitialTimestamp = 1.0;
        private SuppressedTokens suppressTokens = SuppressedTokens.nonSpeech();
        private boolean suppressBlank = true;
        private int[] prompt;
        private int[] prefix;
        private Integer beamSize;
        private Double patience;
        private Double lengthPenalty;
        private Integer bestOf;
        private long seed;
        private List<LogitFilter> filters = List.of();

        public Builder task(WhisperTask task) {
            this.task = task;
            return this;
        }

        public Builder language(Language language) {
            this.language = language;
            return this;
        }

        public Builder temperature(double temperature) {
            this.temperature = temperature;
            return this;
        }

        public Builder sampleLength(Integer sampleLength) {
            this.sampleLength = sampleLength;
            return this;
        }

        public Builder withoutTimestamps(boolean withoutTimestamps) {
            this.withoutTimestamps = withoutTimestamps;
            return this;
        }

        public Builder maxInitialTimestamp(Double seconds) {
            this.maxInitialTimestamp = seconds;
            return this;
        }

        public Builder suppressTokens(SuppressedTokens suppressTokens) {
            this.suppressTokens = suppressTokens;
            return this;
        }

        public Builder suppressBlank(boolean suppressBlank) {
            this.suppressBlank = suppressBlank;
            return this;
        }

        public Builder prompt(int[] tokens) {
            this.prompt = tokens;
            return this;
        }

        public Builder prefix(int[] tokens) {
            this.prefix = tokens;
            return this;
        }

        public Builder beamSize(Integer beamSize) {
            this.beamSize = beamSize;
            return this;
        }

        public Builder patience(Double patience) {
            this.patience = patience;
            return this;
        }

        public Builder lengthPenalty(Double lengthPenalty) {
            this.lengthPenalty = lengthPenalty;
            return this;
        }

        public Builder bestOf(Integer bestOf) {
            this.bestOf = bestOf;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder filters(List<LogitFilter> filters) {
            this.filters = filters;
            return this;
        }

        public DecodingOptions build() {
            return new DecodingOptions(task, language, temperature, sampleLength, withoutTimestamps, maxInitialTimestamp,
                    suppressTokens, suppressBlank, prompt, prefix, beamSize, patience, lengthPenalty, bestOf, seed, filters);
        }
    }
}
