package dev.earshot.tasks.writers;

import dev.earshot.api.result.Segment;
import dev.earshot.api.result.Transcript;
import dev.earshot.model.tokenizer.PythonText;

/**
 * WebVTT and SubRip subtitles: one cue per segment, text stripped and {@code -->} defused to {@code ->}.
 * (Word-level cues — line width, line count, highlighting — need word timestamps, which segments do not
 * carry yet.)
 */
public final class SubtitleWriter implements TranscriptWriter {

    private final String extension;
    private final boolean alwaysIncludeHours;
    private final char decimalMarker;

    private SubtitleWriter(String extension, boolean alwaysIncludeHours, char decimalMarker) {
        this.extension = extension;
        this.alwaysIncludeHours = alwaysIncludeHours;
        this.decimalMarker = decimalMarker;
    }

    /** {@code WEBVTT} header; {@code mm:ss.mmm} times, hours only past an hour. */
    public static SubtitleWriter vtt() {
        return new SubtitleWriter("vtt", false, '.');
    }

    /** Numbered cues; {@code hh:mm:ss,mmm} times. */
    public static SubtitleWriter srt() {
        return new SubtitleWriter("srt", true, ',');
    }

    @Override
    public String extension() {
        return extension;
    }

    @Override
    public String format(Transcript transcript) {
        boolean vtt = extension.equals("vtt");
        StringBuilder out = new StringBuilder(vtt ? "WEBVTT\n\n" : "");
        int cue = 1;
        for (Segment segment : transcript.segments()) {
            String start = Timestamps.format(segment.start(), alwaysIncludeHours, decimalMarker);
            String end = Timestamps.format(segment.end(), alwaysIncludeHours, decimalMarker);
            String text = PythonText.strip(segment.text()).replace("-->", "->");
            if (!vtt) {
                out.append(cue++).append('\n');
            }
            out.append(start).append(" --> ").append(end).append('\n').append(text).append("\n\n");
        }
        return out.toString();
    }
}
