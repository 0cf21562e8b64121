package dev.earshot.backend.opencl;

import dev.earshot.api.backend.TransferStats;

/** Host↔device copies: uploads, writes and embedding ids go to the device, reads come back. One thread at a time. */
final class TransferCounter {

    private long hostToDeviceCopies;
    private long hostToDeviceBytes;
    private long deviceToHostCopies;
    private long deviceToHostBytes;

    void hostToDevice(long bytes) {
        hostToDeviceCopies++;
        hostToDeviceBytes += bytes;
    }

    void deviceToHost(long bytes) {
        deviceToHostCopies++;
        deviceToHostBytes += bytes;
    }

    TransferStats snapshot() {
        return new TransferStats(hostToDeviceCopies, hostToDeviceBytes, deviceToHostCopies, deviceToHostBytes);
    }
}
