package dev.earshot.model.transcribe;

import dev.earshot.api.result.Segment;
import dev.earshot.api.result.Word;

import java.util.List;

/**
 * A segment while its window is being processed: word timestamps move its start and end, the hallucination
 * check may drop it. Becomes a {@link Segment} when the window is done.
 */
final class DraftSegment {

    final int seek;
    double start;
    double end;
    String text;
    List<Integer> tokens;
    final double temperature;
    final double averageLogProbability;
    final double compressionRatio;
    final double noSpeechProbability;
    List<Word> words; // null until word timestamps are added

    DraftSegment(int seek, double start, double end, String text, List<Integer> tokens, double temperature,
                 double averageLogProbability, double compressionRatio, double noSpeechProbability) {
        this.seek = seek;
        this.start = start;
        this.end = end;
        this.text = text;
        this.tokens = tokens;
        this.temperature = temperature;
        this.averageLogProbability = averageLogProbability;
        this.compressionRatio = compressionRatio;
        this.noSpeechProbability = noSpeechProbability;
    }

    boolean hasWords() {
        return words != null && !words.isEmpty();
    }

    Segment toSegment(int id) {
        return new Segment(id, seek, start, end, text, tokens, temperature, averageLogProbability, compressionRatio,
                noSpeechProbability, words);
    }
}
