package dev.earshot.backend.cpu;

/** The heap array behind an activation tensor and all its row views. */
final class ActivationStorage {

    /** [rows × cols] of the allocated tensor, row-major. */
    final float[] values;
    final ReleaseFlag released = new ReleaseFlag();

    ActivationStorage(int elementCount) {
        this.values = new float[elementCount];
    }
}
