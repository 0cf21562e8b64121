package dev.earshot.backend.cpu;

import dev.earshot.api.backend.AttentionSpec;
import dev.earshot.api.backend.Backend;
import dev.earshot.api.backend.BackendOptions;
import dev.earshot.api.backend.DType;
import dev.earshot.api.backend.Tensor;
import dev.earshot.api.backend.WeightData;
import dev.earshot.backend.tck.BackendConformanceSuite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.opentest4j.AssertionFailedError;

import java.util.function.Consumer;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The conformance kit must fail a backend with a typical bug: each test plants one in a wrapper around the CPU
 * backend and runs the kit's test for that op, which has to fail (and passes on the unmodified backend).
 */
class ConformanceSuiteCatchesBugsTest {

    @Test
    void aDroppedBiasFailsLinear() {
        assertCaught(b -> new DelegatingBackend(b) {
            @Override
            public void linear(Tensor out, Tensor x, Tensor weight, Tensor bias) {
                delegate.linear(out, x, weight, null);
            }
        }, suite -> suite.linearMatchesReference(DType.F32, 7, 37, 13, true));
    }

    /** Keys j ≤ i + T_k − T_q − 1 instead of ≤ i + T_k − T_q: the last visible key is dropped. */
    @Test
    void aCausalOffsetOffByOneFailsAttention() {
        Function<Backend, Backend> offByOne = b -> new DelegatingBackend(b) {
            @Override
            public void attention(Tensor out, Tensor q, Tensor k, Tensor v, AttentionSpec spec, Tensor scores) {
                if (spec.causal() && q.rows() < k.rows()) {
                    delegate.attention(out, q, delegate.rows(k, 0, k.rows() - 1), delegate.rows(v, 0, v.rows() - 1), spec, null);
                } else {
                    delegate.attention(out, q, k, v, spec, scores);
                }
            }
        };
        assertCaught(offByOne, suite -> suite.attentionMatchesReference(2, 64, 13, 40, true, false));
        assertCaught(offByOne, BackendConformanceSuite::causalQueriesSeeExactlyTheirPrefix);
    }

    /** The causal mask applied as if queries started at position 0 (j ≤ i), forgetting the offset T_k − T_q. */
    @Test
    void aCausalMaskWithoutOffsetFailsTheCachedStep() {
        assertCaught(b -> new DelegatingBackend(b) {
            @Override
            public void attention(Tensor out, Tensor q, Tensor k, Tensor v, AttentionSpec spec, Tensor scores) {
                if (spec.causal() && q.rows() == 1) {
                    delegate.attention(out, q, delegate.rows(k, 0, 1), delegate.rows(v, 0, 1), spec, null);
                } else {
                    delegate.attention(out, q, k, v, spec, scores);
                }
            }
        }, suite -> suite.attentionMatchesReference(6, 64, 1, 37, true, false));
    }

    /** The tanh approximation of GELU, as some frameworks use. */
    @Test
    void tanhGeluFailsGelu() {
        assertCaught(b -> new DelegatingBackend(b) {
            @Override
            public void gelu(Tensor x) {
                float[] values = hostCopy(x);
                for (int i = 0; i < values.length; i++) {
                    double v = values[i];
                    values[i] = (float) (0.5 * v * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v * v * v))));
                }
                delegate.write(x, values);
            }
        }, BackendConformanceSuite::geluMatchesReferenceFromTinyToHugeInputs);
    }

    /** Variance as E[x²] − E[x]² in float, which cancels catastrophically when |mean| ≫ deviation. */
    @Test
    void onePassFloatVarianceFailsLayerNorm() {
        assertCaught(b -> new DelegatingBackend(b) {
            @Override
            public void layerNorm(Tensor out, Tensor x, Tensor gamma, Tensor beta, float eps) {
                float[] values = hostCopy(x);
                float[] g = hostCopy(gamma);
                float[] s = hostCopy(beta);
                int d = x.cols();
                for (int r = 0; r < x.rows(); r++) {
                    float sum = 0;
                    float squares = 0;
                    for (int c = 0; c < d; c++) {
                        sum += values[r * d + c];
                        squares += values[r * d + c] * values[r * d + c];
                    }
                    float mean = sum / d;
                    float variance = Math.max(0, squares / d - mean * mean);
                    float scale = (float) (1 / Math.sqrt(variance + eps));
                    for (int c = 0; c < d; c++) {
                        values[r * d + c] = (values[r * d + c] - mean) * scale * g[c] + s[c];
                    }
                }
                delegate.write(out, values);
            }
        }, suite -> suite.layerNormMatchesReference(DType.F32, 7, 64, 1e-5f));
    }

    /** Copying row by row inside one tensor without staging the sources. */
    @Test
    void unstagedCopyRowsFailsThePermutation() {
        assertCaught(b -> new DelegatingBackend(b) {
            @Override
            public void copyRows(Tensor dst, int[] dstRows, Tensor src, int[] srcRows) {
                for (int i = 0; i < dstRows.length; i++) {
                    delegate.copyRows(dst, new int[] {dstRows[i]}, src, new int[] {srcRows[i]});
                }
            }
        }, BackendConformanceSuite::copyRowsWithinOneTensorIsAPermutation);
    }

    /** F16 weights decoded as if they were BF16. */
    @Test
    void f16ReadAsBf16FailsLinear() {
        assertCaught(b -> new DelegatingBackend(b) {
            @Override
            public Tensor upload(WeightData weight) {
                DType type = weight.dtype() == DType.F16 ? DType.BF16 : weight.dtype();
                return delegate.upload(new WeightData(weight.name(), type, weight.rows(), weight.cols(), weight.data()));
            }
        }, suite -> suite.linearMatchesReference(DType.F16, 1, 384, 384, true));
    }

    /** Runs {@code test} on the real backend (must pass) and on the broken one (must fail an assertion). */
    private static void assertCaught(Function<Backend, Backend> breaker, Consumer<BackendConformanceSuite> test) {
        assertDoesNotThrow(run(Function.identity(), test), "the kit's test fails on the unmodified backend");
        assertThrows(AssertionFailedError.class, run(breaker, test), "the kit's test passes a backend with the bug");
    }

    private static Executable run(Function<Backend, Backend> breaker, Consumer<BackendConformanceSuite> test) {
        return () -> {
            BackendConformanceSuite suite = new BackendConformanceSuite() {
                @Override
                protected Backend openBackend() {
                    return breaker.apply(new CpuBackendProvider().open(BackendOptions.defaults().withThreads(2)));
                }
            };
            suite.openBackendUnderTest();
            try {
                test.accept(suite);
            } finally {
                suite.releaseTestTensors();
                suite.closeBackendUnderTest();
            }
        };
    }
}
