package dev.earshot.api.prompt;

import java.util.Locale;

/** What the decoder is asked to do with the speech: write it down as spoken, or translate it to English. */
public enum WhisperTask {
    TRANSCRIBE("transcribe"),
    TRANSLATE("translate");

    private final String code;

    WhisperTask(String code) {
        this.code = code;
    }

    /** Whisper's name for the task, which is also the text inside its special token. */
    public String code() {
        return code;
    }

    /** The special-token text, e.g. {@code <|transcribe|>}. */
    public String tokenText() {
        return "<|" + code + "|>";
    }

    /**
     * The task with this name (case does not matter).
     *
     * @throws IllegalArgumentException naming the two valid tasks
     */
    public static WhisperTask fromCode(String code) {
        for (WhisperTask task : values()) {
            if (task.code.equals(code == null ? null : code.toLowerCase(Locale.ROOT))) {
                return task;
            }
        }
        throw new IllegalArgumentException("Unknown Whisper task '" + code + "'; use 'transcribe' or 'translate'.");
    }
}
