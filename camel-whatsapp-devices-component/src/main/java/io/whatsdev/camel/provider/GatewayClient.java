package io.whatsdev.camel.provider;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.whatsdev.camel.WhatsDevConfiguration;
import io.whatsdev.camel.WhatsDevOperation;
import io.whatsdev.camel.exception.DeviceAlreadyConnectedException;
import io.whatsdev.camel.exception.DeviceNotFoundException;
import io.whatsdev.camel.exception.GatewayAuthenticationException;
import io.whatsdev.camel.exception.GatewayBadRequestException;
import io.whatsdev.camel.exception.GatewayRateLimitedException;
import io.whatsdev.camel.exception.GatewayResponseException;
import io.whatsdev.camel.exception.GatewayUnavailableException;
import io.whatsdev.camel.exception.WhatsDevException;
import io.whatsdev.camel.model.Device;
import io.whatsdev.camel.model.DeviceStatus;
import io.whatsdev.camel.model.OperationResult;
import io.whatsdev.camel.model.PairingCode;
import io.whatsdev.camel.model.QrCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client of one gateway for one endpoint. This base class holds what all gateways share: dispatching through the
 * gateway's {@link Operations} table, sending a call over the shared {@link HttpTransport} with the client's
 * {@link Authenticator}, turning transport failures and what its {@link FailureDecoder} reports into the typed
 * exceptions, and reading JSON strictly. A gateway's subclass says its paths, credentials, envelopes and fields.
 * <p>
 * Thread safe: subclasses keep no per-call state.
 */
