package dev.earshot.api.result;

import java.util.List;

/**
 * A stretch of transcribed audio between two timestamps (openai's segment dict).
 *
 * @param id               position in the transcript
 * @param seek             mel frame where the window that produced it started
 * @param start            seconds from the start of the audio
 * @param end              seconds from the start of the audio
 * @param text             decoded text tokens (leading space kept, as openai does)
 * @param tokens           the segment's tokens, timestamps included
 * @param temperature      the temperature of the decode that produced it
 * @param averageLogProbability that decode's average log-probability
 * @param compressionRatio that decode's compression ratio
 * @param noSpeechProbability that decode's no-speech probability
 * @param words            word timestamps, or null when they were not asked for (openai leaves the key out);
 *                         a segment emptied for being blank or instantaneous has an empty list, as in openai
 */
public record Segment(int id, int seek, double start, double end, String text, List<Integer> tokens, double temperature,
                      double averageLogProbability, double compressionRatio, double noSpeechProbability, List<Word> words) {

    public Segment {
        tokens = List.copyOf(tokens);
        words = words == null ? null : List.copyOf(words);
    }

    /** The same segment with another id (segments are numbered when they join a transcript). */
    public Segment withId(int newId) {
        return new Segment(newId, seek, start, end, text, tokens, temperature, averageLogProbability, compressionRatio,
                noSpeechProbability, words);
    }

    /** openai clears a segment that is instantaneous or has only blank text, keeping its times and scores. */
    public Segment cleared() {
        return new Segment(id, seek, start, end, "", List.of(), temperature, averageLogProbability, compressionRatio,
                noSpeechProbability, List.of());
    }
}
