package dev.earshot.backend.opencl;

import dev.earshot.api.backend.Backend;
import dev.earshot.api.backend.TransferStats;
import dev.earshot.backend.tck.ReferenceModels;
import dev.earshot.model.WhisperModel;
import dev.earshot.model.WhisperSession;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What crosses between host and device per decoded token, through the real model: the weights, activations and
 * KV caches stay on the device, so a step is one write (the token id, for the embedding gather) and one read
 * (the logits row). 2 copies per token.
 */
class DecodeStepTransfersTest {

    private static final int[] TOKENS = {50258, 50259, 50359, 50363, 440, 1468, 13};

    @Test
    void eachDecodedTokenIsOneIdWrittenAndOneLogitsRowRead() throws Exception {
        try (Backend backend = OpenClTestDevice.open();
             WhisperModel model = WhisperModel.load(ReferenceModels.modelDirectory("toy-multi"), backend);
             WhisperSession session = model.newSession()) {
            session.encode(ReferenceModels.decodeInputMel("jfk", model.config().melCount()).data());
            int vocabulary = model.config().vocabularySize();
            TransferStats onePerToken = new TransferStats(1, Integer.BYTES, 1, (long) vocabulary * Float.BYTES);
            for (int token : TOKENS) {
                TransferStats before = backend.transfers();
                session.decode(token);
                TransferStats step = backend.transfers().since(before);
                assertEquals(onePerToken, step, "decoding token " + token + " at position " + (session.decodedLength() - 1)
                        + " should cross host↔device exactly 2 times (1 write of the 4-byte token id, 1 read of the "
                        + vocabulary + " logits): " + step);
            }
        }
    }
}
