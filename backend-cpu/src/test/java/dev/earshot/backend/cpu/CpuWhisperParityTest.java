package dev.earshot.backend.cpu;

import dev.earshot.api.backend.Backend;
import dev.earshot.api.backend.BackendOptions;
import dev.earshot.backend.tck.WhisperParitySuite;

/** The CPU backend against openai/whisper on the reference toy models (encoder, logits, decoding, long form). */
class CpuWhisperParityTest extends WhisperParitySuite {
    @Override
    protected Backend openBackend() {
        return new CpuBackendProvider().open(BackendOptions.defaults());
    }
}
