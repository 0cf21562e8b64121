package dev.earshot.backend.tck;

import dev.earshot.api.backend.Backend;
import dev.earshot.api.backend.Tensor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.List;

/**
 * The op-level conformance suite every backend passes: each op of {@link Backend} against the double-precision
 * {@link ScalarReference} on seeded random inputs at Whisper's shapes, for F32, F16 and BF16 weights, plus the
 * SPI's contract (ownership, shape checks, transfers, views) and F16 caches where a backend keeps them. Tolerances and their reasons are in
 * {@link OpTolerances}. The tests themselves live in one interface per op; this class runs them all.
 *
 * <p>A backend's test extends it and says how to open the backend:
 * <pre>{@code
 * class OpenClBackendConformanceTest extends BackendConformanceSuite {
 *     protected Backend openBackend() { return new OpenClBackendProvider().open(BackendOptions.defaults()); }
 * }
 * }</pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BackendConformanceSuite implements ContractConformance, RowViewConformance, LinearConformance,
        Conv1dConformance, GeluConformance, LayerNormConformance, AddConformance, AttentionConformance,
        EmbeddingConformance, CopyRowsConformance, LogSoftmaxConformance, HalfCacheConformance {

    private Backend backend;
    private StoredWeights weights;
    private final List<Tensor> tracked = new ArrayList<>();

    /** Opens a new, independent backend under test; called once for the suite and again by tests that need two. */
    protected abstract Backend openBackend();

    @BeforeAll
    public void openBackendUnderTest() {
        weights = new StoredWeights();
        backend = openBackend();
    }

    @AfterEach
    public void releaseTestTensors() {
        for (Tensor t : tracked) {
            backend.release(t);
        }
        tracked.clear();
    }

    @AfterAll
    public void closeBackendUnderTest() {
        if (backend != null) {
            backend.close();
        }
        if (weights != null) {
            weights.close(); // after the backend: it may read the weights until closed
        }
    }

    @Override
    public final Backend backend() {
        return backend;
    }

    @Override
    public final Backend openAnotherBackend() {
        return openBackend();
    }

    @Override
    public final StoredWeights weights() {
        return weights;
    }

    @Override
    public final Tensor track(Tensor tensor) {
        tracked.add(tensor);
        return tensor;
    }
}
