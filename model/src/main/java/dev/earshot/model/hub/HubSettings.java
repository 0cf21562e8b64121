package dev.earshot.model.hub;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where the hub is and where its files are cached, from the environment variables the Python
 * {@code huggingface_hub} reads, so both tools share one cache: {@code HF_HUB_CACHE}, else
 * {@code HF_HOME/hub}, else {@code $XDG_CACHE_HOME/huggingface/hub}, else {@code ~/.cache/huggingface/hub};
 * {@code HF_HUB_OFFLINE}, {@code HF_TOKEN} and {@code HF_ENDPOINT}.
 */
public record HubSettings(URI endpoint, Path cacheRoot, boolean offline, Optional<String> token) {

    public static final URI DEFAULT_ENDPOINT = URI.create("https://huggingface.co");
    private static final Set<String> TRUE_VALUES = Set.of("1", "on", "yes", "true");

    public static HubSettings fromEnvironment() {
        return from(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    public static HubSettings from(Map<String, String> env, Path home) {
        Path cache;
        if (isSet(env, "HF_HUB_CACHE")) {
            cache = Path.of(env.get("HF_HUB_CACHE"));
        } else if (isSet(env, "HF_HOME")) {
            cache = Path.of(env.get("HF_HOME")).resolve("hub");
        } else if (isSet(env, "XDG_CACHE_HOME")) {
            cache = Path.of(env.get("XDG_CACHE_HOME")).resolve("huggingface").resolve("hub");
        } else {
            cache = home.resolve(".cache").resolve("huggingface").resolve("hub");
        }
        boolean offline = isSet(env, "HF_HUB_OFFLINE")
                && TRUE_VALUES.contains(env.get("HF_HUB_OFFLINE").trim().toLowerCase(Locale.ROOT));
        URI endpoint = isSet(env, "HF_ENDPOINT") ? URI.create(env.get("HF_ENDPOINT").replaceAll("/+$", "")) : DEFAULT_ENDPOINT;
        Optional<String> token = isSet(env, "HF_TOKEN") ? Optional.of(env.get("HF_TOKEN").trim()) : Optional.empty();
        return new HubSettings(endpoint, cache, offline, token);
    }

    private static boolean isSet(Map<String, String> env, String name) {
        String value = env.get(name);
        return value != null && !value.isBlank();
    }

    @Override
    public String toString() {
        return "HubSettings[endpoint=" + endpoint + ", cacheRoot=" + cacheRoot + ", offline=" + offline
                + ", token=" + (token.isPresent() ? "set" : "none") + "]";
    }
}
