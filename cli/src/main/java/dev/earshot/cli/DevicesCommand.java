package dev.earshot.cli;

import dev.earshot.api.backend.Availability;
import dev.earshot.api.backend.BackendProvider;
import dev.earshot.api.backend.DeviceInfo;
import picocli.CommandLine.Command;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code earshot devices}: every backend on the class path, whether it can run here, and its devices. */
@Command(name = "devices", mixinStandardHelpOptions = true,
        description = "Lists the backends found, whether each can run on this machine, and their devices.")
final class DevicesCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        List<BackendProvider> providers = Backends.providers();
        if (providers.isEmpty()) {
            System.out.println("no backends on the class path");
            return 1;
        }
        for (BackendProvider provider : providers) {
            Availability availability = provider.availability();
            System.out.printf("%s: %s (%s)%n", provider.name(),
                    availability.isAvailable() ? "available, score " + availability.score() : "not available",
                    availability.detail());
            for (DeviceInfo device : provider.devices()) {
                System.out.printf("  [%d] %s — %s, %d compute units, %s%s%n", device.index(), device.name(),
                        device.kind(), device.computeUnits(), formatBytes(device.memoryBytes()),
                        device.capabilities().isEmpty() ? "" : ", " + String.join(", ", device.capabilities()));
            }
        }
        return 0;
    }

    private static String formatBytes(long bytes) {
        if (bytes <= 0) {
            return "memory unknown";
        }
        return String.format("%.1f GiB", bytes / (1024.0 * 1024 * 1024));
    }
}
