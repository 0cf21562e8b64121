package dev.earshot.api.prompt;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SequencedMap;

/**
 * The ids and texts of Whisper's special tokens in one vocabulary layout. They follow the BPE ranks in this order:
 * {@code <|endoftext|>}, {@code <|startoftranscript|>}, one token per language, {@code <|translate|>},
 * {@code <|transcribe|>}, {@code <|startoflm|>}, {@code <|startofprev|>}, {@code <|nospeech|>},
 * {@code <|notimestamps|>}, then the 1501 timestamps {@code <|0.00|>} … {@code <|30.00|>}.
 */
public final class SpecialTokens {

    /** Seconds between consecutive timestamp tokens. */
    public static final double TIMESTAMP_STEP_SECONDS = 0.02;
    /** Index of the last timestamp token, {@code <|30.00|>}. */
    public static final int LAST_TIMESTAMP_INDEX = VocabularyLayout.TIMESTAMP_COUNT - 1;
    /**
     * The name {@code <|nospeech|>} had before September 2022, still used by Hugging Face tokenizer files of the
     * pre-v3 models. It is accepted by {@link #idOf(String)} but is not a special token of the vocabulary: text
     * containing it is encoded as ordinary text.
     */
    public static final String NO_CAPTIONS_ALIAS = "<|nocaptions|>";

    private static final Map<VocabularyLayout, SpecialTokens> BY_LAYOUT = new EnumMap<>(VocabularyLayout.class);

    static {
        for (VocabularyLayout layout : VocabularyLayout.values()) {
            BY_LAYOUT.put(layout, new SpecialTokens(layout));
        }
    }

    private final VocabularyLayout layout;
    private final int eot;
    private final int sot;
    private final int firstLanguage;
    private final int translate;
    private final int transcribe;
    private final int sotLm;
    private final int sotPrev;
    private final int noSpeech;
    private final int noTimestamps;
    private final int timestampBegin;
    private final int timestampLast;
    /** Text of each special token, indexed by {@code id - eot}. */
    private final String[] textByOffset;
    private final SequencedMap<String, Integer> table;
    private final Map<String, Integer> aliases;

    private SpecialTokens(VocabularyLayout layout) {
        this.layout = layout;
        this.eot = layout.mergeableRankCount();
        this.sot = eot + 1;
        this.firstLanguage = sot + 1;
        this.translate = firstLanguage + layout.languageCount();
        this.transcribe = translate + 1;
        this.sotLm = transcribe + 1;
        this.sotPrev = sotLm + 1;
        this.noSpeech = sotPrev + 1;
        this.noTimestamps = noSpeech + 1;
        this.timestampBegin = noTimestamps + 1;
        this.timestampLast = timestampBegin + LAST_TIMESTAMP_INDEX;
        this.textByOffset = buildTexts();
        SequencedMap<String, Integer> byText = new LinkedHashMap<>();
        for (int offset = 0; offset < textByOffset.length; offset++) {
            byText.put(textByOffset[offset], eot + offset);
        }
        this.table = Collections.unmodifiableSequencedMap(byText);
        this.aliases = Map.of(NO_CAPTIONS_ALIAS, noSpeech);
    }

    private String[] buildTexts() {
        String[] texts = new String[layout.vocabularySize() - eot];
        texts[0] = "<|endoftext|>";
        texts[sot - eot] = "<|startoftranscript|>";
        for (Language language : layout.languages()) {
            texts[firstLanguage + language.index() - eot] = language.tokenText();
        }
        texts[translate - eot] = WhisperTask.TRANSLATE.tokenText();
        texts[transcribe - eot] = WhisperTask.TRANSCRIBE.tokenText();
        texts[sotLm - eot] = "<|startoflm|>";
        texts[sotPrev - eot] = "<|startofprev|>";
        texts[noSpeech - eot] = "<|nospeech|>";
        texts[noTimestamps - eot] = "<|notimestamps|>";
        for (int index = 0; index <= LAST_TIMESTAMP_INDEX; index++) {
            texts[timestampBegin + index - eot] = timestampText(index);
        }
        return texts;
    }

