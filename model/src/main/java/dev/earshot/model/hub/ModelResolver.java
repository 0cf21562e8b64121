package dev.earshot.model.hub;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/** Turns what a user passes as {@code --model} — a path, a model name or a repository id — into a local path. */
public final class ModelResolver {

    private static final Pattern REPOSITORY_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*");

    private final HubClient hub;

    public ModelResolver(HubClient hub) {
        this.hub = hub;
    }

    /**
     * An existing path is returned as it is; a known name ("small.en") or a repository id ("openai/whisper-tiny")
     * is fetched from the hub cache, downloading what is missing.
     */
    public Path resolve(String model) throws IOException {
        Path asPath = Path.of(model);
        if (Files.exists(asPath)) {
            return asPath;
        }
        var repository = ModelNames.repositoryOf(model);
        if (repository.isPresent()) {
            return hub.model(repository.get(), HubClient.DEFAULT_REVISION);
        }
        if (REPOSITORY_ID.matcher(model).matches() && !model.contains("..")) {
            return hub.model(model, HubClient.DEFAULT_REVISION);
        }
        throw new NoSuchFileException(model, null, "neither a file or directory nor a known model name; names: "
                + String.join(", ", ModelNames.all().keySet()) + " (or a Hugging Face repository id such as openai/whisper-tiny)");
    }
}
