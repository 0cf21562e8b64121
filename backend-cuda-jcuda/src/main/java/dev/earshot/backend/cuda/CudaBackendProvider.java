package dev.earshot.backend.cuda;

import dev.earshot.api.backend.Availability;
import dev.earshot.api.backend.Backend;
import dev.earshot.api.backend.BackendOptions;
import dev.earshot.api.backend.BackendProvider;
import dev.earshot.api.backend.BackendUnavailableException;
import dev.earshot.api.backend.DeviceInfo;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The CUDA backend ({@code --backend cuda}) on NVIDIA GPUs through JCuda. Score 20 when a usable GPU is present, above
 * OpenCL's 10, because cuBLAS is the fastest GEMM on those devices. Without a driver, cuBLAS, a GPU or this build's
 * PTX, it says which one is missing and {@code --backend auto} moves on.
 *
 * <p>This class touches no JCuda type directly: discovery runs in {@link #discover()}, which catches the
 * {@link LinkageError} JCuda throws when its native libraries cannot load.
 */
public final class CudaBackendProvider implements BackendProvider {

    static final String NAME = "cuda";
    private static final int SCORE = 20;

    /** The usable devices and this build's PTX, or why CUDA cannot run here; found once per provider. */
    record Discovery(List<CudaDevices.Found> devices, String ptx, String failure) {
    }

    private Discovery discovery;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Availability availability() {
        Discovery found = discovery();
        if (found.failure() != null) {
            return Availability.unavailable(found.failure());
        }
        return Availability.available(SCORE, found.devices().stream()
                .map(d -> d.info().name() + " (compute " + d.computeMajor() + "." + d.computeMinor() + ")")
                .collect(Collectors.joining("; ", "CUDA devices: ", "")));
    }

    @Override
    public List<DeviceInfo> devices() {
        return discovery().devices().stream().map(CudaDevices.Found::info).toList();
    }

    @Override
    public Backend open(BackendOptions options) {
        options.requireNoQuantization("cuda");
        Discovery found = discovery();
        if (found.failure() != null) {
            throw new BackendUnavailableException("the cuda backend cannot run here: " + found.failure());
        }
        return new CudaBackend(select(found.devices(), options.device()), found.ptx());
    }

    static CudaDevices.Found select(List<CudaDevices.Found> devices, String wanted) {
        if (wanted == null) {
            return devices.getFirst();
        }
        String w = wanted.trim().toLowerCase(Locale.ROOT);
        String available = devices.stream().map(d -> d.ordinal() + ": " + d.info().name()).collect(Collectors.joining("; "));
        if (w.matches("\\d+")) {
            int index = Integer.parseInt(w);
            return devices.stream().filter(d -> d.ordinal() == index).findFirst().orElseThrow(() ->
                    new BackendUnavailableException("the cuda backend has no device " + index + "; the devices are " + available));
        }
        return devices.stream().filter(d -> !w.isEmpty() && d.info().name().toLowerCase(Locale.ROOT).contains(w))
                .findFirst().orElseThrow(() -> new BackendUnavailableException("the cuda backend has no device named '"
                        + wanted + "'; the devices are " + available));
    }

    private synchronized Discovery discovery() {
        if (discovery == null) {
            discovery = discover();
        }
        return discovery;
    }

    /** Never throws. Checks, in order: this build's PTX, JCuda's native libraries and the driver, a GPU new enough. */
    static Discovery discover() {
        Optional<String> ptx = KernelPtx.load();
        if (ptx.isEmpty()) {
            return failed(KernelPtx.NO_PTX);
        }
        List<String> missing = KernelPtx.missingEntries(ptx.get());
        if (!missing.isEmpty()) {
            return failed("this build's PTX lacks the kernels " + missing + "; the build is broken, rebuild earshot");
        }
        List<CudaDevices.Found> devices;
        try {
            devices = CudaDevices.discover();
        } catch (LinkageError e) {
            return failed(NativeLoadFailure.reason(e));
        } catch (RuntimeException e) {
            return failed("the CUDA driver did not initialise (" + e.getMessage() + "); check the NVIDIA driver with"
                    + " nvidia-smi");
        }
        if (devices.isEmpty()) {
            return failed("the CUDA driver reports no GPU");
        }
        List<CudaDevices.Found> usable = devices.stream().filter(CudaDevices.Found::runsThisBuild).toList();
        if (usable.isEmpty()) {
            return failed("no GPU of compute capability 7.5 or newer (found " + devices.stream()
                    .map(d -> d.info().name() + " " + d.computeMajor() + "." + d.computeMinor())
                    .collect(Collectors.joining(", ")) + "); this build's PTX targets compute_75");
        }
        return new Discovery(usable, ptx.get(), null);
    }

    private static Discovery failed(String why) {
        return new Discovery(List.of(), null, why);
    }
}
