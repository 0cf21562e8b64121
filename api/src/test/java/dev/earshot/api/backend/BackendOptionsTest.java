package dev.earshot.api.backend;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackendOptionsTest {

    @Test
    void storedWeightsAreTheDefaultAndSurviveTheOtherSetters() {
        BackendOptions options = BackendOptions.defaults().withThreads(3).withDevice("1");
        assertEquals(WeightQuantization.NONE, options.quantization());
        BackendOptions quantized = options.withQuantization(WeightQuantization.Q8_0).withThreads(2).withDevice("0");
        assertEquals(WeightQuantization.Q8_0, quantized.quantization());
        assertEquals(2, quantized.threads());
        assertEquals("0", quantized.device());
    }

    @Test
    void aBackendWithoutQuantizedKernelsRefusesQ8WithWhatToDo() {
        BackendOptions.defaults().requireNoQuantization("opencl"); // stored weights: nothing to refuse
        BackendUnavailableException thrown = assertThrows(BackendUnavailableException.class,
                () -> BackendOptions.defaults().withQuantization(WeightQuantization.Q8_0).requireNoQuantization("opencl"));
        assertTrue(thrown.getMessage().contains("opencl") && thrown.getMessage().contains("Q8_0")
                && thrown.getMessage().contains("only the cpu backend"), thrown.getMessage());
    }

    @Test
    void badValuesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new BackendOptions(null, -1));
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                () -> new BackendOptions(null, 0, null));
        assertTrue(thrown.getMessage().contains("NONE"), thrown.getMessage());
    }
}
