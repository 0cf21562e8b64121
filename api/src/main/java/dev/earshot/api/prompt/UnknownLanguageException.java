package dev.earshot.api.prompt;

/** A language name or code that Whisper does not know. */
public class UnknownLanguageException extends IllegalArgumentException {

    private final String requested;

    UnknownLanguageException(String requested, String validCodes) {
        super("Unknown language " + (requested == null ? "(none given)" : "'" + requested + "'")
                + ". Give a Whisper language code or its English name (case does not matter), e.g. 'en', 'de', "
                + "'german', 'castilian'. The codes are: " + validCodes
                + ". Language.all() lists them with their names.");
        this.requested = requested;
    }

    /** What the caller asked for, as given (may be null). */
    public String requested() {
        return requested;
    }
}
