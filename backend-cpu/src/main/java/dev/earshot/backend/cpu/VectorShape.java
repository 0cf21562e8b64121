package dev.earshot.backend.cpu;

/** How wide the Vector API's preferred float vectors are here, for availability details and device capabilities. */
final class VectorShape {

    private VectorShape() {
    }

    /** E.g. "512-bit (16 float lanes)"; only called once the Vector API module is known to be present. */
    static String describe() {
        return LinearKernel.SPECIES.vectorBitSize() + "-bit (" + LinearKernel.LANES + " float lanes)";
    }
}
