package dev.earshot.model.hub;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The model names {@code --model} accepts, and the Hugging Face repositories that hold them. */
public final class ModelNames {

    private static final Map<String, String> REPOSITORIES = new LinkedHashMap<>();

    static {
        for (String size : new String[]{"tiny", "base", "small", "medium"}) {
            REPOSITORIES.put(size, "openai/whisper-" + size);
            REPOSITORIES.put(size + ".en", "openai/whisper-" + size + ".en");
        }
        REPOSITORIES.put("large-v1", "openai/whisper-large");
        REPOSITORIES.put("large-v2", "openai/whisper-large-v2");
        REPOSITORIES.put("large-v3", "openai/whisper-large-v3");
        REPOSITORIES.put("large", "openai/whisper-large-v3"); // openai/whisper's "large" means the newest large
        REPOSITORIES.put("large-v3-turbo", "openai/whisper-large-v3-turbo");
        REPOSITORIES.put("turbo", "openai/whisper-large-v3-turbo");
        REPOSITORIES.put("distil-small.en", "distil-whisper/distil-small.en");
        REPOSITORIES.put("distil-medium.en", "distil-whisper/distil-medium.en");
        REPOSITORIES.put("distil-large-v2", "distil-whisper/distil-large-v2");
        REPOSITORIES.put("distil-large-v3", "distil-whisper/distil-large-v3");
        REPOSITORIES.put("distil-large-v3.5", "distil-whisper/distil-large-v3.5");
    }

    private ModelNames() {
    }

    /** The repository id ("openai/whisper-tiny.en") for a known name. */
    public static Optional<String> repositoryOf(String name) {
        return Optional.ofNullable(REPOSITORIES.get(name));
    }

    /** name → repository id, in presentation order. */
    public static Map<String, String> all() {
        return java.util.Collections.unmodifiableMap(REPOSITORIES);
    }
}
