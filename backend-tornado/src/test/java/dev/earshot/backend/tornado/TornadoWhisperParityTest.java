package dev.earshot.backend.tornado;

import dev.earshot.api.backend.Backend;
import dev.earshot.backend.tck.WhisperParitySuite;

/** The TornadoVM backend against openai/whisper on the reference toy models (encoder, logits, decoding, long form). */
class TornadoWhisperParityTest extends WhisperParitySuite {

    @Override
    protected Backend openBackend() {
        return TornadoTestDevice.open();
    }
}
