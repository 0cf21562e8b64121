package dev.earshot.backend.cpu;

import java.util.function.BiFunction;

/**
 * A second form of one weight tensor (its {@link PackedPanels}, its {@link QuantizedRows}), made by the first op
 * that needs it and kept until the weight is released. Views of a weight get their own, empty, forms.
 */
final class DerivedForm<T> {

    private final BiFunction<WorkerPool, StoredRows, T> make;
    private volatile T form;

    DerivedForm(BiFunction<WorkerPool, StoredRows, T> make) {
        this.make = make;
    }

    static DerivedForm<PackedPanels> packedPanels() {
        return new DerivedForm<>(PackedPanels::pack);
    }

    static DerivedForm<QuantizedRows> quantizedRows() {
        return new DerivedForm<>(QuantizedRows::quantize);
    }

    /** The form of {@code weight}, made with the pool's workers the first time. */
    T get(WorkerPool pool, StoredRows weight) {
        T f = form;
        if (f == null) {
            synchronized (this) {
                f = form;
                if (f == null) {
                    f = make.apply(pool, weight);
                    form = f;
                }
            }
        }
        return f;
    }

    void clear() {
        form = null;
    }
}