public abstract class GatewayClient {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayClient.class);

    /** Shared, thread-safe JSON mapper for request bodies and responses. */
    protected static final ObjectMapper JSON = WireJson.MAPPER;

    /** The kind of a failure, which picks the exception class. */
    public enum Kind {
        NOT_FOUND,
        ALREADY_CONNECTED,
        AUTHENTICATION,
        RATE_LIMITED,
        UNAVAILABLE,
        BAD_REQUEST
    }

    /** A failure the gateway reported: its effective status (HTTP, or the envelope's code), message and kind. */
    public record Failure(int status, String message, Kind kind) {
    }

    protected final GatewayProvider provider;
    protected final String baseUrl;
    private final Transport transport;
    private final HttpTransport.Limits limits;
    private final Secrets secrets;

    protected GatewayClient(GatewayProvider provider, String baseUrl, Transport transport, WhatsDevConfiguration c) {
        this.provider = provider;
        this.baseUrl = baseUrl;
        this.transport = transport;
        this.limits = new HttpTransport.Limits(c.getResponseTimeout(), c.getCallTimeout(), c.getMaxResponseSize());
        this.secrets = secrets(c);
    }

    /** The credentials to scrub from gateway text; a gateway that obtains a token adds it. */
    protected Secrets secrets(WhatsDevConfiguration c) {
        return Secrets.of(c.getToken(), c.getApiKey(), c.getUsername(), c.getPassword());
    }

    /** Gateway text (a message, an excerpt) with every credential of this client masked. */
    protected final String scrub(String text) {
        return secrets.scrub(text);
    }

    public final String providerName() {
        return provider.name();
    }

    /** Performs an operation through the gateway's {@link Operations} table; the result is the operation's body type. */
    public final Object execute(OperationRequest request) throws WhatsDevException {
        return provider.execute(this, request);
    }

    /** The device list (what the consumer polls). */
    @SuppressWarnings("unchecked")
    public final List<Device> list() throws WhatsDevException {
        return (List<Device>) execute(OperationRequest.of(WhatsDevOperation.list, null));
    }

    /** A composed {@code get} or {@code status}: finds the device in the list, or reports it missing. */
    protected final Device findInList(String deviceId, WhatsDevOperation operation) throws WhatsDevException {
        for (Device d : list()) {
            if (matches(d, deviceId)) {
                return d;
            }
        }
        throw new DeviceNotFoundException(provider.name(), operation.name(), 0,
                "device " + deviceId + " is not in the gateway's device list");
    }

    /** Whether a listed device is the one the id names (subclasses add alternative ids). */
    protected boolean matches(Device device, String deviceId) {
        return deviceId.equals(device.getId());
    }

    // ---------------------------------------------------------------- calls

    /** Starts a call: method and path segments (each percent-encoded) below the base URL. */
    protected final Call call(WhatsDevOperation operation, String method, String... pathSegments) {
        return new Call(operation.name(), method, pathSegments);
    }

    /** Starts a call for an internal step such as a login. */
    protected final Call call(String step, String method, String... pathSegments) {
        return new Call(step, method, pathSegments);
    }

    /** How this client's calls carry the gateway's credentials. */
    protected abstract Authenticator authenticator();

    /** How this client reads a failure from an answer; default {@link #httpFailure(int, JsonNode)}. */
    protected FailureDecoder failures() {
        return GatewayClient::httpFailure;
    }

    /** The default decoder: HTTP status 400 or above is a failure, with {@link #messageOf(JsonNode)} as its message. */
    public static Failure httpFailure(int httpStatus, JsonNode body) {
        if (httpStatus >= 400) {
            return new Failure(httpStatus, body == null ? null : messageOf(body), null);
        }
        return null;
    }

    /** The error message of the commonest envelope: its {@code message}. */
    public static String messageOf(JsonNode body) {
        return text(body, "message");
    }

    /** One HTTP call being built; {@link #send()} performs it and returns the successful JSON answer. */
    public final class Call {
        private final String operation;
        private final String method;
        private final StringBuilder path = new StringBuilder();
        private final StringBuilder query = new StringBuilder();
        private final Map<String, String> headers = new LinkedHashMap<>(4);
        private Object body;
        private boolean authenticated = true;

        private Call(String operation, String method, String... pathSegments) {
            this.operation = operation;
            this.method = method;
            for (String s : pathSegments) {
                path.append('/').append(encode(s));
            }
        }

        public Call query(String name, String value) {
            query.append(query.length() == 0 ? '?' : '&').append(encode(name)).append('=').append(encode(value));
            return this;
        }

        public Call header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        /** A JSON body: a map, a record or a {@link JsonNode}. */
        public Call json(Object body) {
            this.body = body;
            return this;
        }

        /** The call carries its own credentials (a login). */
        public Call unauthenticated() {
            this.authenticated = false;
            return this;
        }

        public String operation() {
            return operation;
        }

        /**
         * Sends the call with the client's credentials; where the gateway refuses them and the {@link Authenticator} can
         * renew them, once more.
         */
        public JsonNode send() throws WhatsDevException {
            if (!authenticated) {
                return sendOnce();
            }
            Authenticator auth = authenticator();
            String used = auth.authenticate(this);
            try {
                return sendOnce();
            } catch (GatewayAuthenticationException e) {
                if (!auth.renew(used)) {
                    throw e;
                }
                auth.authenticate(this);
                return sendOnce();
            }
        }

        private JsonNode sendOnce() throws WhatsDevException {
            headers.putIfAbsent("Accept", "application/json");
            byte[] json;
            try {
                json = body == null ? null : WireJson.MAPPER.writeValueAsBytes(body);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Cannot write request body", e);
            }
            URI uri = URI.create(baseUrl + path + query);
            if (LOG.isDebugEnabled()) {
                // the path only: the query may carry a key (witime), headers carry tokens
                LOG.debug("[{}] {} {} {}", provider.name(), operation, method, path);
            }
            GatewayAnswer answer;
            try {
                answer = transport.send(method, uri, headers, json, limits, GatewayAnswer::read);
            } catch (HttpTransport.ResponseTooLargeException e) {
                throw new GatewayResponseException(provider.name(), operation, 0, e.getMessage(), null, null);
            } catch (HttpTransport.CallDeadlineException e) {
                throw new GatewayUnavailableException(provider.name(), operation, 0, e.getMessage(), null);
            } catch (SocketTimeoutException e) {
                throw new GatewayUnavailableException(provider.name(), operation, 0,
                        "no answer within " + limits.responseTimeoutMillis() + " ms (responseTimeout)", null);
            } catch (IOException e) {
                // the I/O exception's message can quote the URI (witime's key is in the query): scrubbed
                throw new GatewayUnavailableException(provider.name(), operation, 0,
                        "cannot reach the gateway or read its answer: " + e.getClass().getSimpleName()
                                                                         + (e.getMessage() == null ? "" : " " + excerpt(e.getMessage())),
                        null);
            }
            return decode(operation, answer);
        }
    }

    /** The successful JSON of an answer, or the typed exception its status, envelope or shape means. */
    private JsonNode decode(String operation, GatewayAnswer a) throws WhatsDevException {
        int status = a.status();
        if (status >= 300 && status < 400) {
            // never followed (credentials must not go elsewhere) and never a success, whatever the body says
            throw new GatewayResponseException(provider.name(), operation, status,
                    "a redirect" + (a.location() == null ? "" : " to " + scrub(excerpt(stripQuery(a.location()))))
                                                                          + ", which whatsdev does not follow; check baseUrl",
                    excerpt(a.head()), null);
        }
        JsonNode body = a.json();
        // an unreadable 2xx body is reported as such, not guessed at as a gateway refusal
        Failure failure = body == null && status < 400 ? null : failures().decode(status, body);
        if (failure != null) {
            String message = failure.message();
            if (message == null || message.isBlank()) {
                message = body == null ? excerpt(a.head()) : "no message";
            }
            throw toException(operation, status, new Failure(failure.status(), scrub(message), failure.kind()),
                    a.retryAfter());
        }
        if (status < 200 || status >= 300) {
            throw new GatewayResponseException(provider.name(), operation, status, "HTTP " + status + " is not a success",
                    excerpt(a.head()), null);
        }
        if (body == null) {
            throw new GatewayResponseException(provider.name(), operation, status, a.problem(), excerpt(a.head()), null);
        }
        return body;
    }

    private static String stripQuery(String location) {
        int q = location.indexOf('?');
        return q < 0 ? location : location.substring(0, q);
    }

    private WhatsDevException toException(String operation, int httpStatus, Failure f, String retryAfter) {
        Kind kind = f.kind() != null ? f.kind() : kindOf(f.status() > 0 ? f.status() : httpStatus);
        String p = provider.name();
        return switch (kind) {
            case NOT_FOUND -> new DeviceNotFoundException(p, operation, httpStatus, f.message());
            case ALREADY_CONNECTED -> new DeviceAlreadyConnectedException(p, operation, httpStatus, f.message());
            case AUTHENTICATION -> new GatewayAuthenticationException(p, operation, httpStatus, f.message());
            case RATE_LIMITED -> new GatewayRateLimitedException(p, operation, httpStatus, f.message(), parseRetryAfter(retryAfter));
            case UNAVAILABLE -> new GatewayUnavailableException(p, operation, httpStatus, f.message());
            case BAD_REQUEST -> new GatewayBadRequestException(p, operation, httpStatus, f.message());
        };
    }

    /** The kind an HTTP status means when the gateway says nothing more precise. */
    protected static Kind kindOf(int status) {
        if (status == 401 || status == 403) {
            return Kind.AUTHENTICATION;
        } else if (status == 404) {
            return Kind.NOT_FOUND;
        } else if (status == 429) {
            return Kind.RATE_LIMITED;
        } else if (status == 408 || status >= 500) {
            return Kind.UNAVAILABLE;
        } else if (status >= 400) {
            return Kind.BAD_REQUEST;
        }
        return Kind.BAD_REQUEST; // a failure envelope in a 2xx answer: the gateway refused, saying no more
    }

    /** Longest pause a {@code Retry-After} can ask for; a larger value is read as this. */
    public static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);

    /** A {@code Retry-After} in seconds or as an HTTP date, capped at {@link #MAX_RETRY_AFTER}; null where unreadable. */
    static Duration parseRetryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        Duration d;
        if (v.matches("[0-9]{1,18}")) {
            d = Duration.ofSeconds(Long.parseLong(v));
        } else {
            try {
                d = Duration.between(Instant.now(), ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME));
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return d.isNegative() ? Duration.ZERO : d.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : d;
    }

    /** At most 200 characters of gateway text, control characters replaced and credentials masked, for error messages. */
    protected final String excerpt(String text) {
        return scrub(WireJson.excerpt(text));
    }

    /** The start of a node, as {@link #excerpt(String)}. */
    protected final String excerpt(JsonNode node) {
        return scrub(WireJson.excerpt(node));
    }

    /** A {@link GatewayResponseException} about a node of a successful answer. */
    protected final GatewayResponseException malformed(String operation, String problem, JsonNode node) {
        return new GatewayResponseException(provider.name(), operation, 200, problem, excerpt(node), null);
    }

    private static String encode(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(bytes.length + 8);
        for (byte b : bytes) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_'
                    || c == '~') {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------- reading answers: lenient where the docs are
    // loose (numbers as strings), strict about the shape whatsdev relies on (every surprise a typed exception)

    /** A field as text; null where missing or JSON null. Numbers and booleans are given as text. */
    protected static String text(JsonNode node, String field) {
        if (node == null) {
            return null;
        }
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || v.isMissingNode()) {
            return null;
        }
        return v.isValueNode() ? v.asText() : v.toString();
    }

    /** A field that must be there: an absent one is a {@link GatewayResponseException}. */
    protected final JsonNode required(JsonNode node, String field, String operation) throws GatewayResponseException {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isNull()) {
            throw malformed(operation, "the answer has no '" + field + "'", node);
        }
        return v;
    }

    /** A field that must be a JSON array (a device list): anything else is a {@link GatewayResponseException}. */
    protected final JsonNode array(JsonNode node, String field, String operation) throws GatewayResponseException {
        JsonNode v = required(node, field, operation);
        if (!v.isArray()) {
            throw malformed(operation, "'" + field + "' is not an array but " + kind(v), node);
        }
        return v;
    }

    /** A field that must be a JSON object. */
    protected final JsonNode object(JsonNode node, String field, String operation) throws GatewayResponseException {
        JsonNode v = required(node, field, operation);
        if (!v.isObject()) {
            throw malformed(operation, "'" + field + "' is not an object but " + kind(v), node);
        }
        return v;
    }

    /** An entry of a device list: it must be an object. */
    protected final JsonNode entry(JsonNode entry, String operation) throws GatewayResponseException {
        if (!entry.isObject()) {
            throw malformed(operation, "a device entry is not an object but " + kind(entry), entry);
        }
        return entry;
    }

    /** A text field that must be there: a non-blank string, or a number (gateways send numbers as strings and back). */
    protected final String requiredText(JsonNode node, String field, String operation) throws GatewayResponseException {
        JsonNode v = required(node, field, operation);
        if (!(v.isTextual() || v.isIntegralNumber()) || v.asText().isBlank()) {
            throw malformed(operation, "'" + field + "' is not a non-empty string but " + kind(v), node);
        }
        return v.asText();
    }

    /** An optional integer: a JSON integer or a string of digits; null where absent; anything else fails. */
    protected final Long integer(JsonNode node, String field, String operation) throws GatewayResponseException {
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
    protected final Boolean flag(JsonNode node, String field, String operation) throws GatewayResponseException {
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
    protected final List<Device> uniqueIds(List<Device> devices, String operation) throws GatewayResponseException {
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (Device d : devices) {
            if (!ids.add(d.getId())) {
                throw new GatewayResponseException(provider.name(), operation, 200,
                        "device '" + scrub(Inputs.printable(d.getId())) + "' is listed twice", null, null);
            }
        }
        return devices;
    }

    /** What a JSON value is, for error messages. */
    protected static String kind(JsonNode v) {
        if (v.isArray()) {
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

    protected static Boolean bool(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() ? null : v.asBoolean();
    }

    /** An ISO-8601 instant; null where missing or unreadable (kept raw in the extra map by the caller). */
    protected static Instant instant(JsonNode node, String field) {
        String v = text(node, field);
        if (v == null) {
            return null;
        }
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            try {
                return java.time.OffsetDateTime.parse(v).toInstant();
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    /** The node as a plain Java value (map, list, string, number, boolean) for the extra map. */
    protected static Object plain(JsonNode node) {
        return node == null || node.isNull() ? null : WireJson.MAPPER.convertValue(node, Object.class);
    }

    /** Normalizes a status word with the gateway's mapping table (case-insensitive); unknown words are UNKNOWN. */
    protected final DeviceStatus normalize(String raw) {
        if (raw == null) {
            return DeviceStatus.UNKNOWN;
        }
        DeviceStatus s = provider.statusMapping().get(raw);
        if (s == null) {
            s = provider.statusMapping().get(raw.toLowerCase(Locale.ROOT));
        }
        if (s == null) {
            s = provider.statusMapping().get(raw.toUpperCase(Locale.ROOT));
        }
        return s == null ? DeviceStatus.UNKNOWN : s;
    }

    /**
     * A QR code from whichever form the gateway sent: a {@code data:} URI, plain base64 of a PNG, JPEG or SVG image, or,
     * where the gateway documents one, an http(s) link to its QR page.
     */
    protected final QrCode qr(String deviceId, String value, String operation, boolean linkAllowed, Instant expiresAt,
                              Integer ttl) throws GatewayResponseException {
        QrForms.Decoded d = QrForms.decode(value, linkAllowed);
        if (d == null) {
            throw new GatewayResponseException(provider.name(), operation, 200,
                    "the QR code is neither a data: URI nor base64 of a PNG, JPEG or SVG image"
                                                                                  + (linkAllowed ? " nor an http(s) link" : ""),
                    excerpt(value), null);
        }
        return d.link() != null ? QrCode.ofLink(provider.name(), deviceId, d.link())
                : QrCode.ofImage(provider.name(), deviceId, d.image(), d.mediaType(), expiresAt, ttl);
    }
}
