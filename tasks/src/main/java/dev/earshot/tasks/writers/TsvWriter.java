package dev.earshot.tasks.writers;

import dev.earshot.api.result.Segment;
import dev.earshot.api.result.Transcript;
import dev.earshot.model.tokenizer.PythonText;

/** {@code .tsv}: start and end in integer milliseconds, then the text with tabs made spaces. */
public final class TsvWriter implements TranscriptWriter {

    @Override
    public String extension() {
        return "tsv";
    }

    @Override
    public String format(Transcript transcript) {
        StringBuilder out = new StringBuilder("start\tend\ttext\n");
        for (Segment segment : transcript.segments()) {
            out.append(Timestamps.roundHalfEven(1000 * segment.start())).append('\t')
                    .append(Timestamps.roundHalfEven(1000 * segment.end())).append('\t')
                    .append(PythonText.strip(segment.text()).replace("\t", " ")).append('\n');
        }
        return out.toString();
    }
}
