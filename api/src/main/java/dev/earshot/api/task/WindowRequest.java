package dev.earshot.api.task;

import dev.earshot.api.prompt.Prompt;

import java.util.List;

/**
 * Decoding of one 30 s window with a prompt the task composed itself.
 *
 * @param startSeconds where the window starts in the audio
 * @param prompt       the full prompt (previous text, sot, language, task, notimestamps, prefix), built with
 *                     {@link Prompt#builder}
 * @param sampleLength most tokens to sample
 * @param filters      extra logit filters, after the decoder's own (suppress blank, non-speech, timestamp rules)
 */
public record WindowRequest(double startSeconds, Prompt prompt, int sampleLength, List<LogitFilter> filters) {

    public WindowRequest {
        if (!(startSeconds >= 0)) {
            throw new IllegalArgumentException("window start must be >= 0 s, not " + startSeconds);
        }
        if (sampleLength <= 0) {
            throw new IllegalArgumentException("sample length must be positive");
        }
        filters = List.copyOf(filters);
    }
}
