package dev.earshot.backend.opencl;

import dev.earshot.api.backend.Backend;
import dev.earshot.backend.tck.WhisperParitySuite;

/** The OpenCL backend against openai/whisper on the reference toy models (encoder, logits, decoding, long form). */
class OpenClWhisperParityTest extends WhisperParitySuite {

    @Override
    protected Backend openBackend() {
        return OpenClTestDevice.open();
    }
}
