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
 */
public record Segment(int id, int seek, double start, double end, String text, List<Integer> tokens, double temperature,
                      double averageLogProbability, double compressionRatio, double noSpeechProbability) {

    public Segment {
        tokens = List.copyOf(tokens);
    }

    /** The same segment with another id (segments are numbered when they join a transcript). */
    public Segment withId(int newId) {
        return new Segment(newId, seek, start, end, text, tokens, temperature, averageLogProbability, compressionRatio,
                noSpeechProbability);
    }
}
