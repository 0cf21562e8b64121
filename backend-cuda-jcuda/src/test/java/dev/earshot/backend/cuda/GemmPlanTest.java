package dev.earshot.backend.cuda;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The cuBLAS arguments for a row-major linear, checked on the host: a column-major SGEMM and SGER written from
 * cuBLAS's documented semantics, fed the plan's arguments and the row-major buffers as they lie in device memory,
 * must give x·Wᵀ + b in row-major order.
 */
class GemmPlanTest {

    @Test
    void planComputesRowMajorLinearThroughColumnMajorBlas() {
        Random random = new Random(7);
        int rows = 5, features = 7, k = 3;
        float[] x = random(random, rows * k);
        float[] w = random(random, features * k);
        float[] bias = random(random, features);
        GemmPlan plan = GemmPlan.linear(rows, features, k);
        float[] out = new float[rows * features];
        sgemm(plan.transposeA(), plan.transposeB(), plan.m(), plan.n(), plan.k(), w, plan.lda(), x, plan.ldb(), out, plan.ldc());
        float[] ones = {1, 1, 1, 1, 1, 1, 1, 1};
        sger(plan.biasRows(), plan.biasColumns(), bias, ones, out, plan.ldc());
        for (int r = 0; r < rows; r++) {
            for (int f = 0; f < features; f++) {
                float expected = 0;
                for (int c = 0; c < k; c++) {
                    expected += x[r * k + c] * w[f * k + c];
                }
                expected += bias[f];
                assertEquals(expected, out[r * features + f], 1e-5f, "out[" + r + "][" + f + "]");
            }
        }
    }

    @Test
    void nonPositiveSizesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> GemmPlan.linear(0, 4, 4));
    }

    /** C (m × n, column-major, ldc) = op(A) · op(B), op(A) m × k, op(B) k × n, as cublasSgemm with beta = 0. */
    private static void sgemm(boolean transA, boolean transB, int m, int n, int k, float[] a, int lda, float[] b, int ldb,
                              float[] c, int ldc) {
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < m; i++) {
                float sum = 0;
                for (int p = 0; p < k; p++) {
                    float av = transA ? a[p + i * lda] : a[i + p * lda];
                    float bv = transB ? b[j + p * ldb] : b[p + j * ldb];
                    sum += av * bv;
                }
                c[i + j * ldc] = sum;
            }
        }
    }

    /** A (m × n, column-major, lda) += x · yᵀ, as cublasSger with alpha = 1. */
    private static void sger(int m, int n, float[] x, float[] y, float[] a, int lda) {
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < m; i++) {
                a[i + j * lda] += x[i] * y[j];
            }
        }
    }

    private static float[] random(Random random, int n) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = random.nextFloat() * 2 - 1;
        }
        return values;
    }
}
