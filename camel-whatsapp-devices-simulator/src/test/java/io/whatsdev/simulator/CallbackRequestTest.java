package io.whatsdev.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.whatsdev.simulator.CallbackRequest.Acknowledgement;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A callback's retry policy as pure values: the schedule of delays, its scaling by the override, the final statuses. */
class CallbackRequestTest {

    static final CallbackRequest ONCE = CallbackRequest.json("d", "http://127.0.0.1:1/hook", "{}");

    static List<Duration> seconds(long... s) {
        return java.util.Arrays.stream(s).mapToObj(Duration::ofSeconds).toList();
    }

    static List<Long> scaled(CallbackRequest r, long override) {
        return java.util.stream.IntStream.rangeClosed(2, r.attempts()).mapToObj(a -> r.delayMillisBefore(a, override)).toList();
    }

    @Test
    void aConstantPolicyIsAsBefore() {
        CallbackRequest r = ONCE.retried(4, Duration.ofSeconds(20), Acknowledgement.ANY_2XX);
        assertEquals(1, r.backoff());
        assertEquals(Duration.ofSeconds(20), r.maxRetryDelay());
        assertEquals(Set.of(), r.finalStatuses());
        assertEquals(seconds(20, 20, 20), r.retrySchedule());
        assertEquals(List.of(20_000L, 20_000L, 20_000L), scaled(r, -1), "no override: the documented delay");
        assertEquals(List.of(50L, 50L, 50L), scaled(r, 50), "the override is the delay");
        assertFalse(r.endsRetries(401) || r.endsRetries(400) || r.endsRetries(500));

        CallbackRequest constructed = new CallbackRequest("d", "http://127.0.0.1:1/hook", Map.of(), new byte[0], 3, Duration.ofSeconds(2),
                Acknowledgement.ANY_2XX);
        assertEquals(seconds(2, 2), constructed.retrySchedule());
        assertEquals(Set.of(), constructed.finalStatuses());
        assertEquals(List.of(), ONCE.retrySchedule(), "one attempt: no retry");
        assertEquals(List.of(7L, 7L), scaled(ONCE.retried(3, Duration.ZERO, Acknowledgement.ANY_2XX), 7),
                "no documented delay: the override still is the delay");
    }

    @Test
    void anExponentialScheduleIsCappedAndScaledAsAWhole() {
        CallbackRequest r = ONCE.retried(10, Duration.ofSeconds(5), 2, Duration.ofSeconds(300), Set.of(400, 401), Acknowledgement.ANY_2XX);
        assertEquals(seconds(5, 10, 20, 40, 80, 160, 300, 300, 300), r.retrySchedule());
        assertEquals(Duration.ofSeconds(5), r.delayBefore(2));
        assertEquals(Duration.ofSeconds(300), r.delayBefore(10));
        assertEquals(List.of(50L, 100L, 200L, 400L, 800L, 1600L, 3000L, 3000L, 3000L), scaled(r, 50));
        assertEquals(List.of(5_000L, 10_000L, 20_000L, 40_000L, 80_000L, 160_000L, 300_000L, 300_000L, 300_000L), scaled(r, -1));
        assertEquals(List.of(0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L), scaled(r, 0));
        assertTrue(r.endsRetries(401) && r.endsRetries(400));
        assertFalse(r.endsRetries(500) || r.endsRetries(403));

        CallbackRequest half = ONCE.retried(5, Duration.ofSeconds(1), 1.5, Duration.ofSeconds(3), null, Acknowledgement.ANY_2XX);
        assertEquals(List.of(Duration.ofMillis(1000), Duration.ofMillis(1500), Duration.ofMillis(2250), Duration.ofSeconds(3)),
                half.retrySchedule());
        assertEquals(List.of(10L, 15L, 23L, 30L), scaled(half, 10), "rounded to the millisecond");

        CallbackRequest many = ONCE.retried(2000, Duration.ofSeconds(5), 2, Duration.ofSeconds(300), Set.of(), Acknowledgement.ANY_2XX);
        assertEquals(Duration.ofSeconds(300), many.delayBefore(2000), "no overflow far into the schedule");
    }

    @Test
    void thePolicyTravelsWithTheRequest() {
        CallbackRequest r = ONCE.retried(10, Duration.ofSeconds(5), 2, Duration.ofSeconds(300), Set.of(422), Acknowledgement.ANY_2XX)
                .withHeader("X-A", "1");
        assertEquals("1", r.headers().get("X-A"));
        assertEquals(2, r.backoff());
        assertEquals(Duration.ofSeconds(300), r.maxRetryDelay());
        assertEquals(Set.of(422), r.finalStatuses());
        assertEquals(10, r.attempts());
        assertThrows(UnsupportedOperationException.class, () -> r.finalStatuses().add(500));
    }

    @Test
    void refusals() {
        Duration five = Duration.ofSeconds(5);
        assertThrows(IllegalArgumentException.class, () -> ONCE.retried(3, five, 0.5, five, Set.of(), Acknowledgement.ANY_2XX));
        assertThrows(IllegalArgumentException.class, () -> ONCE.retried(3, five, Double.NaN, five, Set.of(), Acknowledgement.ANY_2XX));
        assertThrows(IllegalArgumentException.class,
                () -> ONCE.retried(3, five, Double.POSITIVE_INFINITY, five, Set.of(), Acknowledgement.ANY_2XX));
        assertThrows(IllegalArgumentException.class,
                () -> ONCE.retried(3, five, 2, Duration.ofSeconds(1), Set.of(), Acknowledgement.ANY_2XX), "a cap below the first delay");
        assertThrows(IllegalArgumentException.class, () -> ONCE.retried(3, Duration.ofSeconds(-1), Acknowledgement.ANY_2XX));
        assertThrows(IllegalArgumentException.class, () -> ONCE.retried(0, five, Acknowledgement.ANY_2XX));
        CallbackRequest r = ONCE.retried(3, five, Acknowledgement.ANY_2XX);
        assertThrows(IllegalArgumentException.class, () -> r.delayBefore(1), "the first attempt has no delay");
        assertThrows(IllegalArgumentException.class, () -> r.delayBefore(4), "past the last attempt");
        assertEquals("{}", new String(r.body(), StandardCharsets.UTF_8));
    }
}
