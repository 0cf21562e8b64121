package dev.earshot.api.task;

import dev.earshot.api.prompt.Language;
import dev.earshot.api.prompt.WhisperTask;

import java.util.List;

/**
 * Long-form transcription of the whole audio with openai's {@code transcribe()} semantics, shaped by a task.
 *
 * @param task          transcribe or translate
 * @param language      null to detect it on the first window
 * @param timestamps    sample timestamp tokens (segments); false for text only
 * @param initialPrompt text to condition the first window on (spellings, vocabulary), or null
 * @param filters       extra logit filters, applied after the decoder's own every step
 */
public record TranscriptionRequest(WhisperTask task, Language language, boolean timestamps, String initialPrompt,
                                   List<LogitFilter> filters) {

    public TranscriptionRequest {
        filters = List.copyOf(filters);
    }

    public static TranscriptionRequest of(WhisperTask task, Language language) {
        return new TranscriptionRequest(task, language, true, null, List.of());
    }
}
