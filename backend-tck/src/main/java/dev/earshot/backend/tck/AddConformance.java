package dev.earshot.backend.tck;

import dev.earshot.api.backend.DType;
import dev.earshot.api.backend.Op;
import dev.earshot.api.backend.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Objects;

/**
 * {@code add}: element-wise a + b. IEEE 754 addition is correctly rounded on every device (OpenCL and CUDA
 * included), and widening F16/BF16 to float is exact, so the result must equal Java's float sum bit for bit.
 */
public interface AddConformance extends ConformanceContext {

    @Test
    default void addOfTwoActivations() {
        SeededData data = new SeededData(21);
        float[] a = data.gaussian(1500 * 384, 3);
        float[] b = data.gaussian(1500 * 384, 3);
        Tensor out = zeros(1500, 384);

        backend().add(out, activation(a, 1500, 384), activation(b, 1500, 384));

        Agreement.assertExact("add", 384, read(out), floatSum(a, b));
    }

    /** The residual update {@code x = x + y}, written either way round, and {@code x = x + x}. */
    @Test
    default void addInPlace() {
        SeededData data = new SeededData(22);
        float[] a = data.gaussian(7 * 64, 3);
        float[] b = data.gaussian(7 * 64, 3);
        Tensor left = activation(a, 7, 64);
        Tensor right = activation(b, 7, 64);
        backend().add(left, left, right);
        Agreement.assertExact("add with out == a", 64, read(left), floatSum(a, b));

        Tensor other = activation(a, 7, 64);
        backend().add(right, other, right);
        Agreement.assertExact("add with out == b", 64, read(right), floatSum(a, b));

        Tensor both = activation(a, 7, 64);
        backend().add(both, both, both);
        Agreement.assertExact("add with out == a == b", 64, read(both), floatSum(a, a));
    }

    /** The encoder adds its stored sinusoidal positions, a weight of the checkpoint's type. */
    @ParameterizedTest(name = "{0} positions")
    @EnumSource(DType.class)
    default void addOfAWeightOperand(DType type) {
        assumeSupported(Op.ADD, type);
        SeededData data = new SeededData(Objects.hash("addWeight", type.name()));
        float[] x = data.gaussian(1500 * 384, 3);
        Uploaded positions = weight("encoder.positional_embedding", type, 1500, 384, data.uniform(1500 * 384, 1));
        Tensor residual = activation(x, 1500, 384);

        backend().add(residual, residual, positions.tensor());

        Agreement.assertExact("add of " + type + " positions", 384, read(residual), floatSum(x, positions.values()));
    }

    /** The decoder adds positions [length, length + count) of its learned position table: a row view of a weight. */
    @ParameterizedTest(name = "{0} positions")
    @EnumSource(DType.class)
    default void addOfARowViewOfAWeight(DType type) {
        assumeSupported(Op.ADD, type);
        SeededData data = new SeededData(Objects.hash("addWeightRows", type.name()));
        int d = 64;
        float[] x = data.gaussian(3 * d, 3);
        Uploaded positions = weight("decoder.positional_embedding", type, 448, d, data.uniform(448 * d, 1));
        Tensor residual = activation(x, 3, d);

        backend().add(residual, residual, backend().rows(positions.tensor(), 5, 3));

        float[] rows = java.util.Arrays.copyOfRange(positions.values(), 5 * d, 8 * d);
        Agreement.assertExact("add of " + type + " position rows [5, 8)", d, read(residual), floatSum(x, rows));
    }

    private static float[] floatSum(float[] a, float[] b) {
        float[] sum = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            sum[i] = a[i] + b[i];
        }
        return sum;
    }
}
