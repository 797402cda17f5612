package io.whatsdev.camel.provider.whatsgateorg;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.whatsdev.camel.model.DeviceStatus;
import io.whatsdev.camel.provider.Callback;
import io.whatsdev.camel.provider.CallbackDecoder;
import io.whatsdev.camel.provider.CallbackEvent;
import io.whatsdev.camel.provider.CallbackEvent.Kind;
import io.whatsdev.camel.provider.CallbackRejectedException;
import io.whatsdev.camel.provider.Inputs;
import io.whatsdev.camel.provider.MalformedCallbackException;
import io.whatsdev.camel.provider.WireJson;
import io.whatsdev.camel.provider.WireReader;

/**
 * whatsgate-org's callbacks (its "Webhook", whatsgate.org/docs/api/webhook): one event per POST, a JSON object
 * {@code {id, whatsapp_id, event_action, event_date, status_code, event_data}}, answered
 * {@code {"result":"OK","id":<id>}} (else the gateway retries 3 times, 20 s apart).
 * <p>
 * <b>Verification.</b> whatsgate-org does not sign its callbacks: the callback URL given to {@code session-create} or
 * {@code set-hook} carries the endpoint's {@code webhookSecret} as its query parameter {@code secret}, compared in
 * constant time. A missing, empty or different value is refused; the reason never quotes either value.
 * <p>
 * <b>Fields.</b> {@code id} (a number or a string) is the event id, echoed in the acknowledgement with its JSON type;
 * {@code whatsapp_id} is the session's {@code unique_id}, which is whatsdev's {@code deviceId} on this gateway
 * ({@link WhatsgateOrgReader}), checked by the device-id rule ({@link Inputs#deviceId}); {@code event_date} is
 * {@code yyyy-MM-dd HH:mm:ss} with no zone (webhook and {@code events-get} pages). Its zone is undocumented;
 * whatsdev reads it as UTC, because the documented example's {@code event_date} {@code 2022-09-07 18:29:37} is its
 * message's {@code timestamp} 1662575377 in UTC. Read leniently: a {@code T} instead of the space, fractions of a
 * second and an explicit offset ({@code Z}, {@code +03:00}, honoured) are accepted, and a JSON number is read as epoch
 * seconds (the unit of the gateway's message {@code timestamp}); null or absent gives no time; anything else is
 * malformed. {@code status_code} (null in the documented example, meaning undocumented) is kept in the event's extra
 * map where it is not null, with the fields of {@code event_data} (e.g. {@code pushname} and {@code number} of
 * {@code ready}).
 * <p>
 * <b>Actions.</b> {@code event_action}, compared without regard to case, becomes:
 * <table>
 * <caption>event_action to lifecycle event</caption>
 * <tr><th>event_action</th><th>event</th><th>source</th></tr>
 * <tr><td>{@code ready}</td><td>STATUS CONNECTED</td><td>webhook page, "Ready": sent after authorization, the session
 * goes from AUTH to READY; {@code event_data} holds {@code pushname} and {@code number}</td></tr>
 * <tr><td>{@code disconnect}</td><td>REMOVED (DELETED)</td><td>events-get page: "WhatsApp disconnect and session
 * removal" (also "... and session deletion"): one action for both, and the session statuses (PENDING, AUTH, READY,
 * DESTROYING) have no disconnected-but-kept state, so the session is gone</td></tr>
 * <tr><td>{@code pending}, {@code auth}, {@code destroying}</td><td>STATUS STARTING, STATUS AWAITING_SCAN, REMOVED
 * (DELETED)</td><td>undocumented as actions; whatsdev assumes that an action named after a session status
 * ({@link WhatsgateOrgReader#STATUSES}) means the session entered it, and maps it as the status table does</td></tr>
 * <tr><td>{@code message}, {@code ack}, {@code media}, {@code sent}, {@code error}, {@code create}</td><td>none</td>
 * <td>events-get page: incoming message, message status, incoming media, message sent (asynchronous sending), error,
 * and outgoing message ({@code create} is a message, not a session's creation)</td></tr>
 * <tr><td>anything else</td><td>none</td><td>not a lifecycle event whatsdev knows</td></tr>
 * </table>
 * The raw status of an event is the {@code event_action} as received.
 * <p>
 * <b>Shape.</b> Every callback must be one JSON object (duplicate keys refused) with {@code id} (an integral number or
 * a non-blank string) and {@code event_action} (a string): without them it cannot be acknowledged or read. An event
 * that is emitted also needs a valid {@code whatsapp_id} and a readable (or absent) {@code event_date}; those of an
 * event that is not emitted (a message) are not checked, so that a message whatsdev ignores is never refused and
 * retried.
 */
