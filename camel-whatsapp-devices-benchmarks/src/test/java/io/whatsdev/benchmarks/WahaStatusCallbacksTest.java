package io.whatsdev.benchmarks;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.whatsdev.camel.model.DeviceStatus;
import io.whatsdev.camel.provider.Callback;
import io.whatsdev.camel.provider.CallbackDecoder;
import io.whatsdev.camel.provider.CallbackEvent;
import io.whatsdev.camel.provider.CallbackRejectedException;
import io.whatsdev.camel.provider.waha.WahaProvider;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The benchmark's callbacks, read by WAHA's own decoder (no HTTP): each verifies with the key, and each is a status
 * change the events consumer routes (the other status, a new event id, a later time).
 */
class WahaStatusCallbacksTest {

    private final CallbackDecoder waha = new WahaProvider().callbacks();

    private static Callback callback(WahaStatusCallbacks.Delivery d) {
        Map<String, List<String>> headers = new java.util.LinkedHashMap<>();
        d.headers().forEach((k, v) -> headers.put(k, List.of(v)));
        return new Callback(headers, Map.of(), d.body());
    }

    @Test
    void everyDeliveryVerifiesAndIsAChange() throws Exception {
        WahaStatusCallbacks callbacks = new WahaStatusCallbacks("bench-0", "k3y");
        Set<String> ids = new HashSet<>();
        Instant last = Instant.EPOCH;
        DeviceStatus previous = null;
        for (int i = 0; i < 1000; i++) {
            Callback c = callback(callbacks.next());
            waha.verify(c, "k3y");
            List<CallbackEvent> events = waha.decode(c);
            assertEquals(1, events.size());
            CallbackEvent e = events.get(0);
            assertEquals("bench-0", e.deviceId());
            assertEquals(CallbackEvent.Kind.STATUS, e.kind());
            assertTrue(ids.add(e.eventId()), "a repeated event id: " + e.eventId());
            assertTrue(e.occurredAt().isAfter(last), e.occurredAt() + " is not after " + last);
            assertTrue(e.status() != previous, "a repeated status: " + e.status());
            assertTrue(e.status() == DeviceStatus.CONNECTED || e.status() == DeviceStatus.DISCONNECTED, e.status()::toString);
            last = e.occurredAt();
            previous = e.status();
        }
    }

    @Test
    void anotherKeyDoesNotVerify() {
        Callback c = callback(new WahaStatusCallbacks("bench-0", "another-key").next());
        assertThrows(CallbackRejectedException.class, () -> waha.verify(c, "k3y"));
    }
}
