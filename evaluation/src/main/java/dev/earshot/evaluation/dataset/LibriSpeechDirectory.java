package dev.earshot.evaluation.dataset;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A LibriSpeech split as distributed ({@code test-clean/<speaker>/<chapter>/}): each chapter has a
 * {@code <speaker>-<chapter>.trans.txt} whose lines are {@code <utterance-id> <TRANSCRIPT>}, beside
 * {@code <utterance-id>.flac}. The language is English.
 */
public final class LibriSpeechDirectory {

    private static final String TRANSCRIPT_SUFFIX = ".trans.txt";

    private LibriSpeechDirectory() {
    }

    public static List<Utterance> read(Path root) throws IOException {
        List<Path> transcripts;
        try (Stream<Path> files = Files.walk(root)) {
            transcripts = files.filter(p -> p.getFileName().toString().endsWith(TRANSCRIPT_SUFFIX)).sorted().toList();
        }
        if (transcripts.isEmpty()) {
            throw new DatasetFormatException(root + ": no *" + TRANSCRIPT_SUFFIX
                    + " files; is this a LibriSpeech directory such as test-clean?");
        }
        List<Utterance> utterances = new ArrayList<>();
        for (Path transcript : transcripts) {
            List<String> lines = Files.readAllLines(transcript, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.isEmpty()) {
                    continue;
                }
                int space = line.indexOf(' ');
                if (space <= 0) {
                    throw new DatasetFormatException(transcript + " line " + (i + 1)
                            + ": expected '<utterance-id> <transcript>'");
                }
                String id = line.substring(0, space);
                utterances.add(new Utterance(id, transcript.resolveSibling(id + ".flac"),
                        line.substring(space + 1).strip(), "en"));
            }
        }
        return utterances;
    }
}
