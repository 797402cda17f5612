package io.whatsdev.camel.provider;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import io.whatsdev.camel.exception.GatewayResponseException;
import io.whatsdev.camel.model.Device;
import io.whatsdev.camel.model.DeviceStatus;
import io.whatsdev.camel.model.QrCode;

/**
 * Reads a gateway's answers into the model: lenient where the gateways' docs are loose (numbers as strings), strict about
 * the shape whatsdev relies on, so that every surprise is a {@link GatewayResponseException} and never an empty result.
 * It holds the gateway's status table. A gateway's reader extends it with the mapping of its own device objects; it is a
 * pure function of the JSON, so its tests need no HTTP.
 * <p>
 * Text from the answer that goes into an exception passes through {@code scrub}, which masks the endpoint's credentials
 * (a gateway may echo a token back).
 */
public class WireReader {

    private final String gateway;
    private final Map<String, DeviceStatus> statuses;
    private final UnaryOperator<String> scrub;

    public WireReader(String gateway, Map<String, DeviceStatus> statuses, UnaryOperator<String> scrub) {
        this.gateway = gateway;
        this.statuses = Collections.unmodifiableMap(new LinkedHashMap<>(statuses));
        this.scrub = scrub;
    }

    /** The gateway's name, as devices and exceptions carry it. */
    public final String gateway() {
        return gateway;
    }

    /** The status table: every documented status word, mapped to its normalized status. */
    public final Map<String, DeviceStatus> statuses() {
        return statuses;
    }

    /** Normalizes a status word with the status table (case-insensitive); unknown words are UNKNOWN. */
    public final DeviceStatus normalize(String raw) {
        if (raw == null) {
            return DeviceStatus.UNKNOWN;
        }
        DeviceStatus s = statuses.get(raw);
        if (s == null) {
            s = statuses.get(raw.toLowerCase(Locale.ROOT));
        }
        if (s == null) {
            s = statuses.get(raw.toUpperCase(Locale.ROOT));
        }
        return s == null ? DeviceStatus.UNKNOWN : s;
    }

    // ---------------------------------------------------------------- a gateway's answers, whole

    /**
     * The devices of a {@code list} answer (the whole body); the table-driven reader tests call it on the documented
     * answers. Where the reader names {@link #listArrayField()}, this reads that array with {@link #readListEntry} and
     * refuses a repeated id; a gateway's reader overrides it for any other list.
     */
    public List<Device> readList(JsonNode answer) throws GatewayResponseException {
        String field = listArrayField();
        if (field == null) {
            throw new UnsupportedOperationException(gateway + "'s reader does not read a device list");
        }
        JsonNode array = field.isEmpty() ? array(answer, "list", "the answer", answer) : array(answer, field, "list");
        List<Device> devices = new ArrayList<>(array.size());
        for (JsonNode entry : array) {
            devices.add(readListEntry(entry));
        }
        return uniqueIds(devices, "list");
    }

    /**
     * Where a {@code list} answer holds its devices, so that a poll can read them one at a time as the answer arrives
     * instead of from the tree of the whole answer ({@link GatewayAnswer#read(HttpTransport.Response, String,
     * GatewayAnswer.EntrySink)}): the name of the field of the answer's object that holds the array, or "" where the
     * answer is the array. Null, the default, where the list is only read whole. A reader that names one implements
     * {@link #readListEntry}, and its {@link #readList} still reads the whole answer (and every shape that is not the
     * expected one).
     */
    public String listArrayField() {
        return null;
    }

    /** One entry of the array that {@link #listArrayField()} names, read as {@link #readList} reads it. */
    public Device readListEntry(JsonNode entry) throws GatewayResponseException {
        throw new UnsupportedOperationException(gateway + "'s reader does not read a device list entry by entry");
    }

    /** The device of a {@code get}, {@code status} or {@code create} answer (the whole body), as {@link #readList}. */
    public Device readDevice(JsonNode answer, String operation) throws GatewayResponseException {
        throw new UnsupportedOperationException(gateway + "'s reader does not read a " + operation + " answer");
    }

    /**
     * As {@link #readDevice(JsonNode, String)}, with the id of the device the call named (null where it named none). Some
     * answers do not name their device (a bare status word): a gateway's reader overrides this one for them. Default:
     * the answer names its device, and {@code deviceId} is not needed.
     */
    public Device readDevice(JsonNode answer, String operation, String deviceId) throws GatewayResponseException {
        return readDevice(answer, operation);
    }

    // ---------------------------------------------------------------- errors

