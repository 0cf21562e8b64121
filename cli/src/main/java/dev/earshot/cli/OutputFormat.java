package dev.earshot.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earshot.api.result.Segment;
import dev.earshot.api.result.Transcript;
import dev.earshot.model.tokenizer.PythonText;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Transcript files as openai/whisper's writers produce them. */
enum OutputFormat {
    /** One stripped segment text per line. */
    txt {
        @Override
        void write(Transcript transcript, OutputStream out) throws IOException {
            StringBuilder text = new StringBuilder();
            for (Segment s : transcript.segments()) {
                text.append(PythonText.strip(s.text())).append('\n');
            }
            out.write(text.toString().getBytes(StandardCharsets.UTF_8));
        }
    },
    /** openai's result dict: {"text", "segments": [...], "language"}. */
    json {
        @Override
        void write(Transcript transcript, OutputStream out) throws IOException {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("text", transcript.text());
            result.put("segments", transcript.segments().stream().map(OutputFormat::segmentFields).toList());
            result.put("language", transcript.language().code());
            new ObjectMapper().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET).writeValue(out, result);
        }
    };

    abstract void write(Transcript transcript, OutputStream out) throws IOException;

    /** Writes {@code DIR/<audio name without extension>.<format>} through a temporary file; returns the path. */
    Path write(Transcript transcript, Path audio, Path directory) throws IOException {
        String base = audio.getFileName().toString();
        int dot = base.lastIndexOf('.');
        if (dot > 0) {
            base = base.substring(0, dot);
        }
        Path target = directory.resolve(base + "." + name());
        Path temporary = Files.createTempFile(directory, base, ".part");
        try {
            try (OutputStream out = Files.newOutputStream(temporary)) {
                write(transcript, out);
            }
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
        return target;
    }

    private static Map<String, Object> segmentFields(Segment s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("seek", s.seek());
        m.put("start", s.start());
        m.put("end", s.end());
        m.put("text", s.text());
        m.put("tokens", List.copyOf(s.tokens()));
        m.put("temperature", s.temperature());
        m.put("avg_logprob", s.averageLogProbability());
        m.put("compression_ratio", s.compressionRatio());
        m.put("no_speech_prob", s.noSpeechProbability());
        return m;
    }

    /** {@code mm:ss.mmm}, or {@code hh:mm:ss.mmm} past an hour, as openai's verbose output. */
    static String clock(double seconds) {
        long millis = Math.round(seconds * 1000);
        long hours = millis / 3_600_000;
        millis -= hours * 3_600_000;
        long minutes = millis / 60_000;
        millis -= minutes * 60_000;
        long secs = millis / 1000;
        millis -= secs * 1000;
        return (hours > 0 ? String.format("%02d:", hours) : "") + String.format("%02d:%02d.%03d", minutes, secs, millis);
    }
}
