package dev.earshot.backend.cuda;

import dev.earshot.api.backend.Availability;
import dev.earshot.api.backend.Backend;
import dev.earshot.api.backend.BackendOptions;
import dev.earshot.api.backend.BackendProvider;
import dev.earshot.api.backend.DeviceInfo;
import dev.earshot.api.backend.DeviceSelection;
import dev.earshot.api.backend.DeviceSelection.Discovery;

import java.util.List;
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

    /** A GPU that runs this build, with the PTX it loads (the same for every GPU; checked once with the devices). */
    record Usable(CudaDevices.Found device, String ptx) {
    }

    /** The usable devices, or why CUDA cannot run here; found once per provider. */
    private final DeviceSelection.Once<Usable> discovery = new DeviceSelection.Once<>(CudaBackendProvider::discover);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Availability availability() {
        Discovery<Usable> found = discovery.get();
        if (found.failure() != null) {
            return Availability.unavailable(found.failure());
        }
        return Availability.available(SCORE, found.devices().stream().map(Usable::device)
                .map(d -> d.info().name() + " (compute " + d.computeMajor() + "." + d.computeMinor() + ")")
                .collect(Collectors.joining("; ", "CUDA devices: ", "")));
    }

    @Override
    public List<DeviceInfo> devices() {
        return discovery.get().devices().stream().map(u -> u.device().info()).toList();
    }

    @Override
    public Backend open(BackendOptions options) {
        options.requireNoQuantization("cuda");
        // discovery fails rather than find no GPU, so there is always a device to select from
        List<Usable> devices = discovery.get().requireDevices(NAME, "CUDA GPU", "check the NVIDIA driver with nvidia-smi");
        // a GPU's number is its CUDA ordinal (its DeviceInfo index), which stays put when older GPUs are left out
        Usable chosen = DeviceSelection.select(NAME, devices, options.device(), devices.getFirst(),
                u -> u.device().info(), u -> DeviceSelection.numberAndName(u.device().info()));
        return new CudaBackend(chosen.device(), chosen.ptx());
    }

    /** Never throws. Checks, in order: this build's PTX, JCuda's native libraries and the driver, a GPU new enough. */
    static Discovery<Usable> discover() {
        Optional<String> ptx = KernelPtx.load();
        if (ptx.isEmpty()) {
            return Discovery.failed(KernelPtx.NO_PTX);
        }
        List<String> missing = KernelPtx.missingEntries(ptx.get());
        if (!missing.isEmpty()) {
            return Discovery.failed("this build's PTX lacks the kernels " + missing + "; the build is broken, rebuild earshot");
        }
        List<CudaDevices.Found> devices;
        try {
            devices = CudaDevices.discover();
        } catch (LinkageError e) {
            return Discovery.failed(NativeLoadFailure.reason(e));
        } catch (RuntimeException e) {
            return Discovery.failed("the CUDA driver did not initialise (" + e.getMessage() + "); check the NVIDIA driver with"
                    + " nvidia-smi");
        }
        if (devices.isEmpty()) {
            return Discovery.failed("the CUDA driver reports no GPU");
        }
        List<CudaDevices.Found> usable = devices.stream().filter(CudaDevices.Found::runsThisBuild).toList();
        if (usable.isEmpty()) {
            return Discovery.failed("no GPU of compute capability 7.5 or newer (found " + devices.stream()
                    .map(d -> d.info().name() + " " + d.computeMajor() + "." + d.computeMinor())
                    .collect(Collectors.joining(", ")) + "); this build's PTX targets compute_75");
        }
        return Discovery.found(usable.stream().map(d -> new Usable(d, ptx.get())).toList());
    }
}