    /**
     * Whisper writes timestamps as {@code f"{i * 0.02:.2f}"}; integer centiseconds give the same digits without
     * floating-point rounding questions.
     */
    private static String timestampText(int index) {
        int centiseconds = 2 * index;
        return "<|" + centiseconds / 100 + "." + (centiseconds % 100 < 10 ? "0" : "") + centiseconds % 100 + "|>";
    }

    /** The special tokens of a layout (instances are shared). */
    public static SpecialTokens of(VocabularyLayout layout) {
        return BY_LAYOUT.get(layout);
    }

    public VocabularyLayout layout() {
        return layout;
    }

    public int vocabularySize() {
        return layout.vocabularySize();
    }

    /** {@code <|endoftext|>}: ends a transcript; also the first special id. */
    public int eot() {
        return eot;
    }

    /** {@code <|startoftranscript|>}. */
    public int sot() {
        return sot;
    }

    /** {@code <|translate|>}. */
    public int translate() {
        return translate;
    }

    /** {@code <|transcribe|>}. */
    public int transcribe() {
        return transcribe;
    }

    /** {@code <|startoflm|>}. */
    public int sotLm() {
        return sotLm;
    }

    /** {@code <|startofprev|>}: introduces the previous window's text. */
    public int sotPrev() {
        return sotPrev;
    }

    /** {@code <|nospeech|>}: its probability after {@code <|startoftranscript|>} says whether anyone speaks. */
    public int noSpeech() {
        return noSpeech;
    }

    /** {@code <|notimestamps|>}: asks for text without timestamp tokens. */
    public int noTimestamps() {
        return noTimestamps;
    }

    /** {@code <|0.00|>}, the first timestamp token. */
    public int timestampBegin() {
        return timestampBegin;
    }

    /** {@code <|30.00|>}, the last timestamp token and the last id of the vocabulary. */
    public int timestampLast() {
        return timestampLast;
    }

    /** The token of a task. */
    public int taskToken(WhisperTask task) {
        return task == WhisperTask.TRANSLATE ? translate : transcribe;
    }

    /**
     * The token of a language, e.g. {@code <|de|>}.
     *
     * @throws LanguageNotInVocabularyException for Cantonese before large-v3
     */
    public int languageToken(Language language) {
        if (!layout.hasLanguage(language)) {
            throw new LanguageNotInVocabularyException(language, layout);
        }
        return firstLanguage + language.index();
    }

    public boolean isLanguageToken(int id) {
        return id >= firstLanguage && id < translate;
    }

    /** The language whose token this is, if it is one. */
    public Optional<Language> languageOf(int id) {
        return isLanguageToken(id) ? Optional.of(Language.values()[id - firstLanguage]) : Optional.empty();
    }

    /** The language tokens of this vocabulary, in id order. */
    public int[] languageTokens() {
        int[] ids = new int[layout.languageCount()];
        Arrays.setAll(ids, i -> firstLanguage + i);
        return ids;
    }

    /**
     * The timestamp token {@code <|index × 0.02|>}.
     *
     * @throws IllegalArgumentException unless 0 ≤ index ≤ 1500
     */
    public int timestampToken(int index) {
        if (index < 0 || index > LAST_TIMESTAMP_INDEX) {
            throw new IllegalArgumentException("timestamp index " + index + " is outside 0…" + LAST_TIMESTAMP_INDEX
                    + " (Whisper's timestamps cover 0.00 … 30.00 s of one window in 0.02 s steps)");
        }
        return timestampBegin + index;
    }

