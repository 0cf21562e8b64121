package dev.earshot.backend.cuda;

import dev.earshot.api.backend.Backend;
import dev.earshot.backend.tck.WhisperParitySuite;

/** The CUDA backend against openai/whisper on the reference toy models; skipped, with the reason, without a device. */
class CudaWhisperParityTest extends WhisperParitySuite {

    @Override
    protected Backend openBackend() {
        return CudaTestDevice.open();
    }
}
