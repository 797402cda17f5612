package io.whatsdev.camel.provider.waha;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.whatsdev.camel.model.DeviceStatus;
import io.whatsdev.camel.provider.Callback;
import io.whatsdev.camel.provider.CallbackDecoder;
import io.whatsdev.camel.provider.CallbackEvent;
import io.whatsdev.camel.provider.CallbackRejectedException;
import io.whatsdev.camel.provider.MalformedCallbackException;
import io.whatsdev.camel.provider.WireJson;
import io.whatsdev.camel.provider.WireReader;

/**
 * WAHA's webhook deliveries. One delivery is one event, a JSON object
 * {@code {"id","timestamp","event","session","metadata","me","payload","engine","environment"}} (docs, "Event
 * Payload"); of its events only {@code session.status} is about a session's lifecycle.
 * <p>
 * <b>Verification.</b> A webhook configured with {@code hmac.key} (or the global {@code WHATSAPP_HOOK_HMAC_KEY}) signs
 * every delivery: {@code X-Webhook-Hmac} is the hex HMAC-SHA512 of the raw body keyed with that key (its UTF-8 bytes),
 * and {@code X-Webhook-Hmac-Algorithm} says {@code sha512}. The endpoint's {@code webhookSecret} is that key. A delivery
 * without the signature is refused, as is one that names another algorithm. The signature covers the body only, not
 * {@code X-Webhook-Timestamp}: a captured delivery replays and verifies; its event {@code id}, inside the signed body,
 * is what tells a replay or a retry apart (the consumer's idempotent repository).
 * <p>
 * <b>Decoding.</b> {@code session.status} gives one {@link CallbackEvent.Kind#STATUS} event: the device is
 * {@code session}, the status is {@code payload.status} through WAHA's status table ({@code FAILED} right after
 * {@code SCAN_QR_CODE} in {@code payload.statuses} is {@link DeviceStatus#EXPIRED}: the QR codes ran out, as
 * {@link WahaReader} reads it), the event id is {@code id}, the time is {@code timestamp} (ms), else that of the last
 * entry of {@code payload.statuses} when it is the current status. {@code extra} keeps {@code phone} (the digits of
 * {@code me.id}), {@code engine}, the session's {@code metadata} and the delivery's {@code X-Webhook-Request-Id} as
 * {@code requestId}; never {@code payload.data} (the passkey statuses carry a WebAuthn challenge there).
 * <p>
 * <b>No QR events.</b> WAHA's webhook carries no QR image: every new QR code is a new {@code session.status} with
 * {@code SCAN_QR_CODE} (an {@link DeviceStatus#AWAITING_SCAN} status event), the signal to fetch it with the
 * {@code qr} operation. So this decoder never builds a {@link CallbackEvent.Kind#QR} event, nor a
 * {@link CallbackEvent.Kind#REMOVED} one (WAHA sends no event for a deleted session).
 * <p>
 * Every other event ({@code message}, {@code presence.update}, ...) gives no event. Stateless and thread safe.
 */
public final class WahaCallbacks implements CallbackDecoder {

    /** The signature header: hex HMAC-SHA512 of the raw body. */
    public static final String HMAC_HEADER = "X-Webhook-Hmac";
    /** The algorithm header; WAHA sends {@code sha512}. */
    public static final String ALGORITHM_HEADER = "X-Webhook-Hmac-Algorithm";
    /** The delivery's id (kept as {@code extra.requestId}). */
    public static final String REQUEST_ID_HEADER = "X-Webhook-Request-Id";

    static final String ALGORITHM = "sha512";
    private static final String MAC = "HmacSHA512";
    /** Hex digits of an HMAC-SHA512. */
    private static final int SIGNATURE_LENGTH = 128;
    /** The longest session name accepted (WAHA's own rule is shorter). */
    private static final int MAX_SESSION = 128;

    private final WahaReader reader;

    /** @param statuses WAHA's status table ({@link WahaProvider#statusMapping()}) */
    public WahaCallbacks(Map<String, DeviceStatus> statuses) {
        this.reader = new WahaReader(WahaProvider.NAME, statuses, UnaryOperator.identity());
    }

    // ---------------------------------------------------------------- verify

