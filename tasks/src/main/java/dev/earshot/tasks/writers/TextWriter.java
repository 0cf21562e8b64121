package dev.earshot.tasks.writers;

import dev.earshot.api.result.Segment;
import dev.earshot.api.result.Transcript;
import dev.earshot.model.tokenizer.PythonText;

/** {@code .txt}: each segment's stripped text on a line of its own. */
public final class TextWriter implements TranscriptWriter {

    @Override
    public String extension() {
        return "txt";
    }

    @Override
    public String format(Transcript transcript) {
        StringBuilder out = new StringBuilder();
        for (Segment segment : transcript.segments()) {
            out.append(PythonText.strip(segment.text())).append('\n');
        }
        return out.toString();
    }
}
