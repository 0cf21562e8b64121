package dev.earshot.audio.mel;

import dev.earshot.testkit.FloatTensor;
import dev.earshot.testkit.Reference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class MelFilterBankTest {

    /** The computed filters equal openai's {@code mel_filters.npz} bit for bit. */
    @ParameterizedTest(name = "{0} mel bins")
    @ValueSource(ints = {80, 128})
    void computedFiltersEqualOpenaiStoredFilters(int melCount) {
        FloatTensor stored = Reference.tensor(Reference.path("frontend", "mel_filters.safetensors"), "mel_" + melCount);
        MelFilterBank bank = MelFilterBank.whisper(melCount);

        assertEquals(melCount, stored.dim(0));
        assertEquals(bank.binCount(), stored.dim(1));
        assertArrayEquals(stored.data(), bank.toDense(), 0f, "filters differ from openai's mel_filters.npz");
    }

    @ParameterizedTest(name = "{0} mel bins")
    @ValueSource(ints = {80, 128})
    void applyingTheSparseBankEqualsTheDenseProduct(int melCount) {
        MelFilterBank bank = MelFilterBank.whisper(melCount);
        float[] dense = bank.toDense();
        double[] power = new double[bank.binCount()];
        java.util.Random random = new java.util.Random(7);
        for (int k = 0; k < power.length; k++) {
            power[k] = random.nextDouble() * 100;
        }
        double[] mel = new double[melCount];
        bank.apply(power, mel);
        for (int m = 0; m < melCount; m++) {
            double expected = 0;
            for (int k = 0; k < power.length; k++) {
                expected += dense[m * power.length + k] * power[k];
            }
            assertEquals(expected, mel[m], 1e-9 * Math.max(1, Math.abs(expected)), "mel band " + m);
        }
    }
}
