package io.whatsdev.camel;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.whatsdev.camel.model.Device;
import io.whatsdev.camel.model.DeviceStatus;
import io.whatsdev.camel.model.StatusChange;
import org.apache.camel.support.processor.state.MemoryStateRepository;
import org.junit.jupiter.api.Test;

import static io.whatsdev.camel.StatusTrackerCostTest.poll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The poll compares each device with its stored status as the list is read ({@code StatusTracker.light}) and keeps
 * only the ids of those with nothing to report; while the list follows the index's order it walks the index text
 * instead of decoding it. These are the cases where that could go wrong: a device that vanished between unchanged
 * ones, a new one, ids that URL-encoding changes, a status the index lost, devices waiting for a scan, watched
 * devices, several poll targets, and a poll that failed halfway. Each must come out as a poll of the whole list did.
 */
class StatusTrackerReadTest {

    private final MemoryStateRepository repository = new MemoryStateRepository();

    private StatusTracker tracker(Set<String> watched) {
        return new StatusTracker(repository, "t", false, Duration.ZERO, watched);
    }

    private static Device device(String id, DeviceStatus status) {
        return Device.builder("waha").id(id).status(status).build();
    }

    private static List<Device> connected(String... ids) {
        List<Device> out = new ArrayList<>();
        for (String id : ids) {
            out.add(device(id, DeviceStatus.CONNECTED));
        }
        return out;
    }

    private static String transitions(List<StatusChange> changes) {
        StringBuilder sb = new StringBuilder();
        for (StatusChange c : changes) {
            sb.append(sb.length() == 0 ? "" : " ").append(c.getDevice().getId()).append(':').append(c.getPrevious())
                    .append('>').append(c.getCurrent());
        }
        return sb.toString();
    }

    @Test
    void aDeviceThatVanishedBetweenUnchangedOnesIsReportedDeleted() throws Exception {
        StatusTracker t = tracker(null);
        poll(t, connected("a", "b", "c", "d"));
        assertEquals("b:CONNECTED>DELETED", transitions(poll(t, connected("a", "c", "d"))));
        assertEquals("", transitions(poll(t, connected("a", "c", "d"))));
        assertEquals("a,c,d", repository.getState("t#devices"));
    }

    @Test
    void aNewDeviceAmongUnchangedOnesIsReportedAndIndexed() throws Exception {
        StatusTracker t = tracker(null);
        poll(t, connected("a", "b"));
        assertEquals("x:UNKNOWN>CONNECTED", transitions(poll(t, connected("a", "x", "b"))));
        assertEquals("", transitions(poll(t, connected("x", "b", "a"))));
        assertEquals(Set.of("a", "b", "x"), Set.of(repository.getState("t#devices").split(",")));
    }

    @Test
    void theLastDeviceVanishingIsReportedThoughEveryOtherOneWasInStep() throws Exception {
        StatusTracker t = tracker(null);
        poll(t, connected("a", "b", "c"));
        assertEquals("c:CONNECTED>DELETED", transitions(poll(t, connected("a", "b"))));
        assertEquals("a:CONNECTED>DELETED b:CONNECTED>DELETED", transitions(poll(t, List.of())));
    }

    @Test
    void idsThatUrlEncodingChangesAreFoundInTheIndex() throws Exception {
        StatusTracker t = tracker(null);
        // stored URL-encoded in the index: the walk cannot match them as they are, the set lookup must
        String[] ids = {"plain", "a,b", "x%2Cy", "p+q", "sp ace", "ü", "a"};
        poll(t, connected(ids));
        assertEquals("", transitions(poll(t, connected(ids))));
        assertEquals("x%2Cy:CONNECTED>DELETED",
                transitions(poll(t, connected("plain", "a,b", "p+q", "sp ace", "ü", "a"))));
        assertEquals("", transitions(poll(t, connected("plain", "a,b", "p+q", "sp ace", "ü", "a"))));
    }

    @Test
    void anIdThatIsThePrefixOfTheNextIndexEntryIsNotTakenForIt() throws Exception {
        StatusTracker t = tracker(null);
        poll(t, connected("ab", "c"));
        // "a" starts the index text "ab,c" but is not its first id: a new device
        assertEquals("a:UNKNOWN>CONNECTED ab:CONNECTED>DELETED", transitions(poll(t, connected("a", "c"))));
    }

    @Test
    void anIdWithACommaIsNotTakenForTheIndexEntriesItSpells() throws Exception {
        StatusTracker t = tracker(null);
        poll(t, connected("a", "b"));
        repository.setState("t/a,b", "CONNECTED"); // its id lost from the index, whose text "a,b" it spells
        assertEquals("a:CONNECTED>DELETED b:CONNECTED>DELETED", transitions(poll(t, connected("a,b"))));
    }

