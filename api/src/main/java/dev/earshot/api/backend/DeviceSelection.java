package dev.earshot.api.backend;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * How a device backend's provider finds its devices once and picks the one {@link BackendOptions#device()} asks for,
 * with the same rules and messages on every backend. For backend implementations.
 */
public final class DeviceSelection {

    private static final String HOW_TO_NAME = "name one by its number or by part of its name";

    private DeviceSelection() {
    }

    /**
     * The devices a provider found, or why it could not look for them (a missing library or driver).
     *
     * @param devices the devices found, empty when {@code failure} is set
     * @param failure why none could be looked for, or null
     * @param <D>     the provider's own description of a device
     */
    public record Discovery<D>(List<D> devices, String failure) {

        public Discovery {
            devices = List.copyOf(devices);
            if (failure != null && !devices.isEmpty()) {
                throw new IllegalArgumentException("a failed discovery has no devices, but " + devices.size()
                        + " were given with the failure: " + failure);
            }
        }

        /** What looking succeeded with; may be no device at all. */
        public static <D> Discovery<D> found(List<D> devices) {
            return new Discovery<>(devices, null);
        }

        /** @param why what is missing or broken, and what to do about it */
        public static <D> Discovery<D> failed(String why) {
            return new Discovery<>(List.of(), why);
        }

        /**
         * The devices, for {@link BackendProvider#open}: at least one.
         *
         * @param backend      the backend's name, for the messages
         * @param deviceKind   what the backend looked for ("OpenCL device"), for the message when it found none
         * @param whenNoDevice what the user can do when the backend runs here but found no device
         * @throws BackendUnavailableException with the failure, or saying that no device was found
         */
        public List<D> requireDevices(String backend, String deviceKind, String whenNoDevice) {
            if (failure != null) {
                throw new BackendUnavailableException("the " + backend + " backend cannot run here: " + failure);
            }
            if (devices.isEmpty()) {
                throw new BackendUnavailableException("the " + backend + " backend found no " + deviceKind + "; "
                        + whenNoDevice);
            }
            return devices;
        }
    }

    /**
     * A discovery run the first time it is asked for and kept: drivers are slow to enumerate, and a provider answers
     * {@link BackendProvider#availability()}, {@link BackendProvider#devices()} and {@link BackendProvider#open} from
     * the same look. Safe to share between threads.
     *
     * @param <D> the provider's own description of a device
     */
    public static final class Once<D> {

        private final Supplier<Discovery<D>> discover;
        private Discovery<D> discovery;

        /** @param discover looks for the devices; must not throw (a failure is a {@link Discovery#failed} answer) */
        public Once(Supplier<Discovery<D>> discover) {
            this.discover = discover;
        }

        /** The discovery's answer, looking for the devices if this is the first call. */
        public synchronized Discovery<D> get() {
            if (discovery == null) {
                discovery = discover.get();
            }
            return discovery;
        }
    }

    /**
     * The device {@code wanted} names: its {@link DeviceInfo#index()} when it is a number, otherwise the first device
     * whose name contains it, ignoring case and surrounding blanks.
     *
     * @param backend         the backend's name, for the messages
     * @param devices         the devices found, at least one
     * @param wanted          {@link BackendOptions#device()}: null for {@code whenUnspecified}
     * @param whenUnspecified the backend's default device
     * @param info            each device's {@link DeviceInfo}
     * @param describe        how a device is listed in the messages (see {@link #numberAndName(DeviceInfo)})
     * @throws BackendUnavailableException when no device matches; it lists the devices and how to name one
     */
    public static <D> D select(String backend, List<D> devices, String wanted, D whenUnspecified,
            Function<? super D, DeviceInfo> info, Function<? super D, String> describe) {
        if (wanted == null) {
            return whenUnspecified;
        }
        String w = wanted.trim().toLowerCase(Locale.ROOT);
        if (w.matches("\\d+")) {
            // a number too long for an int names no device either, and must say so rather than fail to parse
            long index = w.length() > 9 ? Long.MAX_VALUE : Long.parseLong(w);
            return devices.stream().filter(d -> info.apply(d).index() == index).findFirst()
                    .orElseThrow(() -> new BackendUnavailableException("the " + backend + " backend has no device " + w
                            + " (there are " + devices.size() + "): " + listing(devices, describe) + "; " + HOW_TO_NAME));
        }
        return devices.stream().filter(d -> !w.isEmpty() && info.apply(d).name().toLowerCase(Locale.ROOT).contains(w))
                .findFirst().orElseThrow(() -> new BackendUnavailableException("the " + backend
                        + " backend has no device named '" + wanted + "'; the devices are " + listing(devices, describe)
                        + "; " + HOW_TO_NAME));
    }

    /** {@code "0: NVIDIA GeForce RTX 3060"}: what {@code --device} takes, and which device that is. */
    public static String numberAndName(DeviceInfo device) {
        return device.index() + ": " + device.name();
    }

    private static <D> String listing(List<D> devices, Function<? super D, String> describe) {
        return devices.stream().map(describe).collect(Collectors.joining("; "));
    }
}