    @Override
    public void verify(Callback callback, String secret) throws CallbackRejectedException {
        if (secret == null || secret.isEmpty()) {
            throw new CallbackRejectedException("no webhookSecret to check the " + HMAC_HEADER + " signature with");
        }
        List<String> signatures = callback.headers().get(HMAC_HEADER.toLowerCase(Locale.ROOT));
        if (signatures == null || signatures.isEmpty() || signatures.get(0) == null || signatures.get(0).isBlank()) {
            throw new CallbackRejectedException("the callback has no " + HMAC_HEADER + " signature (configure the webhook's "
                                                + "hmac.key with the endpoint's webhookSecret)");
        }
        if (signatures.size() > 1) {
            throw new CallbackRejectedException("the callback has " + signatures.size() + " " + HMAC_HEADER + " headers");
        }
        List<String> algorithms = callback.headers().get(ALGORITHM_HEADER.toLowerCase(Locale.ROOT));
        if (algorithms != null) {
            for (String a : algorithms) {
                if (a == null || !ALGORITHM.equalsIgnoreCase(a.strip())) {
                    throw new CallbackRejectedException(ALGORITHM_HEADER + " is not " + ALGORITHM + " but '"
                                                        + printable(a) + "'");
                }
            }
        }
        byte[] received = signatures.get(0).strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        byte[] expected = hmacHex(callback.body(), secret).getBytes(StandardCharsets.US_ASCII);
        // constant time; a length mismatch is told apart first, which says nothing about the secret
        if (received.length != SIGNATURE_LENGTH) {
            throw new CallbackRejectedException(HMAC_HEADER + " is not a hex HMAC-SHA512 (" + SIGNATURE_LENGTH
                                                + " hex digits)");
        }
        if (!MessageDigest.isEqual(expected, received)) {
            throw new CallbackRejectedException(HMAC_HEADER + " does not match the body signed with the webhookSecret");
        }
    }

