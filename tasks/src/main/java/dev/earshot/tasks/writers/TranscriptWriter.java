package dev.earshot.tasks.writers;

import dev.earshot.api.result.Transcript;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes a transcript in one file format, byte for byte as openai/whisper's {@code whisper.utils} writers. */
public sealed interface TranscriptWriter permits TextWriter, SubtitleWriter, TsvWriter, JsonWriter {

    /** The file extension and {@code --output-format} name. */
    String extension();

    /** The file's contents. */
    String format(Transcript transcript);

    /** Every format openai writes, in its {@code --output_format all} order. */
    static TranscriptWriter[] all() {
        return all(SubtitleOptions.defaults());
    }

    /** Every format, subtitles laid out with {@code subtitles}. */
    static TranscriptWriter[] all(SubtitleOptions subtitles) {
        return new TranscriptWriter[] {new TextWriter(), SubtitleWriter.vtt(subtitles), SubtitleWriter.srt(subtitles),
                new TsvWriter(), new JsonWriter()};
    }

    /** The writer for {@code txt}, {@code vtt}, {@code srt}, {@code tsv} or {@code json}. */
    static TranscriptWriter forExtension(String extension) {
        return forExtension(extension, SubtitleOptions.defaults());
    }

    static TranscriptWriter forExtension(String extension, SubtitleOptions subtitles) {
        for (TranscriptWriter writer : all(subtitles)) {
            if (writer.extension().equals(extension)) {
                return writer;
            }
        }
        throw new IllegalArgumentException("no output format '" + extension + "'; choose txt, vtt, srt, tsv or json");
    }

    /**
     * Writes {@code DIR/<audio name without extension>.<extension>} (openai's naming) through a temporary file
     * moved into place, so a failure leaves no half-written file; returns the path written.
     */
    default Path write(Transcript transcript, Path audio, Path directory) {
        String base = audio.getFileName().toString();
        int dot = base.lastIndexOf('.');
        if (dot > 0) {
            base = base.substring(0, dot);
        }
        try {
            Files.createDirectories(directory);
            Path target = directory.resolve(base + "." + extension());
            Path temporary = Files.createTempFile(directory, base, ".part");
            try {
                try (OutputStream out = Files.newOutputStream(temporary)) {
                    out.write(format(transcript).getBytes(StandardCharsets.UTF_8));
                }
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the " + extension() + " transcript into " + directory, e);
        }
    }
}
