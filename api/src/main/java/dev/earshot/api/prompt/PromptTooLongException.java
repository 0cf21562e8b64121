package dev.earshot.api.prompt;

/** A prompt that leaves the decoder no room to write anything. */
public class PromptTooLongException extends IllegalArgumentException {

    PromptTooLongException(int promptLength, int textContext) {
        super("The prompt has " + promptLength + " tokens, but the model's text context holds " + textContext
                + " and the decoder needs at least one free position to write into. Shorten the prefix (previous text is already cut to its "
                + "last " + (textContext / 2 - 1) + " tokens).");
    }
}
