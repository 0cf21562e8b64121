package dev.earshot.model.tokenizer;

/** Text given to {@link SpecialTokenPolicy#DISALLOWED} encoding that contains a special token's spelling. */
public class SpecialTokenInTextException extends IllegalArgumentException {

    private final String specialToken;
    private final int position;

    SpecialTokenInTextException(String specialToken, int position) {
        super("The text contains the special token " + specialToken + " at index " + position + ". Encode it with "
                + "SpecialTokenPolicy.PLAIN to treat it as ordinary characters, or SpecialTokenPolicy.ALLOWED to "
                + "encode it as the special token.");
        this.specialToken = specialToken;
        this.position = position;
    }

    /** The first special token found, e.g. {@code <|endoftext|>}. */
    public String specialToken() {
        return specialToken;
    }

    /** Its index (in UTF-16 units) in the text after lone surrogates were replaced. */
    public int position() {
        return position;
    }
}
