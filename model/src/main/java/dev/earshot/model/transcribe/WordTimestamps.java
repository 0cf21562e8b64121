package dev.earshot.model.transcribe;

import dev.earshot.api.prompt.Language;
import dev.earshot.api.result.Word;
import dev.earshot.model.WhisperSession;
import dev.earshot.model.tokenizer.PythonText;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * openai's {@code add_word_timestamps}: aligns a window's words, caps words at sentence ends to twice the
 * median word length, merges punctuation into neighbouring words, then reconciles each segment's start and
 * end with its first and last word.
 */
final class WordTimestamps {

    private static final String SENTENCE_END_MARKS = ".。!！?？";

    private WordTimestamps() {
    }

    /** A word being adjusted. */
    private static final class Timing {
        String word;
        List<Integer> tokens;
        double start;
        double end;
        final double probability;

        Timing(WordTiming t) {
            word = t.word();
            tokens = t.tokens();
            start = t.start();
            end = t.end();
            probability = t.probability();
        }
    }

    /** Adds {@code words} to every segment of one window (all from the same seek). */
    static void add(List<DraftSegment> segments, WordAligner aligner, WhisperSession session, int[] sotSequence,
                    int frames, Language language, WordTimestampOptions options, double lastSpeechTimestamp, int eot) {
        if (segments.isEmpty()) {
            return;
        }
        List<int[]> textTokensPerSegment = new ArrayList<>();
        List<Integer> allText = new ArrayList<>();
        for (DraftSegment s : segments) {
            int[] text = s.tokens.stream().mapToInt(Integer::intValue).filter(t -> t < eot).toArray();
            textTokensPerSegment.add(text);
            Arrays.stream(text).forEach(allText::add);
        }
        List<Timing> alignment = new ArrayList<>();
        for (WordTiming t : aligner.align(session, sotSequence, allText.stream().mapToInt(Integer::intValue).toArray(),
                frames, language).words()) {
            alignment.add(new Timing(t));
        }
        double[] durations = alignment.stream().mapToDouble(t -> t.end - t.start).filter(d -> d != 0).sorted().toArray();
        double medianDuration = Math.min(0.7, median(durations));
        double maxDuration = medianDuration * 2;
        if (durations.length > 0) {
            for (int i = 1; i < alignment.size(); i++) {
                Timing t = alignment.get(i);
                if (t.end - t.start > maxDuration) {
                    if (SENTENCE_END_MARKS.contains(t.word)) { // Python's `in`: a substring test
                        t.end = t.start + maxDuration;
                    } else if (SENTENCE_END_MARKS.contains(alignment.get(i - 1).word)) {
                        t.start = t.end - maxDuration;
                    }
                }
            }
        }
        mergePunctuations(alignment, options.prependPunctuations(), options.appendPunctuations());

        double timeOffset = segments.getFirst().seek * 160 / 16000.0;
        int wordIndex = 0;
        for (int s = 0; s < segments.size(); s++) {
            DraftSegment segment = segments.get(s);
            int[] textTokens = textTokensPerSegment.get(s);
            int savedTokens = 0;
            List<MutableWord> words = new ArrayList<>();
            while (wordIndex < alignment.size() && savedTokens < textTokens.length) {
                Timing timing = alignment.get(wordIndex);
                if (!timing.word.isEmpty()) {
                    words.add(new MutableWord(timing.word, round2(timeOffset + timing.start), round2(timeOffset + timing.end),
                            timing.probability));
                }
                savedTokens += timing.tokens.size();
                wordIndex++;
            }
            if (!words.isEmpty()) {
                MutableWord first = words.getFirst();
                if (first.end - lastSpeechTimestamp > medianDuration * 4 && (first.end - first.start > maxDuration
                        || (words.size() > 1 && words.get(1).end - first.start > maxDuration * 2))) {
                    if (words.size() > 1 && words.get(1).end - words.get(1).start > maxDuration) {
                        double boundary = Math.max(words.get(1).end / 2, words.get(1).end - maxDuration);
                        first.end = boundary;
                        words.get(1).start = boundary;
                    }
                    first.start = Math.max(0, first.end - maxDuration);
                }
                if (segment.start < first.end && segment.start - 0.5 > first.start) {
                    first.start = Math.max(0, Math.min(first.end - medianDuration, segment.start));
                } else {
                    segment.start = first.start;
                }
                MutableWord last = words.getLast();
                if (segment.end > last.start && segment.end + 0.5 < last.end) {
                    last.end = Math.max(last.start + medianDuration, segment.end);
                } else {
                    segment.end = last.end;
                }
                lastSpeechTimestamp = segment.end;
            }
            segment.words = words.stream().map(w -> new Word(w.word, w.start, w.end, w.probability)).toList();
        }
    }

    private static final class MutableWord {
        final String word;
        double start;
        double end;
        final double probability;

        MutableWord(String word, double start, double end, double probability) {
            this.word = word;
            this.start = start;
            this.end = end;
            this.probability = probability;
        }
    }

    /** openai's {@code merge_punctuations}, substring tests and all. */
    private static void mergePunctuations(List<Timing> alignment, String prepended, String appended) {
        int i = alignment.size() - 2;
        int j = alignment.size() - 1;
        while (i >= 0) {
            Timing previous = alignment.get(i);
            Timing following = alignment.get(j);
            if (previous.word.startsWith(" ") && prepended.contains(PythonText.strip(previous.word))) {
                following.word = previous.word + following.word;
                following.tokens = concat(previous.tokens, following.tokens);
                previous.word = "";
                previous.tokens = List.of();
            } else {
                j = i;
            }
            i--;
        }
        i = 0;
        j = 1;
        while (j < alignment.size()) {
            Timing previous = alignment.get(i);
            Timing following = alignment.get(j);
            if (!previous.word.endsWith(" ") && appended.contains(following.word)) {
                previous.word = previous.word + following.word;
                previous.tokens = concat(previous.tokens, following.tokens);
                following.word = "";
                following.tokens = List.of();
            } else {
                i = j;
            }
            j++;
        }
    }

    private static List<Integer> concat(List<Integer> a, List<Integer> b) {
        List<Integer> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** numpy's median of sorted values: the middle one, or the mean of the two middle ones; 0 when empty. */
    private static double median(double[] sorted) {
        if (sorted.length == 0) {
            return 0.0;
        }
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /** Python's {@code round(x, 2)}: correctly rounded from the double's exact value, ties to even. */
    static double round2(double x) {
        return new BigDecimal(x).setScale(2, RoundingMode.HALF_EVEN).doubleValue();
    }
}