    /** Gateway text with the endpoint's credentials masked. */
    public final String scrub(String text) {
        return scrub.apply(text);
    }

    /** At most {@link WireJson#EXCERPT} characters of gateway text, control characters replaced, credentials masked. */
    public final String excerpt(String text) {
        return scrub(WireJson.excerpt(text));
    }

    /** The start of a node, as {@link #excerpt(String)}. */
    public final String excerpt(JsonNode node) {
        return scrub(WireJson.excerpt(node));
    }

    /** A {@link GatewayResponseException} about a node of a successful answer. */
    public final GatewayResponseException malformed(String operation, String problem, JsonNode node) {
        return new GatewayResponseException(gateway, operation, 200, problem, excerpt(node), null);
    }

    // ---------------------------------------------------------------- the shape whatsdev relies on

    /** A field that must be there: an absent one is a {@link GatewayResponseException}. */
    public final JsonNode required(JsonNode node, String field, String operation) throws GatewayResponseException {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isNull()) {
            throw malformed(operation, "the answer has no '" + field + "'", node);
        }
        return v;
    }

    /** A field that must be a JSON array (a device list): anything else is a {@link GatewayResponseException}. */
    public final JsonNode array(JsonNode node, String field, String operation) throws GatewayResponseException {
        return array(required(node, field, operation), operation, "'" + field + "'", node);
    }

    /** A node that must be a JSON array, such as a body that is a bare list. */
    public final JsonNode array(JsonNode v, String operation, String what, JsonNode context) throws GatewayResponseException {
        if (v == null || !v.isArray()) {
            throw malformed(operation, what + " is not an array but " + kind(v), context);
        }
        return v;
    }

    /** A field that must be a JSON object. */
    public final JsonNode object(JsonNode node, String field, String operation) throws GatewayResponseException {
        JsonNode v = required(node, field, operation);
        if (!v.isObject()) {
            throw malformed(operation, "'" + field + "' is not an object but " + kind(v), node);
        }
        return v;
    }

    /** An entry of a device list, or an answer that is one device: it must be an object. */
    public final JsonNode entry(JsonNode entry, String operation) throws GatewayResponseException {
        if (entry == null || !entry.isObject()) {
            throw malformed(operation, "a device entry is not an object but " + kind(entry), entry);
        }
        return entry;
    }

    /** A text field that must be there: a non-blank string, or a number (gateways send numbers as strings and back). */
    public final String requiredText(JsonNode node, String field, String operation) throws GatewayResponseException {
        JsonNode v = required(node, field, operation);
        String text = v.isTextual() || v.isIntegralNumber() ? v.asText() : null;
        if (text == null || text.isBlank()) {
            throw malformed(operation, "'" + field + "' is not a non-empty string but " + kind(v), node);
        }
        return text;
    }

    /** An optional integer: a JSON integer or a string of digits; null where absent; anything else fails. */
    public final Long integer(JsonNode node, String field, String operation) throws GatewayResponseException {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return v.asLong();
        }
        if (v.isTextual() && v.asText().trim().matches("-?[0-9]{1,18}")) {
            return Long.parseLong(v.asText().trim());
        }
        throw malformed(operation, "'" + field + "' is not an integer but " + kind(v), node);
    }

    /** An optional flag: a JSON boolean or the strings {@code true}/{@code false}; null where absent; else fails. */
    public final Boolean flag(JsonNode node, String field, String operation) throws GatewayResponseException {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isTextual() && (v.asText().equalsIgnoreCase("true") || v.asText().equalsIgnoreCase("false"))) {
            return Boolean.valueOf(v.asText());
        }
        throw malformed(operation, "'" + field + "' is not a boolean but " + kind(v), node);
    }

    /** Refuses a device list that names a device twice: which of its two statuses would be true? */
    public final List<Device> uniqueIds(List<Device> devices, String operation) throws GatewayResponseException {
        Set<String> ids = new HashSet<>();
        for (Device d : devices) {
            if (!ids.add(d.getId())) {
                throw listedTwice(d.getId(), operation);
            }
        }
        return devices;
    }

    /** The error of a device list that names the device {@code id} twice. */
    public final GatewayResponseException listedTwice(String id, String operation) {
        return new GatewayResponseException(gateway, operation, 200, "device '" + scrub(Inputs.printable(id)) + "' is listed twice",
                null, null);
    }

    /**
     * A QR code from whichever form the gateway sent: a {@code data:} URI, plain base64 of a PNG, JPEG or SVG image, or,
     * where the gateway documents one, an http(s) link to its QR page.
     */
    public final QrCode qr(String deviceId, String value, String operation, boolean linkAllowed, Instant expiresAt,
                           Integer ttl) throws GatewayResponseException {
        QrForms.Decoded d = QrForms.decode(value, linkAllowed);
        if (d == null) {
            throw new GatewayResponseException(gateway, operation, 200,
                    "the QR code is neither a data: URI nor base64 of a PNG, JPEG or SVG image"
                                                                        + (linkAllowed ? " nor an http(s) link" : ""),
                    excerpt(value), null);
        }
        return d.link() != null ? QrCode.ofLink(gateway, deviceId, d.link())
                : QrCode.ofImage(gateway, deviceId, d.image(), d.mediaType(), expiresAt, ttl);
    }

    /** A QR code sent as the image's own bytes (an {@code image/png} answer, say); refused unless it is an image. */
    public final QrCode qrImage(String deviceId, byte[] bytes, String operation) throws GatewayResponseException {
        String mediaType = bytes == null ? null : QrForms.sniff(bytes);
        if (mediaType == null) {
            throw new GatewayResponseException(gateway, operation, 200, "the QR answer is not a PNG, JPEG or SVG image", null,
                    null);
        }
        return QrCode.ofImage(gateway, deviceId, bytes, mediaType, null, null);
    }

    // ---------------------------------------------------------------- lenient field reads

    /** A field as text; null where missing or JSON null. Numbers and booleans are given as text. */
    public static String text(JsonNode node, String field) {
        if (node == null) {
            return null;
        }
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || v.isMissingNode()) {
            return null;
        }
        return v.isValueNode() ? v.asText() : v.toString();
    }

    /** A field as a boolean in Jackson's lenient reading; null where missing or JSON null. */
    public static Boolean bool(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() ? null : v.asBoolean();
    }

    /** An ISO-8601 instant; null where missing or unreadable (kept raw in the extra map by the caller). */
    public static Instant instant(JsonNode node, String field) {
        String v = text(node, field);
        if (v == null) {
            return null;
        }
        Instant utc = UtcTimestamps.read(v);
        if (utc != null) {
            return utc;
        }
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(v).toInstant();
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    /**
     * The node as a plain Java value (map, list, string, number, boolean) for the extra map: what Jackson's
     * {@code convertValue(node, Object.class)} gives, walked directly for the kinds a parsed answer holds (that
     * conversion writes the node to a token buffer and reads it back, several objects per field).
     */
    public static Object plain(JsonNode node) {
        return node == null || node.isNull() ? null : value(node);
    }

    /**
     * The fields of an object but the named ones, as {@link #plain} values, in the answer's order; JSON nulls are left
     * out (as {@link Device.Builder#extra} leaves them out). A new map each time.
     */
    public static Map<String, Object> fields(JsonNode object, Set<String> except) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : object.properties()) {
            Object v = except.contains(e.getKey()) ? null : plain(e.getValue());
            if (v != null) {
                fields.put(e.getKey(), v);
            }
        }
        return fields;
    }

    private static Object value(JsonNode node) {
        switch (node.getNodeType()) {
            case STRING:
                return node.textValue();
            case BOOLEAN:
                return node.booleanValue();
            case NULL:
                return null;
            case OBJECT:
                Map<String, Object> map = new LinkedHashMap<>();
                for (Map.Entry<String, JsonNode> e : node.properties()) {
                    map.put(e.getKey(), value(e.getValue()));
                }
                return map;
            case ARRAY:
                List<Object> list = new ArrayList<>(node.size());
                for (JsonNode e : node) {
                    list.add(value(e));
                }
                return list;
            case NUMBER:
                if (node.isInt()) {
                    return node.intValue();
                } else if (node.isLong()) {
                    return node.longValue();
                } else if (node.isDouble()) {
                    return node.doubleValue();
                }
                return WireJson.MAPPER.convertValue(node, Object.class); // big integers and decimals, as Jackson has them
            default:
                return WireJson.MAPPER.convertValue(node, Object.class);
        }
    }

    /** Whether the text is 1 to {@code max} ASCII digits (a numeric id): what {@code matches("[0-9]{1,max}")} says. */
    public static boolean digits(String text, int max) {
        int n = text.length();
        if (n == 0 || n > max) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** What a JSON value is, for error messages. */
    public static String kind(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return "null";
        } else if (v.isArray()) {
            return "an array";
        } else if (v.isObject()) {
            return "an object";
        } else if (v.isTextual()) {
            return "a string";
        } else if (v.isNumber()) {
            return "a number";
        } else if (v.isBoolean()) {
            return "a boolean";
        }
        return "null";
    }
}
