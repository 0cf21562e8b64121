package dev.earshot.tasks.writers;

/**
 * How word-level subtitles are laid out (openai's {@code --max_line_width}, {@code --max_line_count},
 * {@code --highlight_words}, {@code --max_words_per_line}); they apply only to transcripts with word timestamps.
 *
 * @param maxLineWidth    characters per line before a break, or null
 * @param maxLineCount    lines per cue, or null (with a width: cues also break at pauses over 3 s)
 * @param highlightWords  one cue per word, the spoken word underlined
 * @param maxWordsPerLine words per line, or null (no effect with a width)
 */
public record SubtitleOptions(Integer maxLineWidth, Integer maxLineCount, boolean highlightWords, Integer maxWordsPerLine) {

    public SubtitleOptions {
        for (Integer limit : new Integer[] {maxLineWidth, maxLineCount, maxWordsPerLine}) {
            if (limit != null && limit <= 0) {
                throw new IllegalArgumentException("subtitle limits must be positive, not " + limit);
            }
        }
    }

    public static SubtitleOptions defaults() {
        return new SubtitleOptions(null, null, false, null);
    }
}
