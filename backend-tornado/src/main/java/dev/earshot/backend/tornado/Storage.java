package dev.earshot.backend.tornado;

import uk.ac.manchester.tornado.api.types.arrays.FloatArray;

/**
 * The memory behind one allocated or uploaded tensor and every row view of it: a TornadoVM {@link FloatArray}
 * (off-heap, what task graphs transfer). Weights never change after upload, so graphs copy them to the device on
 * their first execution only; activations are copied in and out on every execution (see {@link DevicePlan}).
 */
final class Storage {

    final FloatArray array;
    final boolean weight;
    final String description;
    private boolean released;

    Storage(FloatArray array, boolean weight, String description) {
        this.array = array;
        this.weight = weight;
        this.description = description;
    }

    boolean isReleased() {
        return released;
    }

    void markReleased() {
        released = true;
    }

    long bytes() {
        return array.getNumBytesOfSegment();
    }

    @Override
    public String toString() {
        return description;
    }
}
