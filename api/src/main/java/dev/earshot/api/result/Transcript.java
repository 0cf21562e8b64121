package dev.earshot.api.result;

import dev.earshot.api.prompt.Language;

import java.util.List;

/**
 * The result of transcribing (or translating) an audio file: openai's {@code transcribe()} dict.
 *
 * @param text     the whole text, segments concatenated
 * @param segments in time order
 * @param language the language transcribed (given or detected)
 */
public record Transcript(String text, List<Segment> segments, Language language) {

    public Transcript {
        segments = List.copyOf(segments);
    }
}
