package dev.earshot.evaluation.dataset;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One item of an evaluation set: a stable id (what resuming matches finished work by), the audio file, the
 * reference transcript, and the spoken language when the dataset says ({@code null} otherwise).
 */
public record Utterance(String id, Path audio, String text, String language) {

    public Utterance {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(audio, "audio");
        Objects.requireNonNull(text, "text");
    }
}
