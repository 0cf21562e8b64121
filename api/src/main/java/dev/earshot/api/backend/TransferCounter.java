package dev.earshot.api.backend;

/**
 * Counts a backend's host↔device copies for {@link Backend#transfers()}: uploads, writes and token ids go to the
 * device, reads come back. For backend implementations; used by the one thread driving the backend.
 */
public final class TransferCounter {

    private long hostToDeviceCopies;
    private long hostToDeviceBytes;
    private long deviceToHostCopies;
    private long deviceToHostBytes;

    public void hostToDevice(long bytes) {
        hostToDeviceCopies++;
        hostToDeviceBytes += bytes;
    }

    public void deviceToHost(long bytes) {
        deviceToHostCopies++;
        deviceToHostBytes += bytes;
    }

    public TransferStats snapshot() {
        return new TransferStats(hostToDeviceCopies, hostToDeviceBytes, deviceToHostCopies, deviceToHostBytes);
    }
}
