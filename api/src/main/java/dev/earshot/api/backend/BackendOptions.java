package dev.earshot.api.backend;

/**
 * How to open a backend: which device ({@code null} for the provider's default; an index into
 * {@link BackendProvider#devices()} or a case-insensitive part of a device name) and how many host
 * threads it may use (0 for its own default).
 */
public record BackendOptions(String device, int threads) {

    public BackendOptions {
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be >= 0 (0 = the backend's default), not " + threads);
        }
    }

    public static BackendOptions defaults() {
        return new BackendOptions(null, 0);
    }

    public BackendOptions withThreads(int threads) {
        return new BackendOptions(device, threads);
    }

    public BackendOptions withDevice(String device) {
        return new BackendOptions(device, threads);
    }
}
