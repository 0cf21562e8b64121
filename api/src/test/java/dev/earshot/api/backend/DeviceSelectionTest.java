package dev.earshot.api.backend;

import dev.earshot.api.backend.DeviceSelection.Discovery;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DeviceSelectionTest {

    private static final DeviceInfo IGPU = device(0, "Intel(R) UHD Graphics 770");
    private static final DeviceInfo DGPU = device(1, "NVIDIA GeForce RTX 3060");
    private static final List<DeviceInfo> TWO = List.of(IGPU, DGPU);

    private static DeviceInfo device(int index, String name) {
        return new DeviceInfo(index, name, DeviceInfo.Kind.GPU, 0, 0, List.of());
    }

    private static DeviceInfo select(List<DeviceInfo> devices, String wanted) {
        return DeviceSelection.select("opencl", devices, wanted, devices.getLast(), Function.identity(),
                DeviceSelection::numberAndName);
    }

    private static String refusal(List<DeviceInfo> devices, String wanted) {
        return assertThrows(BackendUnavailableException.class, () -> select(devices, wanted)).getMessage();
    }

    @Test
    void noWishGivesTheBackendsDefault() {
        assertSame(DGPU, select(TWO, null));
    }

    @Test
    void aNumberSelectsTheDeviceWithThatIndex() {
        assertSame(IGPU, select(TWO, "0"));
        assertSame(DGPU, select(TWO, " 1 "));
        assertSame(DGPU, select(TWO, "01"));
    }

    /** CUDA leaves out GPUs too old for its PTX: the rest keep their driver ordinals as their numbers. */
    @Test
    void aNumberIsTheDevicesIndexNotItsPositionInTheList() {
        List<DeviceInfo> withoutTheFirst = List.of(DGPU);
        assertSame(DGPU, select(withoutTheFirst, "1"));
        assertEquals("the opencl backend has no device 0 (there are 1): 1: NVIDIA GeForce RTX 3060; name one by its"
                + " number or by part of its name", refusal(withoutTheFirst, "0"));
    }

    @Test
    void textSelectsTheFirstDeviceWhoseNameContainsItIgnoringCase() {
        assertSame(DGPU, select(TWO, "rtx"));
        assertSame(IGPU, select(TWO, " intel "));
        assertSame(IGPU, select(List.of(IGPU, device(2, "Intel(R) Arc A770 Graphics")), "intel"), "both match: the first");
    }

    @Test
    void anUnknownNumberSaysHowManyDevicesThereAreAndListsThem() {
        assertEquals("the opencl backend has no device 2 (there are 2): 0: Intel(R) UHD Graphics 770; 1: NVIDIA GeForce"
                + " RTX 3060; name one by its number or by part of its name", refusal(TWO, "2"));
        String huge = refusal(TWO, "99999999999999999999");
        assertEquals("the opencl backend has no device 99999999999999999999 (there are 2): 0: Intel(R) UHD Graphics 770;"
                + " 1: NVIDIA GeForce RTX 3060; name one by its number or by part of its name", huge,
                "a number beyond int is refused like any other missing number");
    }

    @Test
    void anUnknownOrBlankNameListsTheDevicesInTheBackendsOwnWords() {
        String unknown = assertThrows(BackendUnavailableException.class, () -> DeviceSelection.select("tornado", TWO,
                "radeon", IGPU, Function.identity(), d -> d.index() + ": " + d.name() + " (" + d.kind() + ")")).getMessage();
        assertEquals("the tornado backend has no device named 'radeon'; the devices are 0: Intel(R) UHD Graphics 770 (GPU);"
                + " 1: NVIDIA GeForce RTX 3060 (GPU); name one by its number or by part of its name", unknown);
        assertEquals("the opencl backend has no device named '  '; the devices are 0: Intel(R) UHD Graphics 770;"
                + " 1: NVIDIA GeForce RTX 3060; name one by its number or by part of its name", refusal(TWO, "  "),
                "a blank name matches no device rather than the first");
    }

    @Test
    void aFailedDiscoveryIsTheReasonOpenGives() {
        Discovery<DeviceInfo> failed = Discovery.failed("JOCL could not load libOpenCL; install an ICD loader");
        assertEquals(List.of(), failed.devices());
        assertEquals("the opencl backend cannot run here: JOCL could not load libOpenCL; install an ICD loader",
                assertThrows(BackendUnavailableException.class,
                        () -> failed.requireDevices("opencl", "OpenCL device", "install a driver")).getMessage());
    }

    @Test
    void aDiscoveryWithoutDevicesSaysWhatWasLookedForAndWhatToDo() {
        Discovery<DeviceInfo> none = Discovery.found(List.of());
        assertEquals("the tornado backend found no TornadoVM device; check 'tornado --devices'",
                assertThrows(BackendUnavailableException.class,
                        () -> none.requireDevices("tornado", "TornadoVM device", "check 'tornado --devices'")).getMessage());
        assertEquals(TWO, Discovery.found(TWO).requireDevices("tornado", "TornadoVM device", "unused"));
    }

    @Test
    void aFailureCannotComeWithDevices() {
        assertThrows(IllegalArgumentException.class, () -> new Discovery<>(TWO, "broken driver"));
    }

    @Test
    void onceLooksForTheDevicesOnlyTheFirstTime() {
        AtomicInteger looks = new AtomicInteger();
        DeviceSelection.Once<DeviceInfo> once = new DeviceSelection.Once<>(() -> {
            looks.incrementAndGet();
            return Discovery.found(TWO);
        });
        Discovery<DeviceInfo> first = once.get();
        assertSame(first, once.get());
        assertEquals(1, looks.get());
        assertEquals(TWO, first.devices());
    }
}
