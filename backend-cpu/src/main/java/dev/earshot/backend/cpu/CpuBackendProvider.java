package dev.earshot.backend.cpu;

import dev.earshot.api.backend.Availability;
import dev.earshot.api.backend.Backend;
import dev.earshot.api.backend.BackendOptions;
import dev.earshot.api.backend.BackendProvider;
import dev.earshot.api.backend.BackendUnavailableException;
import dev.earshot.api.backend.DeviceInfo;
import dev.earshot.api.backend.WeightQuantization;

import java.nio.ByteOrder;
import java.util.List;
import java.util.Locale;

/**
 * The pure-Java CPU backend ({@code --backend cpu}): runs wherever the JVM has the Vector API module, with the
 * lowest score so any available accelerator backend is preferred by {@code --backend auto}.
 */
public final class CpuBackendProvider implements BackendProvider {

    static final String NAME = "cpu";
    private static final String VECTOR_MODULE = "jdk.incubator.vector";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Availability availability() {
        String missing = missingRequirement();
        if (missing != null) {
            return Availability.unavailable(missing);
        }
        return Availability.available(1, "Java " + Runtime.getRuntime().availableProcessors() + " cores, Vector API "
                + VectorShape.describe());
    }

    @Override
    public List<DeviceInfo> devices() {
        return missingRequirement() == null ? List.of(CpuDevice.describe("Vector API " + VectorShape.describe())) : List.of();
    }

    /**
     * @param options device {@code null}, {@code "0"}, or part of the processor's name (or "cpu"); threads 0 for
     *                one per available processor
     */
    @Override
    public Backend open(BackendOptions options) {
        String missing = missingRequirement();
        if (missing != null) {
            throw new BackendUnavailableException("the cpu backend cannot run here: " + missing);
        }
        DeviceInfo device = devices().getFirst();
        String wanted = options.device();
        if (wanted != null && !matches(device, wanted)) {
            throw new BackendUnavailableException("the cpu backend has no device '" + wanted + "'; its only device is 0: "
                    + device.name());
        }
        int threads = options.threads() == 0 ? Runtime.getRuntime().availableProcessors() : options.threads();
        boolean quantized = options.quantization() == WeightQuantization.Q8_0;
        String cannotQuantize = quantized ? QuantizedGemv.unsupportedReason() : null;
        if (cannotQuantize != null) {
            throw new BackendUnavailableException("the cpu backend cannot quantize here: " + cannotQuantize);
        }
        return new CpuBackend(device, threads, quantized);
    }

    private static boolean matches(DeviceInfo device, String wanted) {
        String w = wanted.trim().toLowerCase(Locale.ROOT);
        return w.equals("0") || w.equals(NAME) || (!w.isEmpty() && device.name().toLowerCase(Locale.ROOT).contains(w));
    }

    /** Why the backend cannot run in this JVM, or null. Touches no Vector API class, so it cannot fail to link. */
    private static String missingRequirement() {
        if (ModuleLayer.boot().findModule(VECTOR_MODULE).isEmpty()) {
            return "the Java Vector API is not enabled; start java with --add-modules " + VECTOR_MODULE;
        }
        if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
            return "this processor is big-endian; the cpu backend reads little-endian weights in place";
        }
        return null;
    }
}
