package dev.earshot.backend.tck;

import dev.earshot.api.backend.Tensor;
import org.junit.jupiter.api.Test;

/** {@code gelu}: the exact x·Φ(x), in place, across the whole float range. */
public interface GeluConformance extends ConformanceContext {

    /** Values activations reach (±8) densely, then the tails and the region next to zero. */
    @Test
    default void geluMatchesReferenceFromTinyToHugeInputs() {
        float[] special = {0f, -0f, 1e-20f, -1e-20f, 1e-6f, -1e-6f, 1e-3f, -1e-3f, 0.5f, -0.5f, 1f, -1f, 2f, -2f,
                3f, -3f, 5f, -5f, 7f, -7f, 10f, -10f, 13f, -13f, 20f, -20f, 30f, -30f, 1e4f, -1e4f, 1e30f, -1e30f};
        float[] dense = new SeededData(11).uniform(4096 - special.length, 8);
        float[] x = new float[4096];
        System.arraycopy(special, 0, x, 0, special.length);
        System.arraycopy(dense, 0, x, special.length, dense.length);
        Tensor t = activation(x, 64, 64);

        backend().gelu(t);

        double[] expected = new double[x.length];
        double[] allowed = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            expected[i] = ScalarReference.gelu(x[i]);
            allowed[i] = OpTolerances.gelu(x[i], expected[i]);
        }
        Agreement.assertClose("gelu (x[0.." + special.length + ") are " + java.util.Arrays.toString(special) + ")", 64,
                read(t), expected, allowed);
    }

    /** In place on a row view: the rows around it are left alone. */
    @Test
    default void geluOnARowViewChangesOnlyThoseRows() {
        float[] x = new SeededData(12).uniform(6 * 8, 3);
        Tensor t = activation(x, 6, 8);

        backend().gelu(backend().rows(t, 2, 3));

        float[] after = read(t);
        double[] expected = new double[x.length];
        double[] allowed = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            boolean inView = i >= 2 * 8 && i < 5 * 8;
            expected[i] = inView ? ScalarReference.gelu(x[i]) : x[i];
            allowed[i] = inView ? OpTolerances.gelu(x[i], expected[i]) : 0;
        }
        Agreement.assertClose("gelu on rows [2, 5) of [6 × 8]", 8, after, expected, allowed);
    }
}
