package dev.earshot.model.tokenizer;

/** What {@link WhisperTokenizer#encode} does with text that spells a special token, such as {@code <|en|>}. */
public enum SpecialTokenPolicy {
    /**
     * Refuse it with {@link SpecialTokenInTextException}, as whisper's {@code Tokenizer.encode} does by default, so
     * that user text can never inject control tokens unnoticed.
     */
    DISALLOWED,
    /** Encode it as the ordinary characters it is made of ({@code disallowed_special=()}). */
    PLAIN,
    /** Emit the special token's id ({@code allowed_special="all"}). */
    ALLOWED
}
