package dev.earshot.tasks.writers;

import dev.earshot.api.result.Segment;
import dev.earshot.api.result.Transcript;
import dev.earshot.api.result.Word;
import dev.earshot.model.tokenizer.PythonText;

import java.util.ArrayList;
import java.util.List;

/**
 * WebVTT and SubRip subtitles as openai's {@code SubtitlesWriter}: one cue per segment; with word timestamps,
 * cues built from words, broken by line width, line count, words per line and pauses, optionally one cue per
 * word with the spoken word underlined.
 */
public final class SubtitleWriter implements TranscriptWriter {

    private final String extension;
    private final boolean alwaysIncludeHours;
    private final char decimalMarker;
    private final SubtitleOptions options;

    private SubtitleWriter(String extension, boolean alwaysIncludeHours, char decimalMarker, SubtitleOptions options) {
        this.extension = extension;
        this.alwaysIncludeHours = alwaysIncludeHours;
        this.decimalMarker = decimalMarker;
        this.options = options;
    }

    /** {@code WEBVTT} header; {@code mm:ss.mmm} times, hours only past an hour. */
    public static SubtitleWriter vtt() {
        return vtt(SubtitleOptions.defaults());
    }

    public static SubtitleWriter vtt(SubtitleOptions options) {
        return new SubtitleWriter("vtt", false, '.', options);
    }

    /** Numbered cues; {@code hh:mm:ss,mmm} times. */
    public static SubtitleWriter srt() {
        return srt(SubtitleOptions.defaults());
    }

    public static SubtitleWriter srt(SubtitleOptions options) {
        return new SubtitleWriter("srt", true, ',', options);
    }

    @Override
    public String extension() {
        return extension;
    }

    @Override
    public String format(Transcript transcript) {
        boolean vtt = extension.equals("vtt");
        StringBuilder out = new StringBuilder(vtt ? "WEBVTT\n\n" : "");
        int number = 1;
        for (String[] cue : cues(transcript)) {
            if (!vtt) {
                out.append(number++).append('\n');
            }
            out.append(cue[0]).append(" --> ").append(cue[1]).append('\n').append(cue[2]).append("\n\n");
        }
        return out.toString();
    }

    /** (start, end, text) of every cue. */
    private List<String[]> cues(Transcript transcript) {
        List<String[]> cues = new ArrayList<>();
        List<Segment> segments = transcript.segments();
        if (segments.isEmpty() || segments.getFirst().words() == null) {
            for (Segment segment : segments) {
                cues.add(new String[] {time(segment.start()), time(segment.end()),
                        PythonText.strip(segment.text()).replace("-->", "->")});
            }
            return cues;
        }
        for (List<Word> subtitle : subtitles(segments)) {
            String start = time(subtitle.getFirst().start());
            String end = time(subtitle.getLast().end());
            StringBuilder text = new StringBuilder();
            subtitle.forEach(w -> text.append(w.word()));
            if (!options.highlightWords()) {
                cues.add(new String[] {start, end, text.toString()});
                continue;
            }
            String last = start;
            for (int i = 0; i < subtitle.size(); i++) {
                String wordStart = time(subtitle.get(i).start());
                String wordEnd = time(subtitle.get(i).end());
                if (!last.equals(wordStart)) {
                    cues.add(new String[] {last, wordStart, text.toString()});
                }
                StringBuilder highlighted = new StringBuilder();
                for (int j = 0; j < subtitle.size(); j++) {
                    highlighted.append(j == i ? underline(subtitle.get(j).word()) : subtitle.get(j).word());
                }
                cues.add(new String[] {wordStart, wordEnd, highlighted.toString()});
                last = wordEnd;
            }
        }
        return cues;
    }

    /** openai's {@code iterate_subtitles}: words gathered into cues of lines. */
    private List<List<Word>> subtitles(List<Segment> segments) {
        Integer maxLineCount = options.maxLineCount();
        boolean preserveSegments = maxLineCount == null || options.maxLineWidth() == null;
        int maxLineWidth = options.maxLineWidth() == null ? 1000 : options.maxLineWidth();
        int maxWordsPerLine = options.maxWordsPerLine() == null ? 1000 : options.maxWordsPerLine();
        List<List<Word>> subtitles = new ArrayList<>();
        int lineLength = 0;
        int lineCount = 1;
        List<Word> subtitle = new ArrayList<>();
        double last = firstStart(segments);
        for (Segment segment : segments) {
            List<Word> words = segment.words() == null ? List.of() : segment.words();
            int chunk = 0;
            int wordsCount = maxWordsPerLine;
            while (chunk < words.size()) {
                int remaining = words.size() - chunk;
                if (maxWordsPerLine > remaining) {
                    wordsCount = remaining;
                }
                List<Word> slice = words.subList(chunk, Math.min(words.size(), chunk + wordsCount));
                for (int i = 0; i < slice.size(); i++) {
                    Word timing = slice.get(i);
                    String word = timing.word();
                    boolean longPause = !preserveSegments && timing.start() - last > 3.0;
                    boolean hasRoom = lineLength + codePoints(word) <= maxLineWidth;
                    boolean segmentBreak = i == 0 && !subtitle.isEmpty() && preserveSegments;
                    if (lineLength > 0 && hasRoom && !longPause && !segmentBreak) {
                        lineLength += codePoints(word);
                    } else {
                        word = PythonText.strip(word);
                        if (!subtitle.isEmpty() && maxLineCount != null && (longPause || lineCount >= maxLineCount)
                                || segmentBreak) {
                            subtitles.add(subtitle);
                            subtitle = new ArrayList<>();
                            lineCount = 1;
                        } else if (lineLength > 0) {
                            lineCount++;
                            word = "\n" + word;
                        }
                        lineLength = codePoints(PythonText.strip(word));
                    }
                    subtitle.add(new Word(word, timing.start(), timing.end(), timing.probability()));
                    last = timing.start();
                }
                chunk += maxWordsPerLine;
            }
        }
        if (!subtitle.isEmpty()) {
            subtitles.add(subtitle);
        }
        return subtitles;
    }

    /** openai's {@code get_start(segments) or 0.0}. */
    private static double firstStart(List<Segment> segments) {
        for (Segment s : segments) {
            if (s.words() != null && !s.words().isEmpty()) {
                return s.words().getFirst().start();
            }
        }
        return segments.isEmpty() ? 0.0 : segments.getFirst().start();
    }

    /** {@code re.sub(r"^(\s*)(.*)$", r"\1<u>\2</u>", word)}: underline after any leading whitespace. */
    private static String underline(String word) {
        int i = 0;
        while (i < word.length() && PythonText.isWhitespace(word.codePointAt(i))) {
            i += Character.charCount(word.codePointAt(i));
        }
        return word.substring(0, i) + "<u>" + word.substring(i) + "</u>";
    }

    private static int codePoints(String s) {
        return s.codePointCount(0, s.length()); // Python's len counts code points
    }

    private String time(double seconds) {
        return Timestamps.format(seconds, alwaysIncludeHours, decimalMarker);
    }
}
