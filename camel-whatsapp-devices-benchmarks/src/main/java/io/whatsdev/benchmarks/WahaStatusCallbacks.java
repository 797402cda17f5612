package io.whatsdev.benchmarks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * WAHA's {@code session.status} webhook deliveries for one session, signed as WAHA signs them, each one a status change
 * that the events consumer must route: the status alternates {@code WORKING} / {@code STOPPED} (CONNECTED /
 * DISCONNECTED), so none repeats the recorded status; every event has an id of its own, so none is dropped as a
 * redelivery; and every timestamp is later than the one before, so none is ignored as out of order.
 * <p>
 * The body is the event as WAHA sends it ({@code id}, {@code timestamp} in ms, {@code event}, {@code session},
 * {@code metadata}, {@code me}, {@code payload} with {@code statuses}, {@code engine}, {@code environment}), about 450
 * bytes; the headers are WAHA's: {@code X-Webhook-Hmac} (the hex HMAC-SHA512 of the body, keyed with the webhook's
 * {@code hmac.key}), {@code X-Webhook-Hmac-Algorithm}, {@code X-Webhook-Request-Id} and {@code X-Webhook-Timestamp}.
 * <p>
 * Not thread safe: one per thread, each with a session of its own (a session's changes come in order).
 */
public final class WahaStatusCallbacks {

    /** A delivery: its body and its HTTP headers. */
    public record Delivery(byte[] body, Map<String, String> headers) {
    }

    private static final String MAC = "HmacSHA512";

    private final String session;
    private final Mac mac;
    private long sequence;
    private long timestamp;

    /** Deliveries about {@code session}, signed with {@code hmacKey} (the endpoint's {@code webhookSecret}). */
    public WahaStatusCallbacks(String session, String hmacKey) {
        this.session = session;
        try {
            mac = Mac.getInstance(MAC);
            mac.init(new SecretKeySpec(hmacKey.getBytes(StandardCharsets.UTF_8), MAC));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA512 is not available", e);
        }
    }

    public String session() {
        return session;
    }

    /** The next delivery: the other status than the last one, a new event id, a later timestamp. */
    public Delivery next() {
        sequence++;
        timestamp = Math.max(System.currentTimeMillis(), timestamp + 1);
        boolean working = sequence % 2 == 1;
        byte[] body = body("evt_" + session + "_" + sequence, working ? "WORKING" : "STOPPED",
                working ? "STOPPED" : "WORKING").getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Webhook-Request-Id", "req_" + session + "_" + sequence);
        headers.put("X-Webhook-Timestamp", Long.toString(timestamp));
        headers.put("X-Webhook-Hmac", HexFormat.of().formatHex(mac.doFinal(body)));
        headers.put("X-Webhook-Hmac-Algorithm", "sha512");
        return new Delivery(body, Map.copyOf(headers));
    }

    private String body(String id, String status, String before) {
        return "{\"id\":\"" + id + "\",\"timestamp\":" + timestamp + ",\"event\":\"session.status\",\"session\":\"" + session
               + "\",\"metadata\":{\"user.id\":\"1001\",\"app\":\"whatsdev-benchmarks\"},"
               + "\"me\":{\"id\":\"6281110000001@c.us\",\"pushName\":\"Bench\"},"
               + "\"payload\":{\"name\":\"" + session + "\",\"status\":\"" + status + "\",\"data\":null,\"statuses\":["
               + "{\"status\":\"" + before + "\",\"timestamp\":" + (timestamp - 1) + "},"
               + "{\"status\":\"" + status + "\",\"timestamp\":" + timestamp + "}]},"
               + "\"engine\":\"NOWEB\",\"environment\":{\"version\":\"2026.7.1\",\"engine\":\"NOWEB\",\"tier\":\"CORE\"}}";
    }
}