    /** The lower-case hex HMAC-SHA512 of the bytes, keyed with the UTF-8 bytes of the key (as WAHA signs). */
    static String hmacHex(byte[] body, String key) {
        try {
            Mac mac = Mac.getInstance(MAC);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), MAC));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            // every Java runtime has HmacSHA512, and any non-empty key fits it
            throw new IllegalStateException("HMAC-SHA512 is not available", e);
        }
    }

    // ---------------------------------------------------------------- decode

    @Override
    public List<CallbackEvent> decode(Callback callback) throws MalformedCallbackException {
        JsonNode body = json(callback.body());
        if (!body.isObject()) {
            throw malformed("the body is not a JSON object but " + WireReader.kind(body), body);
        }
        String event = requiredString(body, "event", body);
        if (!WahaProvider.STATUS_EVENT.equals(event)) {
            return List.of(); // messages, presence, calls...: not a session's lifecycle
        }
        String session = requiredString(body, "session", body);
        if (session.length() > MAX_SESSION || session.chars().anyMatch(Character::isISOControl)) {
            throw malformed("'session' is not a session name", body);
        }
        JsonNode payload = body.get("payload");
        if (payload == null || payload.isNull()) {
            throw malformed("the " + event + " event has no 'payload'", body);
        }
        if (!payload.isObject()) {
            throw malformed("'payload' is not an object but " + WireReader.kind(payload), body);
        }
        String raw = requiredString(payload, "status", body);
        DeviceStatus status = reader.normalize(raw);
        if ("FAILED".equals(raw) && WahaReader.qrCodesRanOut(raw, history(payload, body))) {
            status = reader.statuses().getOrDefault(WahaProvider.FAILED_AFTER_SCAN, DeviceStatus.EXPIRED);
        }
        Instant at = millis(body.get("timestamp"));
        if (at == null) {
            at = lastStatusTime(payload, raw);
        }
        String id = body.get("id") != null && body.get("id").isTextual() && !body.get("id").asText().isBlank()
                ? body.get("id").asText() : null;
        return List.of(new CallbackEvent(id, session, CallbackEvent.Kind.STATUS, status, raw, at, null,
                extra(body, callback)));
    }

    private static JsonNode json(byte[] body) throws MalformedCallbackException {
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            throw new MalformedCallbackException("the callback body is empty");
        }
        try {
            JsonNode node = WireJson.MAPPER.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw new MalformedCallbackException("the callback body is empty");
            }
            return node;
        } catch (JacksonException e) {
            // the parser's message would repeat the body: a short excerpt is enough
            throw new MalformedCallbackException("the callback body is not JSON: " + WireJson.excerpt(text));
        } catch (IOException e) {
            throw new MalformedCallbackException("the callback body cannot be read: " + WireJson.excerpt(text));
        }
    }

    /** A field that must be a non-blank JSON string. */
    private static String requiredString(JsonNode node, String field, JsonNode body) throws MalformedCallbackException {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw malformed("the callback has no '" + field + "'", body);
        }
        if (!v.isTextual()) {
            throw malformed("'" + field + "' is not a string but " + WireReader.kind(v), body);
        }
        if (v.asText().isBlank()) {
            throw malformed("'" + field + "' is empty", body);
        }
        return v.asText();
    }

    /**
     * The status words of {@code payload.statuses} (oldest first, the current one last), or null without it. Read only for
     * {@code FAILED}, where the status depends on it; then it must be an array of objects with a status each.
     */
    private static List<String> history(JsonNode payload, JsonNode body) throws MalformedCallbackException {
        JsonNode h = payload.get("statuses");
        if (h == null || h.isNull()) {
            return null;
        }
        if (!h.isArray()) {
            throw malformed("'payload.statuses' is not an array but " + WireReader.kind(h), body);
        }
        List<String> words = new ArrayList<>(h.size());
        for (JsonNode entry : h) {
            if (!entry.isObject()) {
                throw malformed("an entry of 'payload.statuses' is not an object but " + WireReader.kind(entry), body);
            }
            JsonNode w = entry.get("status");
            if (w == null || !w.isTextual() || w.asText().isBlank()) {
                throw malformed("an entry of 'payload.statuses' has no status", body);
            }
            words.add(w.asText());
        }
        return words;
    }

    /** The time of the last {@code statuses} entry, where it is the current status; else null. */
    private static Instant lastStatusTime(JsonNode payload, String raw) {
        JsonNode h = payload.get("statuses");
        if (h == null || !h.isArray() || h.isEmpty()) {
            return null;
        }
        JsonNode last = h.get(h.size() - 1);
        return last.isObject() && raw.equals(WireReader.text(last, "status")) ? millis(last.get("timestamp")) : null;
    }

    /** Milliseconds since the epoch, as WAHA writes times; null where absent or not a positive integer. */
    private static Instant millis(JsonNode v) {
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() <= 0) {
            return null;
        }
        try {
            return Instant.ofEpochMilli(v.asLong());
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    /** What is kept besides the status: never {@code payload.data}, never a credential. */
    private static Map<String, Object> extra(JsonNode body, Callback callback) {
        Map<String, Object> extra = new LinkedHashMap<>();
        JsonNode me = body.get("me");
        String phone = me != null && me.isObject() ? WahaReader.phone(WireReader.text(me, "id")) : null;
        if (phone != null) {
            extra.put("phone", phone);
        }
        JsonNode engine = body.get("engine");
        if (engine != null && engine.isObject()) {
            engine = engine.get("engine"); // a session answer's {"engine":{"engine":"NOWEB"}}
        }
        if (engine != null && engine.isTextual() && !engine.asText().isBlank()) {
            extra.put("engine", engine.asText());
        }
        JsonNode metadata = body.get("metadata");
        if (metadata != null && metadata.isObject()) {
            extra.put("metadata", WireReader.plain(metadata));
        }
        String requestId = callback.header(REQUEST_ID_HEADER);
        if (requestId != null && !requestId.isBlank()) {
            extra.put("requestId", printable(requestId));
        }
        return extra;
    }

    private static MalformedCallbackException malformed(String problem, JsonNode body) {
        return new MalformedCallbackException("waha callback: " + problem + ": "
                                              + WireJson.excerpt(body));
    }

    /** A header value for a message: short, control characters replaced. */
    private static String printable(String value) {
        String v = value == null ? "" : value;
        return WireJson.excerpt(v.length() > 64 ? v.substring(0, 64) : v);
    }
}
