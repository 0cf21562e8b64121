package dev.earshot.backend.cpu;

import dev.earshot.api.backend.TransferStats;

/**
 * Host↔device copies, counted as a device backend would: uploads and writes are host to device, reads device to
 * host. The CPU has no device memory, but the counts show a forward pass crosses the edge only where it should.
 * Updated by the one thread using the backend.
 */
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