public final class WhatsgateOrgCallbacks implements CallbackDecoder {

    /** The query parameter of the callback URL that carries the secret. */
    public static final String SECRET_PARAMETER = "secret";

    /** The documented acknowledgement's constant part. */
    static final String RESULT_OK = "OK";

    /** The lifecycle actions the docs name; the session-status words are added from the status table. */
    private static final Map<String, DeviceStatus> ACTIONS;

    static {
        Map<String, DeviceStatus> a = new LinkedHashMap<>();
        a.put("ready", DeviceStatus.CONNECTED);
        a.put("disconnect", DeviceStatus.DELETED);
        WhatsgateOrgReader.STATUSES.forEach((status, normalized) -> a.putIfAbsent(status.toLowerCase(Locale.ROOT), normalized));
        ACTIONS = Map.copyOf(a);
    }

    private static final DateTimeFormatter EVENT_DATE = DateTimeFormatter.ISO_LOCAL_DATE_TIME;

    /** Bytes of a refused body decoded for its excerpt (enough for 64 characters). */
    private static final int EXCERPT_BYTES = 256;

    @Override
    public void verify(Callback callback, String secret) throws CallbackRejectedException {
        String received = callback.query().get(SECRET_PARAMETER);
        if (received == null) {
            throw new CallbackRejectedException("no '" + SECRET_PARAMETER + "' query parameter: whatsgate-org does not sign "
                                                + "its callbacks, the callback URL must carry the webhookSecret");
        }
        if (received.isEmpty()) {
            throw new CallbackRejectedException("the '" + SECRET_PARAMETER + "' query parameter is empty");
        }
        // the loop of isEqual runs over its first argument: the received value, whose length the caller knows anyway
        if (!MessageDigest.isEqual(received.getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_8))) {
            throw new CallbackRejectedException("the '" + SECRET_PARAMETER + "' query parameter does not match the webhookSecret");
        }
    }

    @Override
    public List<CallbackEvent> decode(Callback callback) throws MalformedCallbackException {
        return events(envelope(callback));
    }

    /**
     * The events of one event object: a callback's body that {@link #envelope} accepted, or an item of the events-get
     * feed ({@link WhatsgateOrgFeed}), which has the same shape. Empty for an action that is not a lifecycle event.
     */
    static List<CallbackEvent> events(JsonNode body) throws MalformedCallbackException {
        String eventId = eventId(body.get("id"));
        String action = body.get("event_action").asText();
        DeviceStatus status = ACTIONS.get(action.toLowerCase(Locale.ROOT));
        if (status == null) {
            return List.of();
        }
        Kind kind = status == DeviceStatus.DELETED ? Kind.REMOVED : Kind.STATUS;
        return List.of(new CallbackEvent(eventId, deviceId(body.get("whatsapp_id")), kind, status, action,
                eventDate(body.get("event_date")), null, extra(body)));
    }

    /**
     * {@code {"result":"OK","id":<id>}} with the {@code id} of the body as received (a number stays a number), for
     * every decoded callback, emitted or not: an unacknowledged message would be delivered three times more. A body
     * that {@link #decode} refuses is never acknowledged (it is read again here, the answer depending on the callback
     * alone); should one reach here all the same, the answer is an empty 200, which whatsgate-org retries.
     */
    @Override
    public CallbackAnswer acknowledge(Callback callback, List<CallbackEvent> events) {
        JsonNode id;
        try {
            JsonNode body = envelope(callback);
            events(body);
            id = body.get("id");
        } catch (MalformedCallbackException e) {
            return CallbackAnswer.EMPTY;
        }
        ObjectNode answer = WireJson.MAPPER.createObjectNode();
        answer.put("result", RESULT_OK);
        answer.set("id", id);
        try {
            return new CallbackAnswer(200, WireJson.MAPPER.writeValueAsString(answer));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the acknowledgement", e); // a two-field object always writes
        }
    }

    /** The body as a JSON object with the fields every callback needs ({@code id}, {@code event_action}). */
    private static JsonNode envelope(Callback callback) throws MalformedCallbackException {
        byte[] raw = callback.body();
        if (raw.length == 0) {
            throw new MalformedCallbackException("the callback body is empty; whatsgate-org sends a JSON object");
        }
        JsonNode body;
        try {
            body = WireJson.MAPPER.readTree(raw);
        } catch (IOException e) {
            throw malformed("the callback body is not one JSON document (without duplicate keys)", raw);
        }
        if (body == null || body.isMissingNode()) {
            throw malformed("the callback body holds no JSON value", raw);
        }
        if (!body.isObject()) {
            throw malformed("the callback body is " + WireReader.kind(body) + ", not a JSON object", raw);
        }
        JsonNode action = body.get("event_action");
        if (action == null || !action.isTextual() || action.asText().isBlank()) {
            throw malformed("the callback's event_action is " + describe(action) + ", not an action name", raw);
        }
        if (!body.has("id")) {
            throw malformed("the callback has no id, which its acknowledgement must echo", raw);
        }
        return body;
    }

    /** The event id: an integral number or a non-blank string. */
    private static String eventId(JsonNode id) throws MalformedCallbackException {
        if (id != null && (id.isIntegralNumber() || id.isTextual() && !id.asText().isBlank())) {
            return id.asText();
        }
        throw new MalformedCallbackException("the callback's id is " + describe(id) + "; whatsgate-org sends an integer "
                                             + "(a string is accepted)");
    }

    /** The device: {@code whatsapp_id}, the session's {@code unique_id}. */
    private static String deviceId(JsonNode v) throws MalformedCallbackException {
        if (v == null || !(v.isTextual() || v.isIntegralNumber())) {
            throw new MalformedCallbackException("the callback's whatsapp_id is " + describe(v)
                                                 + "; whatsgate-org sends the session's unique_id");
        }
        try {
            return Inputs.deviceId(v.asText(), "whatsapp_id");
        } catch (IllegalArgumentException e) {
            throw new MalformedCallbackException("the callback's " + e.getMessage());
        }
    }

    /** {@code event_date}: see the class comment for the rule. */
    static Instant eventDate(JsonNode v) throws MalformedCallbackException {
        if (v == null || v.isNull()) {
            return null;
        }
        try {
            if (v.isIntegralNumber() && v.canConvertToLong()) {
                return Instant.ofEpochSecond(v.asLong());
            }
            if (v.isTextual()) {
                return parseDate(v.asText().strip());
            }
        } catch (DateTimeException e) {
            // reported below
        }
        throw new MalformedCallbackException("the callback's event_date is " + describe(v)
                                             + ", not a date; whatsgate-org sends yyyy-MM-dd HH:mm:ss (UTC)");
    }

    private static Instant parseDate(String text) throws DateTimeParseException {
        String t = text.length() > 10 && text.charAt(10) == ' ' ? text.substring(0, 10) + 'T' + text.substring(11) : text;
        try {
            return OffsetDateTime.parse(t, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException noOffset) {
            return LocalDateTime.parse(t, EVENT_DATE).toInstant(ZoneOffset.UTC);
        }
    }

    /** The fields of {@code event_data} (where an object) and {@code status_code}, nulls left out. */
    private static Map<String, Object> extra(JsonNode body) {
        Map<String, Object> extra = new LinkedHashMap<>();
        JsonNode data = body.get("event_data");
        if (data != null && data.isObject()) {
            data.fields().forEachRemaining(e -> {
                Object value = WireReader.plain(e.getValue());
                if (value != null) {
                    extra.put(e.getKey(), value);
                }
            });
        }
        Object statusCode = WireReader.plain(body.get("status_code"));
        if (statusCode != null) {
            extra.put("status_code", statusCode);
        }
        return extra;
    }

    /** A value for a message: its kind, and a short printable form where it is a scalar. */
    private static String describe(JsonNode v) {
        if (v == null || v.isMissingNode()) {
            return "missing";
        }
        String kind = WireReader.kind(v);
        return v.isValueNode() ? kind + " '" + Inputs.printable(v.asText()) + "'" : kind;
    }

    /** The problem, with the start of the body (printable, at most 64 characters). */
    private static MalformedCallbackException malformed(String problem, byte[] raw) {
        String start = new String(raw, 0, Math.min(raw.length, EXCERPT_BYTES), StandardCharsets.UTF_8).strip();
        return new MalformedCallbackException(problem + ": '" + Inputs.printable(start) + "'");
    }
}
