package io.whatsdev.camel;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.whatsdev.camel.model.Device;
import io.whatsdev.camel.model.DeviceStatus;
import io.whatsdev.camel.model.StatusChange;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A poll costs the same per change whether the fleet has 1,000 or 4,000 devices: proven by counting what the
 * {@link StatusTracker} asks of its state repository (calls, bytes read and written, writes of the one-line index), the
 * way the polling consumer drives it ({@code diff}, {@code deliver} each change, {@code endPoll}). Timing would prove
 * nothing on a shared machine; the counts are exact.
 */
class StatusTrackerCostTest {

    private static final String PREFIX = "p";
    private static final String INDEX = PREFIX + "#devices";

    /** What one measured poll cost, per device, and how often it wrote the index. */
    private record Cost(double gets, double sets, double bytesRead, double bytesWritten, long indexWrites, String counts) {
    }

    private enum Scenario {
        /** Every known device changed status (the fleet after a gateway outage). */
        ALL_CHANGED,
        /** Every device is new since the last poll. */
        ALL_NEW,
        /** Every known device vanished: DELETED each. */
        ALL_VANISHED,
        /** The first poll ever, with emitInitialState: every device from UNKNOWN. */
        FIRST_POLL_EMITTING
    }

    @Test
    void anAllChangedPollCostsTheSamePerDeviceAt1kAnd4k() throws Exception {
        assertLinear(Scenario.ALL_CHANGED, 0);
    }

    @Test
    void aPollOfOnlyNewDevicesWritesTheIndexOnce() throws Exception {
        assertLinear(Scenario.ALL_NEW, 1);
    }

    @Test
    void aPollInWhichEveryDeviceVanishedWritesTheIndexOnce() throws Exception {
        assertLinear(Scenario.ALL_VANISHED, 1);
    }

    @Test
    void theFirstPollWithEmitInitialStateWritesTheIndexOnce() throws Exception {
        assertLinear(Scenario.FIRST_POLL_EMITTING, 1);
    }

    @Test
    void aPollInWhichNothingChangedReadsEachStatusOnceAndWritesNothing() throws Exception {
        for (int n : new int[] {1000, 4000}) {
            assertAnUnchangedPollOnlyReads(devices(n, DeviceStatus.CONNECTED), devices(n, DeviceStatus.CONNECTED));
        }
    }

    @Test
    void aPushedChangeOfAKnownDeviceDoesNotReadTheIndex() throws Exception {
        CountingStateRepository repository = new CountingStateRepository(INDEX);
        StatusTracker tracker = new StatusTracker(repository, PREFIX, false, Duration.ZERO, null);
        poll(tracker, devices(4000, DeviceStatus.CONNECTED));
        Instant now = Instant.now();
        List<StatusChange> delivered = new ArrayList<>();
        repository.resetCounts();
        StatusChange pushed = tracker.pushed(Device.builder("waha").id("dev-02000").status(DeviceStatus.DISCONNECTED).build(), now);
        assertTrue(tracker.deliver(pushed, now, delivered::add));
        assertEquals(1, delivered.size());
        // its status and its time read, both written: nothing as large as the fleet
        assertEquals(2, repository.gets.get(), repository.counts());
        assertEquals(2, repository.sets.get(), repository.counts());
        assertTrue(repository.bytesRead.get() < 100, repository.counts());
        // a device pushed for the first time is indexed before its status is recorded
        repository.resetCounts();
        assertTrue(tracker.deliver(tracker.pushed(Device.builder("waha").id("new").status(DeviceStatus.CONNECTED).build(), now),
                now, delivered::add));
        assertEquals(1, repository.watchedKeyWrites.get(), repository.counts());
    }

    @Test
    void aPollOfAnUnchangedFleetListedInAnotherOrderReportsNothingEither() throws Exception {
        List<Device> listed = devices(1000, DeviceStatus.CONNECTED);
        List<Device> shuffled = new ArrayList<>(listed);
        java.util.Collections.shuffle(shuffled, new java.util.Random(12));
        assertAnUnchangedPollOnlyReads(listed, shuffled);
    }

