package dev.earshot.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Attention's softmax skips work the plain passes do (a blend for the maximum, the sum fused with the
 * exponentials, no all-zero vectors); its results must stay those of the plain passes bit for bit, or the
 * encoder's output would move. Rows cover every tail length, −∞ padding, ties at zero of both signs, scores far
 * below the maximum (the exponential's cut to 0) and whole padding vectors past the last key. Peaked rows must give
 * no subnormal probability: each one would slow every later multiply that reads it by a microcode assist.
 */
class SoftmaxRowTest {

    private static final int LANES = LinearKernel.LANES;

    @Test
    void equalsThePlainPassesBitForBit() {
        SplittableRandom random = new SplittableRandom(11);
        for (int trial = 0; trial < 3_000; trial++) {
            int last = random.nextInt(0, 5 * LANES);
            int width = LinearKernel.ceilDiv(last + 1, LANES) * LANES + LANES * random.nextInt(0, 3);
            int row = random.nextInt(0, 3) * width;
            float[] rows = new float[row + width + LANES];
            Arrays.fill(rows, Float.NaN); // outside the row: must stay untouched
            for (int j = 0; j <= last; j++) {
                rows[row + j] = switch (random.nextInt(0, 6)) {
                    case 0 -> 0f;
                    case 1 -> -0f;
                    case 2 -> (float) (random.nextGaussian() * 200); // far below the maximum: exp gives 0
                    default -> (float) random.nextGaussian() * 4;
                };
            }
            Arrays.fill(rows, row + last + 1, row + width, Float.NEGATIVE_INFINITY);
            float[] expected = rows.clone();
            plainPasses(expected, row, last, width);

            AttentionKernel.softmaxInPlace(rows, row, last, width);

            for (int j = 0; j < rows.length; j++) {
                assertEquals(Float.floatToRawIntBits(expected[j]), Float.floatToRawIntBits(rows[j]),
                        "element " + j + " (row at " + row + ", last " + last + ", width " + width + ") of trial " + trial);
            }
        }
    }

    @Test
    void peakedRowsGiveNoSubnormalProbability() {
        SplittableRandom random = new SplittableRandom(5);
        int keys = 1500;
        int width = LinearKernel.ceilDiv(keys, LANES) * LANES;
        for (int trial = 0; trial < 50; trial++) {
            float[] rows = new float[width];
            double spread = 10 + trial * 2; // up to ~100: exponentials of s − max from 1 down to far below e⁻⁸⁷
            for (int j = 0; j < keys; j++) {
                rows[j] = (float) (random.nextGaussian() * spread);
            }
            Arrays.fill(rows, keys, width, Float.NEGATIVE_INFINITY);

            AttentionKernel.softmaxInPlace(rows, 0, keys - 1, width);

            int zeros = 0;
            for (int j = 0; j < width; j++) {
                assertTrue(rows[j] == 0 || rows[j] >= Float.MIN_NORMAL, "probability " + j + " = " + rows[j] + " (spread " + spread + ")");
                zeros += rows[j] == 0 ? 1 : 0;
            }
            assertTrue(zeros > width - keys, "spread " + spread + " should cut some probabilities to 0");
        }
    }

    /** max; exp(s − max); 0 past last; sum over the vectors in order; scale: the definition the kernel keeps. */
    private static void plainPasses(float[] rows, int row, int last, int width) {
        FloatVector maxima = FloatVector.broadcast(LinearKernel.SPECIES, Float.NEGATIVE_INFINITY);
        for (int j = 0; j < width; j += LANES) {
            maxima = maxima.max(FloatVector.fromArray(LinearKernel.SPECIES, rows, row + j));
        }
        float max = maxima.reduceLanes(VectorOperators.MAX);
        for (int j = 0; j < width; j += LANES) {
            FastExp.exp(FloatVector.fromArray(LinearKernel.SPECIES, rows, row + j).sub(max)).intoArray(rows, row + j);
        }
        Arrays.fill(rows, row + last + 1, row + width, 0f);
        FloatVector sums = FloatVector.zero(LinearKernel.SPECIES);
        for (int j = 0; j < width; j += LANES) {
            sums = sums.add(FloatVector.fromArray(LinearKernel.SPECIES, rows, row + j));
        }
        float inverse = 1 / LinearKernel.sumLanes(sums);
        for (int j = 0; j < width; j += LANES) {
            FloatVector.fromArray(LinearKernel.SPECIES, rows, row + j).mul(inverse).intoArray(rows, row + j);
        }
    }
}
