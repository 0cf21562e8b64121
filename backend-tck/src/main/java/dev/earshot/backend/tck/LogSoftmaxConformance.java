package dev.earshot.backend.tck;

import dev.earshot.api.backend.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.Objects;

/** {@code logSoftmax}: x − log Σ exp(x) per row, on vocabulary-sized rows. */
public interface LogSoftmaxConformance extends ConformanceContext {

    /**
     * Logits like a decoder's (deviation 4); where there are enough rows, one with a spike of +80 next to −80
     * (exp(80) overflows float, so the max must be subtracted first) and one constant row (every entry −log N).
     */
    @ParameterizedTest(name = "x [{0} × {1}]")
    @CsvSource({"3, 51865", "1, 51864", "2, 51866", "5, 7"})
    default void logSoftmaxMatchesReference(int rows, int cols) {
        SeededData data = new SeededData(Objects.hash("logSoftmax", rows, cols));
        float[] x = data.gaussian(rows * cols, 4);
        if (rows >= 3) {
            x[cols + 17] = 80;
            x[cols + 18] = -80;
            Arrays.fill(x, 2 * cols, 3 * cols, 3.25f);
        }
        Tensor out = zeros(rows, cols);

        backend().logSoftmax(out, activation(x, rows, cols));

        double[] logSumExps = new double[rows];
        double[] expected = ScalarReference.logSoftmax(x, rows, cols, logSumExps);
        double[] allowed = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            allowed[i] = OpTolerances.logSoftmax(cols, x[i], logSumExps[i / cols]);
        }
        Agreement.assertClose("logSoftmax [" + rows + " × " + cols + "]", cols, read(out), expected, allowed);
    }
}
