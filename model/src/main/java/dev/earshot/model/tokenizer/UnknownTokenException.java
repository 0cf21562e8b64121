package dev.earshot.model.tokenizer;

/** A token id outside the vocabulary, passed to a decode. */
public class UnknownTokenException extends IllegalArgumentException {

    private final int tokenId;

    UnknownTokenException(int tokenId, int vocabularySize) {
        super("invalid token id " + tokenId + ": the vocabulary has ids 0…" + (vocabularySize - 1)
                + ". The tokens come from a different model or vocabulary than this tokenizer.");
        this.tokenId = tokenId;
    }

    public int tokenId() {
        return tokenId;
    }
}
