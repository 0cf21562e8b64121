package dev.earshot.evaluation.wer;

/** One step of an alignment between a reference and a hypothesis. */
public enum EditOperation {
    /** The same word in both. */
    HIT("H"),
    /** A reference word recognised as a different word. */
    SUBSTITUTION("S"),
    /** A reference word missing from the hypothesis. */
    DELETION("D"),
    /** A hypothesis word with no reference word. */
    INSERTION("I");

    private final String code;

    EditOperation(String code) {
        this.code = code;
    }

    /** The one-letter code used in reports: H, S, D or I. */
    public String code() {
        return code;
    }
}
