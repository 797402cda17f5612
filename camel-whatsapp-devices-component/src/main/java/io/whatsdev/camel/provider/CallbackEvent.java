package io.whatsdev.camel.provider;

import java.time.Instant;
import java.util.Map;

import io.whatsdev.camel.model.DeviceStatus;
import io.whatsdev.camel.model.QrCode;

/**
 * One lifecycle event read from a gateway's callback: a device's new status, a fresh QR code, or the device's removal.
 *
 * @param eventId    the gateway's id of the delivery or event, for de-duplicating redeliveries; null where it sends none
 * @param deviceId   the device, as whatsdev's {@code deviceId} names it on this gateway
 * @param kind       what happened
 * @param status     the normalized status ({@link Kind#STATUS}, {@link Kind#REMOVED}: DELETED); null for a QR event
 * @param rawStatus  the gateway's own word or code for it; null where it sends none
 * @param occurredAt when the gateway says it happened; null where it does not say
 * @param qr         the new QR code ({@link Kind#QR}); null otherwise
 * @param extra      further fields worth keeping (never credentials); empty where none
 */
public record CallbackEvent(String eventId, String deviceId, Kind kind, DeviceStatus status, String rawStatus,
                            Instant occurredAt, QrCode qr, Map<String, Object> extra) {

    /** What a callback event says. */
    public enum Kind {
        /** The device's status changed (connected, disconnected, waiting for a scan, ...). */
        STATUS,
        /** The gateway issued a new QR code for the device. */
        QR,
        /** The device was removed from the gateway. */
        REMOVED
    }

    public CallbackEvent {
        extra = extra == null ? Map.of() : Map.copyOf(extra);
    }
}
