package dev.earshot.testkit;

/** A dense float tensor in C order, as read from a fixture. */
public record FloatTensor(long[] shape, float[] data) {

    public int dim(int i) {
        return Math.toIntExact(shape[i]);
    }
}
