package dev.earshot.cli;

import dev.earshot.api.backend.Availability;
import dev.earshot.api.backend.Backend;
import dev.earshot.api.backend.BackendOptions;
import dev.earshot.api.backend.BackendProvider;
import dev.earshot.api.backend.BackendUnavailableException;

import java.io.PrintStream;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/** Finds backends on the class path and opens the one the user asked for, or the best one here. */
final class Backends {

    static final String AUTO = "auto";

    private Backends() {
    }

    static List<BackendProvider> providers() {
        return ServiceLoader.load(BackendProvider.class).stream().map(ServiceLoader.Provider::get)
                .sorted(Comparator.comparing(BackendProvider::name)).toList();
    }

    /**
     * Opens {@code name} ("auto": the available backend with the highest score, falling back to the next
     * when one fails to open, and saying so on {@code log}).
     */
    static Backend open(String name, BackendOptions options, PrintStream log) {
        List<BackendProvider> providers = providers();
        if (!name.equals(AUTO)) {
            BackendProvider provider = providers.stream().filter(p -> p.name().equalsIgnoreCase(name)).findFirst()
                    .orElseThrow(() -> new BackendUnavailableException("no backend named '" + name + "'; available: "
                            + providers.stream().map(BackendProvider::name).collect(Collectors.joining(", "))
                            + " (see 'earshot devices')"));
            Availability availability = provider.availability();
            if (!availability.isAvailable()) {
                throw new BackendUnavailableException("backend '" + provider.name() + "' cannot run here: " + availability.detail());
            }
            return provider.open(options);
        }
        List<BackendProvider> ranked = providers.stream().filter(p -> p.availability().isAvailable())
                .sorted(Comparator.comparingInt((BackendProvider p) -> p.availability().score()).reversed()).toList();
        if (ranked.isEmpty()) {
            throw new BackendUnavailableException("no backend can run here; see 'earshot devices'");
        }
        for (int i = 0; i < ranked.size(); i++) {
            BackendProvider provider = ranked.get(i);
            try {
                return provider.open(options);
            } catch (BackendUnavailableException e) {
                if (i + 1 == ranked.size()) {
                    throw e;
                }
                log.println("earshot: backend '" + provider.name() + "' failed to open (" + e.getMessage()
                        + "); falling back to '" + ranked.get(i + 1).name() + "'");
            }
        }
        throw new IllegalStateException("unreachable");
    }
}
