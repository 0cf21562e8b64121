package dev.earshot.model.transcribe;

import dev.earshot.api.audio.MelSpectrogram;
import dev.earshot.api.result.Word;

import java.util.List;

/**
 * openai's {@code hallucination_silence_threshold}: a segment whose words are improbable, very short or very long
 * is a likely hallucination; when it is surrounded by silence (or other such segments) the window restarts
 * after the silence and the segment is dropped.
 *
 * @param seek       where the next window starts, or null to leave it
 * @param skipWindow true when the whole window is dropped (its first segment was a hallucination after silence)
 */
record HallucinationSkip(Integer seek, boolean skipWindow) {

    /** Punctuation that does not count as a word when scoring (openai's transcribe() list). */
    private static final String PUNCTUATION = "\"'“¿([{-\"'.。,，!！?？:：”)]}、";

    static HallucinationSkip check(List<DraftSegment> segments, double threshold, boolean singleTimestampEnding,
                                   double timeOffset, int previousSeek, int segmentSize, double lastSpeechTimestamp,
                                   int contentFrames) {
        Integer seek = null;
        double windowEndTime = (previousSeek + MelSpectrogram.FRAMES_PER_WINDOW) * 160 / 16000.0;
        double segmentDuration = segmentSize * 160 / 16000.0;
        double contentDuration = contentFrames * 160 / 16000.0;
        if (!singleTimestampEnding) {
            Double lastWordEnd = Transcriber.lastEnd(segments);
            if (lastWordEnd != null && lastWordEnd > timeOffset) {
                double remaining = windowEndTime - lastWordEnd;
                seek = remaining > threshold ? (int) Math.rint(lastWordEnd * MelSpectrogram.FRAMES_PER_SECOND)
                        : previousSeek + segmentSize;
            }
        }
        DraftSegment first = nextWithWords(segments, 0);
        if (first != null && isAnomaly(first)) {
            double gap = first.start - timeOffset;
            if (gap > threshold) {
                return new HallucinationSkip(previousSeek + (int) Math.rint(gap * MelSpectrogram.FRAMES_PER_SECOND), true);
            }
        }
        double lastEnd = lastSpeechTimestamp;
        for (int i = 0; i < segments.size(); i++) {
            DraftSegment segment = segments.get(i);
            if (!segment.hasWords()) {
                continue;
            }
            if (isAnomaly(segment)) {
                DraftSegment next = nextWithWords(segments, i + 1);
                double nextStart = next != null ? next.words.getFirst().start() : timeOffset + segmentDuration;
                boolean silenceBefore = segment.start - lastEnd > threshold || segment.start < threshold
                        || segment.start - timeOffset < 2.0;
                boolean silenceAfter = nextStart - segment.end > threshold || isAnomaly(next)
                        || windowEndTime - segment.end < 2.0;
                if (silenceBefore && silenceAfter) {
                    seek = (int) Math.rint(Math.max(timeOffset + 1, segment.start) * MelSpectrogram.FRAMES_PER_SECOND);
                    if (contentDuration - segment.end < threshold) {
                        seek = contentFrames;
                    }
                    segments.subList(i, segments.size()).clear();
                    break;
                }
            }
            lastEnd = segment.end;
        }
        return new HallucinationSkip(seek, false);
    }

    private static DraftSegment nextWithWords(List<DraftSegment> segments, int from) {
        for (int i = from; i < segments.size(); i++) {
            if (segments.get(i).hasWords()) {
                return segments.get(i);
            }
        }
        return null;
    }

    /** Long, very short or improbable words; a segment is anomalous when its first 8 words score high. */
    private static boolean isAnomaly(DraftSegment segment) {
        if (segment == null || !segment.hasWords()) {
            return false;
        }
        List<Word> words = segment.words.stream().filter(w -> !PUNCTUATION.contains(w.word())).limit(8).toList();
        double score = 0;
        for (Word w : words) {
            score += anomalyScore(w);
        }
        return score >= 3 || score + 0.01 >= words.size();
    }

    private static double anomalyScore(Word word) {
        double duration = word.end() - word.start();
        double score = 0;
        if (word.probability() < 0.15) {
            score += 1.0;
        }
        if (duration < 0.133) {
            score += (0.133 - duration) * 15;
        }
        if (duration > 2.0) {
            score += duration - 2.0;
        }
        return score;
    }
}
