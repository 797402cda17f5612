package io.whatsdev.camel.provider.witime;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.whatsdev.camel.exception.GatewayResponseException;
import io.whatsdev.camel.model.Device;
import io.whatsdev.camel.model.DeviceStatus;
import io.whatsdev.camel.model.QrCode;
import io.whatsdev.camel.provider.WireJson;
import io.whatsdev.camel.provider.WireReader;

/**
 * Reads witime's answers. One key is one instance, so most commands answer the instance's status object
 * ({@code {"status":10,"statusString":...,"WebID":...}}): {@code status.aspx} (status, get, and the one-instance list),
 * {@code disconnect.aspx}, {@code set_config.aspx}, and, as JSON inside a string, {@code close_session.aspx} and
 * {@code restore_session.aspx}. The QR code comes from {@code generate_qrcode.aspx}.
 */
public final class WitimeReader extends WireReader {

    /** The documented status codes. */
    public static final Map<String, DeviceStatus> STATUSES;

    static {
        Map<String, DeviceStatus> s = new LinkedHashMap<>();
        s.put("0", DeviceStatus.DISCONNECTED); // noConnection
        s.put("1", DeviceStatus.STARTING); // webSocketOpenining
        s.put("2", DeviceStatus.STARTING); // webSocketOpen
        s.put("3", DeviceStatus.AWAITING_SCAN); // waitForQRAuthentication
        s.put("4", DeviceStatus.STARTING); // Starting
        s.put("10", DeviceStatus.CONNECTED); // WhatsAppAuthenticated
        s.put("11", DeviceStatus.DISCONNECTED); // WhatsAppAuthenticatedConnectionClosed
        s.put("13", DeviceStatus.DISCONNECTED); // WhatsAppNotAuthenticated
        STATUSES = Collections.unmodifiableMap(s);
    }

    /** The documented string of each status code. */
    public static final Map<String, String> STATUS_STRINGS = Map.of("0", "noConnection", "1", "webSocketOpenining", "2",
            "webSocketOpen", "3", "waitForQRAuthentication", "4", "Starting", "10", "WhatsAppAuthenticated", "11",
            "WhatsAppAuthenticatedConnectionClosed", "13", "WhatsAppNotAuthenticated");

    /** A {@code ttl} above a day is not believed (no expiry is set): a QR code lives seconds. */
    static final long MAX_TTL_SECONDS = 86_400;

    /** The fields the model holds; every other field of the status object goes to the extra map. */
    private static final Set<String> STATUS_FIELDS = Set.of("status", "statusString", "connected", "WebID");

    public WitimeReader(UnaryOperator<String> scrub) {
        super(WitimeProvider.NAME, STATUSES, scrub);
    }

    /** The list of the one instance the key selects, named by the answer's {@code WebID}. */
    @Override
    public List<Device> readList(JsonNode answer) throws GatewayResponseException {
        return readList(answer, null);
    }

    /**
     * The list of the one instance, named {@code deviceId} where the endpoint names it, else by its {@code WebID}. The
     * consumer tells devices apart by id: an instance without one is refused.
     */
    public List<Device> readList(JsonNode answer, String deviceId) throws GatewayResponseException {
        Device d = readDevice(answer, "list", deviceId);
        if (d.getId() == null) {
            throw new GatewayResponseException(gateway(), "list", 200, "the answer has no 'WebID' and the endpoint names no "
                                                                       + "deviceId: the instance has no id", null, null);
        }
        return List.of(d);
    }

    /** The instance of a status object, named by its {@code WebID}. */
    @Override
    public Device readDevice(JsonNode answer, String operation) throws GatewayResponseException {
        return readDevice(answer, operation, null);
    }

    /**
     * The instance of a status object (any command that answers one), named {@code deviceId} where the call names it,
     * else by its {@code WebID}.
     */
    @Override
    public Device readDevice(JsonNode answer, String operation, String deviceId) throws GatewayResponseException {
        if (!answer.isObject()) {
            throw malformed(operation, "the answer is not an object but " + kind(answer), answer);
        }
        Long code = integer(answer, "status", operation);
        if (code == null) {
            throw malformed(operation, "the answer has no numeric 'status'", answer);
        }
        String raw = String.valueOf(code);
        JsonNode info = answer.get("ConnectionInfo");
        if (info != null && !info.isNull() && !info.isObject()) {
            throw malformed(operation, "'ConnectionInfo' is not an object but " + kind(info), answer);
        }
        String wid = text(info, "wid");
        Device.Builder b = Device.builder(gateway()).id(deviceId != null ? deviceId : text(answer, "WebID"))
                .name(text(info, "pushname")).phone(wid == null ? null : wid.replaceAll("@.*$", ""))
                .status(normalize(raw)).rawStatus(raw).connected(flag(answer, "connected", operation))
                .extra("statusString", text(answer, "statusString"));
        answer.fields().forEachRemaining(e -> {
            if (!STATUS_FIELDS.contains(e.getKey())) {
                Object value = plain(e.getValue());
                // the Webhook field may echo "&wid=<key>": never let the key out
                b.extra(e.getKey(), value instanceof String v ? scrub(v) : value);
            }
        });
        return b.build();
    }

    /** close/restore answer the status object as a JSON string inside JSON: both layers are parsed. */
    public JsonNode nestedStatus(JsonNode answer, String operation) throws GatewayResponseException {
        JsonNode status = required(answer, "Status", operation);
        if (status.isObject()) {
            return status;
        }
        try {
            JsonNode inner = WireJson.MAPPER.readTree(status.asText());
            if (inner != null && inner.isObject()) {
                return inner;
            }
        } catch (JsonProcessingException e) {
            // reported below
        }
        throw new GatewayResponseException(gateway(), operation, 200, "'Status' is not a JSON object in a string",
                excerpt(status.asText()), null);
    }

    /**
     * The QR code of a generate_qrcode answer: documented as base64 of an SVG; a data: URI or a PNG is read too, a link
     * is not (none is documented). Its {@code ttl} sets the expiry, where believable.
     */
    public QrCode readQr(JsonNode answer, String deviceId) throws GatewayResponseException {
        Long seconds = integer(answer, "ttl", "qr");
        Integer ttl = seconds != null && seconds > 0 && seconds <= MAX_TTL_SECONDS ? seconds.intValue() : null;
        return qr(deviceId, requiredText(answer, "qr", "qr"), "qr", false, ttl == null ? null : Instant.now().plusSeconds(ttl),
                ttl);
    }
}