    /**
     * After a poll of {@code first}, a poll of {@code then} (the same devices, the same statuses) reports nothing, reads
     * the index once and each device's status once (as it is read), and writes nothing.
     */
    private static void assertAnUnchangedPollOnlyReads(List<Device> first, List<Device> then) throws Exception {
        CountingStateRepository repository = new CountingStateRepository(INDEX);
        StatusTracker tracker = new StatusTracker(repository, PREFIX, false, Duration.ZERO, null);
        poll(tracker, first);
        repository.resetCounts();
        assertEquals(List.of(), poll(tracker, then));
        assertEquals(1 + then.size(), repository.gets.get(), repository.counts());
        assertEquals(0, repository.sets.get(), repository.counts());
    }

    private static void assertLinear(Scenario scenario, long indexWrites) throws Exception {
        Cost small = measure(scenario, 1000);
        Cost large = measure(scenario, 4000);
        String both = scenario + ": 1k " + small.counts() + "; 4k " + large.counts();
        assertEquals(indexWrites, small.indexWrites(), both);
        assertEquals(indexWrites, large.indexWrites(), both);
        // a constant number of calls per poll (the index's) on top of a fixed number per device
        assertEquals(small.gets(), large.gets(), 0.01, "getState calls per device; " + both);
        assertEquals(small.sets(), large.sets(), 0.01, "setState calls per device; " + both);
        assertTrue(small.gets() <= 4.01 && small.sets() <= 2.01, both);
        // ids of one width: bytes per device would grow with the fleet if any change read or wrote the whole index
        assertTrue(large.bytesRead() <= 1.3 * small.bytesRead() + 1, "bytes read per device; " + both);
        assertTrue(large.bytesWritten() <= 1.3 * small.bytesWritten() + 1, "bytes written per device; " + both);
    }

    private static Cost measure(Scenario scenario, int n) throws Exception {
        CountingStateRepository repository = new CountingStateRepository(INDEX);
        StatusTracker tracker = new StatusTracker(repository, PREFIX, scenario == Scenario.FIRST_POLL_EMITTING,
                Duration.ZERO, null);
        switch (scenario) {
            case ALL_CHANGED, ALL_VANISHED -> poll(tracker, devices(n, DeviceStatus.CONNECTED));
            case ALL_NEW -> poll(tracker, List.of());
            case FIRST_POLL_EMITTING -> {
                // nothing before: this is the first poll
            }
        }
        repository.resetCounts();
        List<StatusChange> delivered = switch (scenario) {
            case ALL_CHANGED -> poll(tracker, devices(n, DeviceStatus.DISCONNECTED));
            case ALL_VANISHED -> poll(tracker, List.of());
            case ALL_NEW, FIRST_POLL_EMITTING -> poll(tracker, devices(n, DeviceStatus.CONNECTED));
        };
        assertEquals(n, delivered.size(), scenario + ": every device changed");
        return new Cost(repository.gets.get() / (double) n, repository.sets.get() / (double) n,
                repository.bytesRead.get() / (double) n, repository.bytesWritten.get() / (double) n,
                repository.watchedKeyWrites.get(), repository.counts());
    }

    /**
     * One poll as the consumer makes it: the index read before the list, each listed device passed through {@code light}
     * as it is read, the kept ones diffed, each change delivered; the changes delivered.
     */
    static List<StatusChange> poll(StatusTracker tracker, List<Device> devices) throws Exception {
        Instant now = Instant.now();
        List<StatusChange> delivered = new ArrayList<>();
        tracker.beginPoll(true);
        try {
            List<Device> kept = new ArrayList<>();
            for (Device d : devices) {
                Device k = tracker.light(d);
                if (k != null) {
                    kept.add(k);
                }
            }
            for (StatusChange c : tracker.diff(kept, "waha", now, Set.of())) {
                tracker.deliver(c, now, delivered::add);
            }
        } finally {
            tracker.endPoll();
        }
        return delivered;
    }

    /** n devices with ids of one width. */
    static List<Device> devices(int n, DeviceStatus status) {
        List<Device> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Device.builder("waha").id(String.format("dev-%05d", i)).status(status).build());
        }
        return out;
    }
}
