package dev.earshot.model.transcribe;

/**
 * Word-level timestamps in {@code transcribe()}, with openai's defaults.
 *
 * @param prependPunctuations          merged into the following word
 * @param appendPunctuations           merged into the preceding word
 * @param hallucinationSilenceThreshold skip silences longer than this (seconds) around a likely hallucination, or
 *                                      null to never
 */
public record WordTimestampOptions(String prependPunctuations, String appendPunctuations,
                                   Double hallucinationSilenceThreshold) {

    public static final String DEFAULT_PREPEND = "\"'“¿([{-";
    public static final String DEFAULT_APPEND = "\"'.。,，!！?？:：”)]}、";

    public static WordTimestampOptions defaults() {
        return new WordTimestampOptions(DEFAULT_PREPEND, DEFAULT_APPEND, null);
    }
}
