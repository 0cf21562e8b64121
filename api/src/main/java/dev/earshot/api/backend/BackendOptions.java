package dev.earshot.api.backend;

/**
 * How to open a backend: which device ({@code null} for the provider's default; an index into
 * {@link BackendProvider#devices()} or a case-insensitive part of a device name), how many host
 * threads it may use (0 for its own default), and whether it may quantize weights (see
 * {@link WeightQuantization}; a backend that cannot refuses to open rather than ignore it).
 */
public record BackendOptions(String device, int threads, WeightQuantization quantization) {

    public BackendOptions {
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be >= 0 (0 = the backend's default), not " + threads);
        }
        if (quantization == null) {
            throw new IllegalArgumentException("quantization must be given; WeightQuantization.NONE keeps the stored weights");
        }
    }

    /** Stored weights, no quantization. */
    public BackendOptions(String device, int threads) {
        this(device, threads, WeightQuantization.NONE);
    }

    public static BackendOptions defaults() {
        return new BackendOptions(null, 0);
    }

    public BackendOptions withThreads(int threads) {
        return new BackendOptions(device, threads, quantization);
    }

    public BackendOptions withDevice(String device) {
        return new BackendOptions(device, threads, quantization);
    }

    public BackendOptions withQuantization(WeightQuantization quantization) {
        return new BackendOptions(device, threads, quantization);
    }

    /**
     * For backends without quantized kernels: throws {@link BackendUnavailableException} naming the backend
     * unless the stored weights are asked for.
     */
    public void requireNoQuantization(String backend) {
        if (quantization != WeightQuantization.NONE) {
            throw new BackendUnavailableException("the " + backend + " backend has no " + quantization
                    + " weights; only the cpu backend quantizes, so leave quantization off (NONE) for " + backend);
        }
    }
}