    /**
     * The timestamp token nearest to a time within the 30 s window.
     *
     * @throws IllegalArgumentException if the time rounds to a step outside 0.00 … 30.00 s
     */
    public int timestampTokenNearest(double seconds) {
        double steps = Math.rint(seconds / TIMESTAMP_STEP_SECONDS);
        if (!(steps >= 0 && steps <= LAST_TIMESTAMP_INDEX)) {
            throw new IllegalArgumentException("time " + seconds + " s is outside a Whisper window (0.00 … 30.00 s)");
        }
        return timestampBegin + (int) steps;
    }

    /** Whether the id is a timestamp token, {@code <|0.00|>} … {@code <|30.00|>}. */
    public boolean isTimestamp(int id) {
        return id >= timestampBegin && id <= timestampLast;
    }

    /**
     * The time a timestamp token stands for, in seconds from the start of the window.
     *
     * @throws IllegalArgumentException if the id is not a timestamp token
     */
    public double timestampSeconds(int id) {
        if (!isTimestamp(id)) {
            throw new IllegalArgumentException("token " + id + " is not a timestamp token (" + timestampBegin + "…"
                    + timestampLast + ")");
        }
        return (id - timestampBegin) * TIMESTAMP_STEP_SECONDS;
    }

    /** Whether the id is one of the special tokens (everything from {@code <|endoftext|>} on). */
    public boolean isSpecial(int id) {
        return id >= eot && id < layout.vocabularySize();
    }

    /**
     * The text of a special token, e.g. {@code <|startoftranscript|>} or {@code <|1.08|>}.
     *
     * @throws IllegalArgumentException if the id is not a special token
     */
    public String text(int id) {
        if (!isSpecial(id)) {
            throw new IllegalArgumentException("token " + id + " is not a special token of the " + layout.description()
                    + " vocabulary (" + eot + "…" + (layout.vocabularySize() - 1) + ")");
        }
        return textByOffset[id - eot];
    }

    /** The id of a special token's text, also accepting the alias {@code <|nocaptions|>}. */
    public OptionalInt idOf(String text) {
        Integer id = table.get(text);
        if (id == null) {
            id = aliases.get(text);
        }
        return id == null ? OptionalInt.empty() : OptionalInt.of(id);
    }

    /** Every special token of the vocabulary, text → id, in id order. Aliases are not included. */
    public SequencedMap<String, Integer> table() {
        return table;
    }

    /** Other names for special tokens ({@code <|nocaptions|>}), text → id. */
    public Map<String, Integer> aliases() {
        return aliases;
    }

    /**
     * The start of every decoder prompt: {@code <|startoftranscript|>}, then the language and the task when given.
     * English-only models were trained on {@code <|startoftranscript|>} alone, so for them language and task are
     * left out whatever is asked, as openai/whisper does.
     *
     * @param language the spoken language, or null to leave it out (e.g. to detect it)
     * @param task     the task, or null to leave it out
     * @throws LanguageNotInVocabularyException if the vocabulary has no token for the language
     */
    public int[] sotSequence(Language language, WhisperTask task) {
        if (!layout.isMultilingual()) {
            return new int[] {sot};
        }
        int[] sequence = new int[1 + (language == null ? 0 : 1) + (task == null ? 0 : 1)];
        int length = 0;
        sequence[length++] = sot;
        if (language != null) {
            sequence[length++] = languageToken(language);
        }
        if (task != null) {
            sequence[length] = taskToken(task);
        }
        return sequence;
    }

    /** {@link #sotSequence(Language, WhisperTask)} followed by {@code <|notimestamps|>}. */
    public int[] sotSequenceIncludingNoTimestamps(Language language, WhisperTask task) {
        int[] sequence = sotSequence(language, task);
        int[] withNoTimestamps = Arrays.copyOf(sequence, sequence.length + 1);
        withNoTimestamps[sequence.length] = noTimestamps;
        return withNoTimestamps;
    }

    @Override
    public String toString() {
        return "SpecialTokens[" + layout + ", eot=" + eot + ", vocabulary=" + layout.vocabularySize() + "]";
    }
}