    @Test
    void aStatusThatTheIndexLostIsPutBackInIt() throws Exception {
        StatusTracker t = tracker(null);
        poll(t, connected("a", "b"));
        repository.setState("t/z", "CONNECTED"); // a status recorded, its id never indexed (a crash in between)
        assertEquals("", transitions(poll(t, connected("a", "z", "b"))));
        assertTrue(Set.of(repository.getState("t#devices").split(",")).contains("z"), repository.getState("t#devices"));
        assertEquals("z:CONNECTED>DELETED", transitions(poll(t, connected("a", "b"))));
    }

    @Test
    void onlyTheChangedDevicesAreKeptWhole() throws Exception {
        StatusTracker t = tracker(null);
        poll(t, connected("a", "b"));
        t.beginPoll(true);
        try {
            Device unchanged = Device.builder("waha").id("a").status(DeviceStatus.CONNECTED).extras(() -> Map.of("k", 1))
                    .build();
            Device changed = Device.builder("waha").id("b").status(DeviceStatus.DISCONNECTED).extras(() -> Map.of("k", 2))
                    .build();
            Device waiting = Device.builder("waha").id("c").status(DeviceStatus.AWAITING_SCAN).extras(() -> Map.of("k", 3))
                    .build();
            assertNull(t.light(unchanged), "nothing to report: only its id is kept");
            assertEquals(Map.of("k", 2), t.light(changed).getExtra(), "a change carries the whole device");
            assertEquals(Map.of("k", 3), t.light(waiting).getExtra(), "new: kept whole");
        } finally {
            t.endPoll();
        }
    }

    @Test
    void anUnchangedDeviceWaitingForItsScanIsKeptForQrRefresh() throws Exception {
        StatusTracker t = tracker(null);
        List<Device> listed = List.of(device("a", DeviceStatus.CONNECTED), device("w", DeviceStatus.AWAITING_SCAN));
        poll(t, listed);
        t.beginPoll(true);
        try {
            assertNull(t.light(listed.get(0)));
            Device w = t.light(Device.builder("waha").id("w").status(DeviceStatus.AWAITING_SCAN).extras(() -> Map.of("k", 1))
                    .build());
            assertNotNull(w, "qrRefresh looks for the devices waiting for a scan in the poll's list");
            assertEquals(Map.of(), w.getExtra(), "without the extra map of an unchanged device");
            assertEquals("", transitions(t.diff(List.of(w), "waha", Instant.now(), Set.of())));
        } finally {
            t.endPoll();
        }
    }

    @Test
    void devicesNotWatchedAreDroppedAndAWatchedOneThatVanishedIsReported() throws Exception {
        StatusTracker t = tracker(Set.of("a", "c"));
        poll(t, connected("a", "b", "c"));
        t.beginPoll(true);
        try {
            assertNull(t.light(device("b", DeviceStatus.DISCONNECTED)), "not watched: the diff skips it anyway");
        } finally {
            t.endPoll();
        }
        assertEquals("c:CONNECTED>DELETED", transitions(poll(t, connected("a", "b"))));
    }

    @Test
    void aPollOfSeveralTargetsLooksIdsUpInTheDecodedIndex() throws Exception {
        StatusTracker t = tracker(null);
        poll(t, connected("a", "b", "c"));
        t.beginPoll(false); // the lights of several targets' lists run at once
        List<Device> kept = java.util.Collections.synchronizedList(new ArrayList<>());
        try {
            Thread other = new Thread(() -> {
                Device k = t.light(device("c", DeviceStatus.CONNECTED));
                if (k != null) {
                    kept.add(k);
                }
            });
            other.start();
            for (Device d : connected("a")) {
                Device k = t.light(d);
                if (k != null) {
                    kept.add(k);
                }
            }
            other.join();
            assertEquals(List.of(), kept);
            assertEquals("b:CONNECTED>DELETED", transitions(t.diff(kept, "waha", Instant.now(), Set.of())));
        } finally {
            t.endPoll();
        }
    }

    @Test
    void aPollThatFailedHalfwayLeavesNothingBehind() throws Exception {
        StatusTracker t = tracker(null);
        poll(t, connected("a", "b", "c"));
        t.beginPoll(true);
        assertNull(t.light(device("a", DeviceStatus.CONNECTED)));
        assertNotNull(t.light(device("b", DeviceStatus.DISCONNECTED)));
        t.endPoll(); // the list call failed at the next device: no diff
        assertEquals("b:CONNECTED>DISCONNECTED c:CONNECTED>DELETED",
                transitions(poll(t, List.of(device("a", DeviceStatus.CONNECTED), device("b", DeviceStatus.DISCONNECTED)))));
    }
}
