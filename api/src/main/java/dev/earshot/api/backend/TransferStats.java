package dev.earshot.api.backend;

/** Host↔device copies a backend made: how many, and how many bytes. A CPU backend counts them too. */
public record TransferStats(long hostToDeviceCopies, long hostToDeviceBytes, long deviceToHostCopies, long deviceToHostBytes) {

    /** What happened between {@code earlier} and this snapshot. */
    public TransferStats since(TransferStats earlier) {
        return new TransferStats(hostToDeviceCopies - earlier.hostToDeviceCopies, hostToDeviceBytes - earlier.hostToDeviceBytes,
                deviceToHostCopies - earlier.deviceToHostCopies, deviceToHostBytes - earlier.deviceToHostBytes);
    }
}
