package dev.earshot.evaluation.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads a dataset whatever its form: a LibriSpeech directory, a Common Voice TSV, or a JSONL manifest. */
public final class Datasets {

    private Datasets() {
    }

    public static List<Utterance> read(Path dataset) throws IOException {
        if (Files.isDirectory(dataset)) {
            return LibriSpeechDirectory.read(dataset);
        }
        if (!Files.isRegularFile(dataset)) {
            throw new DatasetFormatException(dataset + ": no such file or directory");
        }
        if (dataset.getFileName().toString().endsWith(".tsv")) {
            return CommonVoiceTsv.read(dataset);
        }
        return JsonlManifest.read(dataset);
    }
}
