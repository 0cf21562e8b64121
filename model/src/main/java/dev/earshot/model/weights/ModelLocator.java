package dev.earshot.model.weights;

import dev.earshot.model.WhisperConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** Opens a model checkpoint in whichever format {@link CheckpointFormat#detect} finds. */
public final class ModelLocator {

    static final String GENERATION_CONFIG = "generation_config.json";

    private ModelLocator() {
    }

    /** A checkpoint ready to upload: its dimensions, tensors (open until closed) and word-timestamp heads. */
    public record OpenedCheckpoint(Path source, CheckpointFormat format, WhisperConfig config,
                                   CheckpointTensors tensors, AlignmentHeads alignmentHeads) implements AutoCloseable {
        @Override
        public void close() {
            tensors.close();
        }
    }

    public static OpenedCheckpoint open(Path location) throws IOException {
        CheckpointFormat format = CheckpointFormat.detect(location);
        return switch (format) {
            case HUGGING_FACE_DIRECTORY -> {
                HuggingFaceCheckpoint checkpoint = HuggingFaceCheckpoint.open(location);
                yield opened(location, format, checkpoint.config(), checkpoint, headsOfDirectory(location, checkpoint.config()));
            }
            case OPENAI_TORCH_ZIP -> {
                OpenaiCheckpoint checkpoint = OpenaiCheckpoint.open(location);
                yield opened(location, format, checkpoint.config(), checkpoint, headsOfFile(location, checkpoint.config()));
            }
            case GGML -> {
                GgmlCheckpoint checkpoint = GgmlCheckpoint.open(location);
                yield opened(location, format, checkpoint.config(), checkpoint, headsOfFile(location, checkpoint.config()));
            }
        };
    }

    private static OpenedCheckpoint opened(Path location, CheckpointFormat format, WhisperConfig config,
                                           CheckpointTensors tensors, AlignmentHeads heads) {
        return new OpenedCheckpoint(location, format, config, tensors, heads);
    }

    private static AlignmentHeads headsOfDirectory(Path directory, WhisperConfig config) {
        Path generationConfig = directory.resolve(GENERATION_CONFIG);
        Optional<AlignmentHeads> stated = Files.isRegularFile(generationConfig)
                ? AlignmentHeads.fromGenerationConfig(generationConfig, config) : Optional.empty();
        return stated.orElseGet(() -> AlignmentHeads.lastHalf(config));
    }

    /**
     * A single file carries no heads; an official model is recognised by its published file name
     * ({@code tiny.en.pt}, {@code ggml-large-v3-turbo-q5_0.bin}) when the table fits its dimensions.
     */
    static AlignmentHeads headsOfFile(Path file, WhisperConfig config) {
        return officialName(file.getFileName().toString())
                .flatMap(name -> {
                    try {
                        return AlignmentHeads.official(name, config);
                    } catch (IllegalArgumentException tableDoesNotFit) {
                        return Optional.empty(); // named like an official model but shaped differently: a fine-tune
                    }
                })
                .orElseGet(() -> AlignmentHeads.lastHalf(config));
    }

    /** "ggml-small.en-q8_0.bin" → "small.en"; "large-v3.pt" → "large-v3". */
    static Optional<String> officialName(String fileName) {
        String stem = fileName.toLowerCase(Locale.ROOT).replaceFirst("\\.(pt|bin)$", "").replaceFirst("^ggml-", "")
                .replaceFirst("-(q[0-9]_[0-9k]+|f16|f32)$", "");
        return AlignmentHeads.officialNames().contains(stem) || stem.equals("large") || stem.equals("turbo")
                ? Optional.of(stem) : Optional.empty();
    }
}
