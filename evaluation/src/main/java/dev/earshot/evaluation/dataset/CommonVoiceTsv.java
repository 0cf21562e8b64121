package dev.earshot.evaluation.dataset;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A Common Voice split ({@code test.tsv} and friends): tab-separated with a header naming at least {@code path}
 * (the clip's file name under {@code clips/} beside the TSV) and {@code sentence}; {@code locale}, when present,
 * gives the language. Common Voice does not quote fields, so none are unquoted here.
 */
public final class CommonVoiceTsv {

    private CommonVoiceTsv() {
    }

    public static List<Utterance> read(Path tsv) throws IOException {
        List<String> lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            throw new DatasetFormatException(tsv + ": empty; expected a header line with 'path' and 'sentence'");
        }
        List<String> header = Arrays.asList(lines.getFirst().split("\t", -1));
        int pathColumn = header.indexOf("path");
        int sentenceColumn = header.indexOf("sentence");
        int localeColumn = header.indexOf("locale");
        if (pathColumn < 0 || sentenceColumn < 0) {
            throw new DatasetFormatException(tsv + ": the header has no 'path' or 'sentence' column: " + header);
        }
        Path clips = tsv.toAbsolutePath().resolveSibling("clips");
        List<Utterance> utterances = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String[] fields = lines.get(i).split("\t", -1);
            if (fields.length <= Math.max(pathColumn, Math.max(sentenceColumn, localeColumn))) {
                throw new DatasetFormatException(tsv + " line " + (i + 1) + ": " + fields.length
                        + " fields, fewer than the header's " + header.size());
            }
            String clip = fields[pathColumn];
            String language = localeColumn < 0 || fields[localeColumn].isEmpty() ? null : fields[localeColumn];
            utterances.add(new Utterance(clip, clips.resolve(clip), fields[sentenceColumn], language));
        }
        return utterances;
    }
}
