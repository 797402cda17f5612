package io.whatsdev.camel;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import io.whatsdev.camel.model.Device;
import io.whatsdev.camel.model.DeviceStatus;
import io.whatsdev.camel.model.StatusChange;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.support.processor.state.MemoryStateRepository;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The {@code <prefix>#devices} index, written once per poll: what a process that dies halfway through a poll leaves,
 * and how the next poll puts it right. "Dies" here is a tracker dropped without {@code endPoll}, and a new tracker on
 * the same repository (a restart).
 */
class StatusTrackerIndexTest {

    private final StateRepository<String, String> repository = new MemoryStateRepository();

    private StatusTracker tracker() {
        return new StatusTracker(repository, "p", false, Duration.ZERO, null);
    }

    private static Device device(String id, DeviceStatus status) {
        return Device.builder("waha").id(id).status(status).build();
    }

    private static List<String> described(List<StatusChange> changes) {
        return changes.stream().map(c -> c.getDevice().getId() + ":" + c.getPrevious() + "->" + c.getCurrent()).toList();
    }

    @Test
    void aDeviceDeliveredInAPollThatNeverEndedIsReportedDeletedAfterTheRestart() throws Exception {
        StatusTracker before = tracker();
        StatusTrackerCostTest.poll(before, List.of(device("a", DeviceStatus.CONNECTED)));
        // b appears; its change is delivered; the process dies before the poll ends
        Instant now = Instant.now();
        for (StatusChange c : before.diff(List.of(device("a", DeviceStatus.CONNECTED), device("b", DeviceStatus.CONNECTED)),
                "waha", now, Set.of())) {
            before.deliver(c, now, x -> {
            });
        }
        // written ahead of the delivery, so b's vanishing while the route was down is still seen
        assertEquals(List.of("b:CONNECTED->DELETED"),
                described(StatusTrackerCostTest.poll(tracker(), List.of(device("a", DeviceStatus.CONNECTED)))));
        assertEquals("a", repository.getState("p#devices"));
    }

    @Test
    void aDeletedDeviceLeftInTheIndexByACrashIsNotReportedAgainAndIsDropped() throws Exception {
        StatusTracker before = tracker();
        StatusTrackerCostTest.poll(before, List.of(device("a", DeviceStatus.CONNECTED), device("b", DeviceStatus.CONNECTED)));
        Instant now = Instant.now();
        for (StatusChange c : before.diff(List.of(device("a", DeviceStatus.CONNECTED)), "waha", now, Set.of())) {
            before.deliver(c, now, x -> {
            });
        }
        assertEquals("DELETED", repository.getState("p/b"));
        assertEquals("a,b", repository.getState("p#devices")); // the poll did not end

        assertEquals(List.of(), StatusTrackerCostTest.poll(tracker(), List.of(device("a", DeviceStatus.CONNECTED))));
        assertEquals("a", repository.getState("p#devices"));
    }

    @Test
    void aStatusWhoseIdIsMissingFromTheIndexIsIndexedAgainByThePollThatListsIt() throws Exception {
        StatusTrackerCostTest.poll(tracker(), List.of(device("a", DeviceStatus.CONNECTED)));
        repository.setState("p/b", "CONNECTED"); // as a racing writer of the index could leave it
        StatusTracker tracker = tracker();
        assertEquals(List.of(), StatusTrackerCostTest.poll(tracker,
                List.of(device("a", DeviceStatus.CONNECTED), device("b", DeviceStatus.CONNECTED))));
        assertEquals("a,b", repository.getState("p#devices"));
        assertEquals(List.of("b:CONNECTED->DELETED"),
                described(StatusTrackerCostTest.poll(tracker, List.of(device("a", DeviceStatus.CONNECTED)))));
    }

    @Test
    void aFailedDeliveryLeavesTheChangeUnrecordedToBeOfferedAgain() throws Exception {
        StatusTracker tracker = tracker();
        StatusTrackerCostTest.poll(tracker, List.of());
        failToDeliver(tracker, device("b", DeviceStatus.CONNECTED));
        assertEquals(null, repository.getState("p/b"));
        assertEquals("b", repository.getState("p#devices")); // written ahead
        assertEquals(List.of("b:UNKNOWN->CONNECTED"),
                described(StatusTrackerCostTest.poll(tracker, List.of(device("b", DeviceStatus.CONNECTED)))));
    }

    @Test
    void aDeviceWhoseOnlyChangeFailedAndThatVanishedIsNotReportedAndLeavesTheIndex() throws Exception {
        StatusTracker tracker = tracker();
        StatusTrackerCostTest.poll(tracker, List.of(device("a", DeviceStatus.CONNECTED)));
        failToDeliver(tracker, device("b", DeviceStatus.CONNECTED), device("a", DeviceStatus.CONNECTED));
        assertEquals("a,b", repository.getState("p#devices"));
        assertEquals(List.of(), StatusTrackerCostTest.poll(tracker, List.of(device("a", DeviceStatus.CONNECTED))));
        assertEquals("a", repository.getState("p#devices"));
    }

    /** A poll that lists the devices, in which the first one's change is the only one, and its delivery fails. */
    private static void failToDeliver(StatusTracker tracker, Device... listed) throws Exception {
        Instant now = Instant.now();
        try {
            List<StatusChange> changes = tracker.diff(List.of(listed), "waha", now, Set.of());
            assertEquals(1, changes.size());
            assertThrows(IllegalStateException.class, () -> tracker.deliver(changes.get(0), now, c -> {
                throw new IllegalStateException("the route failed");
            }));
        } finally {
            tracker.endPoll();
        }
    }
}
