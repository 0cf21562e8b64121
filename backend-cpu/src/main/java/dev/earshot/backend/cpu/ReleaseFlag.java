package dev.earshot.backend.cpu;

/** Set once a tensor's storage is released; shared by the tensor and its row views. */
final class ReleaseFlag {

    private boolean released;

    void release() {
        released = true;
    }

    boolean isReleased() {
        return released;
    }
}
