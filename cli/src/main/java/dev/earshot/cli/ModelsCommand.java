package dev.earshot.cli;

import dev.earshot.model.hub.HubClient;
import dev.earshot.model.hub.HubSettings;
import dev.earshot.model.hub.ModelNames;
import picocli.CommandLine.Command;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code earshot models}: the names {@code --model} accepts, their repositories, and which are cached where. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "Lists the model names --model accepts, their Hugging Face repositories, and what is in the cache.")
final class ModelsCommand implements Callable<Integer> {

    @Override
    public Integer call() throws Exception {
        HubSettings settings = HubSettings.fromEnvironment();
        HubClient hub = new HubClient(settings, System.err);
        System.out.println("cache: " + settings.cacheRoot() + (settings.offline() ? " (offline: HF_HUB_OFFLINE is set)" : ""));
        for (Map.Entry<String, String> e : ModelNames.all().entrySet()) {
            Optional<Path> cached = hub.cachedModel(e.getValue(), HubClient.DEFAULT_REVISION);
            System.out.printf("%-18s %-36s %s%n", e.getKey(), e.getValue(), cached.map(p -> "cached: " + p).orElse("not cached"));
        }
        return 0;
    }
}
