package dev.earshot.evaluation.runner;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-utterance results of a run, one JSON line each, appended as each utterance finishes. This file is what
 * makes a run resumable: what it holds is not redone. A run killed mid-write leaves at most a partial last line,
 * which is dropped (that utterance is simply done again); a bad line anywhere else is an error, since it means
 * the file is not a results file.
 */
public final class ResultsLog {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    public ResultsLog(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** The finished utterances, by id, in the order they finished. */
    public Map<String, UtteranceResult> load() throws IOException {
        Map<String, UtteranceResult> finished = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return finished;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            try {
                UtteranceResult result = UtteranceResult.fromJson(JSON.readTree(lines.get(i)));
                finished.put(result.id(), result);
            } catch (IOException | IllegalArgumentException e) {
                if (i == lines.size() - 1) {
                    break; // the write an interruption cut short
                }
                throw new IllegalArgumentException(file + " line " + (i + 1) + " is not a result ("
                        + e.getMessage() + "); remove the file to start the run afresh", e);
            }
        }
        return finished;
    }

    /**
     * Makes the file end with a complete line before appending: a last line an interruption cut short is dropped,
     * and a complete one that only lost its newline gets it back (it was counted as finished by {@link #load()}).
     */
    void prepareForAppend() throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length == 0 || bytes[bytes.length - 1] == '\n') {
            return;
        }
        int lastLineStart = bytes.length;
        while (lastLineStart > 0 && bytes[lastLineStart - 1] != '\n') {
            lastLineStart--;
        }
        String lastLine = new String(bytes, lastLineStart, bytes.length - lastLineStart, StandardCharsets.UTF_8);
        if (isResult(lastLine)) {
            Files.writeString(file, "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } else {
            Files.write(file, Arrays.copyOf(bytes, lastLineStart));
        }
    }

    private static boolean isResult(String line) {
        try {
            UtteranceResult.fromJson(JSON.readTree(line));
            return true;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    void append(UtteranceResult result) throws IOException {
        String line = JSON.writeValueAsString(result.toJson(JSON)) + "\n";
        Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                StandardOpenOption.WRITE, StandardOpenOption.SYNC);
    }
}
