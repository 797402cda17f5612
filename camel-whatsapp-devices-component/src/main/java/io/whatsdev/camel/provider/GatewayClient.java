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
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.whatsdev.camel.WhatsDevOperation;
import io.whatsdev.camel.exception.DeviceAlreadyConnectedException;
import io.whatsdev.camel.exception.DeviceNotFoundException;
import io.whatsdev.camel.exception.GatewayAuthenticationException;
import io.whatsdev.camel.exception.GatewayBadRequestException;
import io.whatsdev.camel.exception.GatewayRateLimitedException;
import io.whatsdev.camel.exception.GatewayResponseException;
import io.whatsdev.camel.exception.GatewayUnavailableException;
import io.whatsdev.camel.exception.OperationNotSupportedException;
import io.whatsdev.camel.exception.WhatsDevException;
import io.whatsdev.camel.model.Device;
import io.whatsdev.camel.model.DeviceStatus;
import io.whatsdev.camel.model.OperationResult;
import io.whatsdev.camel.model.PairingCode;
import io.whatsdev.camel.model.QrCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client of one gateway for one endpoint. This base class holds what all gateways share: dispatching operations,
 * sending a call over the shared {@link HttpTransport}, turning transport failures, HTTP statuses and failure envelopes
 * into the typed exceptions, and reading JSON. A gateway's subclass says its paths, auth, envelopes and fields.
 * <p>
 * Thread safe: subclasses keep no per-call state.
 */
public abstract class GatewayClient {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayClient.class);

    /** Shared, thread-safe JSON mapper for request bodies and responses. */
    protected static final ObjectMapper JSON = JsonMapper.builder().build();

    private static final int EXCERPT = 200;

    /** The kind of a failure, which picks the exception class. */
    public enum Kind {
        NOT_FOUND,
        ALREADY_CONNECTED,
        AUTHENTICATION,
        RATE_LIMITED,
        UNAVAILABLE,
        BAD_REQUEST,
        OTHER
    }

    /** A failure the gateway reported: its effective status (HTTP, or the envelope's code), message and kind. */
    public record Failure(int status, String message, Kind kind) {
    }

    protected final GatewayProvider provider;
    protected final String baseUrl;
    private final HttpTransport transport;
    private final long responseTimeoutMillis;

    protected GatewayClient(GatewayProvider provider, String baseUrl, HttpTransport transport, long responseTimeoutMillis) {
        this.provider = provider;
        this.baseUrl = baseUrl;
        this.transport = transport;
        this.responseTimeoutMillis = responseTimeoutMillis;
    }

    public final String providerName() {
        return provider.name();
    }

    /** Performs an operation; the result is the operation's body type. */
    public Object execute(OperationRequest request) throws WhatsDevException {
        String id = request.deviceId();
        return switch (request.operation()) {
            case list -> list();
            case get -> get(id);
            case status -> status(id);
            case create -> create(request);
            case qr -> qr(request);
            case pairingCode -> pairingCode(request);
            case logout -> logout(id);
            case closeSession -> closeSession(id);
            case restoreSession -> restoreSession(id);
            case saveSession -> saveSession(id);
            case delete -> delete(id);
            case clear -> clear(id);
            case setWebhook -> setWebhook(request);
        };
    }

    public List<Device> list() throws WhatsDevException {
        throw unsupported(WhatsDevOperation.list);
    }

    public Device get(String deviceId) throws WhatsDevException {
        throw unsupported(WhatsDevOperation.get);
    }

    public Device status(String deviceId) throws WhatsDevException {
        throw unsupported(WhatsDevOperation.status);
    }

    public Device create(OperationRequest request) throws WhatsDevException {
        throw unsupported(WhatsDevOperation.create);
    }

    public QrCode qr(OperationRequest request) throws WhatsDevException {
        throw unsupported(WhatsDevOperation.qr);
    }

    public PairingCode pairingCode(OperationRequest request) throws WhatsDevException {
        throw unsupported(WhatsDevOperation.pairingCode);
    }

    public Device logout(String deviceId) throws WhatsDevException {
        throw unsupported(WhatsDevOperation.logout);
    }

    public Device closeSession(String deviceId) throws WhatsDevException {
        throw unsupported(WhatsDevOperation.closeSession);
    }

    public Device restoreSession(String deviceId) throws WhatsDevException {
        throw unsupported(WhatsDevOperation.restoreSession);
    }

    public OperationResult saveSession(String deviceId) throws WhatsDevException {
        throw unsupported(WhatsDevOperation.saveSession);
    }

    public OperationResult delete(String deviceId) throws WhatsDevException {
        throw unsupported(WhatsDevOperation.delete);
    }

    public OperationResult clear(String deviceId) throws WhatsDevException {
        throw unsupported(WhatsDevOperation.clear);
    }

    public Device setWebhook(OperationRequest request) throws WhatsDevException {
        throw unsupported(WhatsDevOperation.setWebhook);
    }

    /** Called before a composed {@code get}: finds the device in the list, or reports it missing. */
    protected Device findInList(String deviceId, WhatsDevOperation operation) throws WhatsDevException {
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

    private OperationNotSupportedException unsupported(WhatsDevOperation op) {
        return new OperationNotSupportedException(provider.name(), op.name(), 0, GatewayProviders.unsupportedMessage(provider, op));
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

    /** Adds the gateway's credentials to a call (headers or query). */
    protected abstract void authenticate(Call call) throws WhatsDevException;

    /**
     * Reads a failure from the gateway's answer, or null for a success. The default: HTTP status 400 or above, with
     * {@link #messageOf(JsonNode)} as message. Subclasses add their failure envelopes ({@code success:false}, ...).
     */
    protected Failure failureOf(int httpStatus, JsonNode body) {
        if (httpStatus >= 400) {
            return new Failure(httpStatus, body == null ? null : messageOf(body), null);
        }
        return null;
    }

    /** The gateway's error message in an envelope (default: {@code message}). */
    protected String messageOf(JsonNode body) {
        return text(body, "message");
    }

    /** One HTTP call being built; {@link #send()} performs it and returns the successful JSON answer. */
    protected final class Call {
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

        public JsonNode send() throws WhatsDevException {
            if (authenticated) {
                authenticate(this);
            }
            headers.putIfAbsent("Accept", "application/json");
            String json;
            try {
                json = body == null ? null : JSON.writeValueAsString(body);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Cannot write request body", e);
            }
            URI uri = URI.create(baseUrl + path + query);
            if (LOG.isDebugEnabled()) {
                // the path only: the query may carry a key (witime), headers carry tokens
                LOG.debug("[{}] {} {} {}", provider.name(), operation, method, path);
            }
            HttpTransport.Response response;
            try {
                response = transport.send(method, uri, headers, json, responseTimeoutMillis);
            } catch (SocketTimeoutException e) {
                throw new GatewayUnavailableException(provider.name(), operation, 0,
                        "no answer within " + responseTimeoutMillis + " ms", e);
            } catch (IOException e) {
                throw new GatewayUnavailableException(provider.name(), operation, 0,
                        "cannot reach the gateway: " + e.getClass().getSimpleName()
                                                                                    + (e.getMessage() != null ? " " + e.getMessage() : ""),
                        e);
            }
            return read(operation, response);
        }
    }

    private JsonNode read(String operation, HttpTransport.Response response) throws WhatsDevException {
        int status = response.status();
        String text = response.body();
        JsonNode body = null;
        boolean malformed = false;
        if (text != null && !text.isBlank() && looksLikeJson(text)) {
            try {
                body = JSON.readTree(text);
            } catch (JsonProcessingException e) {
                malformed = true;
            }
        }
        // an unreadable 2xx body is reported as such, not guessed at as a gateway refusal
        Failure failure = body == null && status < 400 ? null : failureOf(status, body);
        if (failure != null) {
            String message = failure.message();
            if (message == null || message.isBlank()) {
                message = body == null ? excerpt(text) : "no message";
            }
            throw toException(operation, status, new Failure(failure.status(), message, failure.kind()), response.retryAfter());
        }
        if (body == null || malformed) {
            String problem = malformed ? "malformed JSON" : text == null || text.isBlank() ? "empty answer" : "not JSON ("
                                                                                                            + response.contentType() + ")";
            throw new GatewayResponseException(provider.name(), operation, status, problem, excerpt(text), null);
        }
        return body;
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
            case OTHER -> new WhatsDevException(p, operation, httpStatus, f.message());
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
        return Kind.OTHER;
    }

    static Duration parseRetryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(v)));
        } catch (NumberFormatException e) {
            try {
                Duration d = Duration.between(Instant.now(), ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME));
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    private static boolean looksLikeJson(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c)) {
                return c == '{' || c == '[' || c == '"';
            }
        }
        return false;
    }

    /** At most 200 characters of a body, control characters replaced, for error messages. */
    protected static String excerpt(String text) {
        if (text == null) {
            return "";
        }
        String t = text.strip();
        StringBuilder sb = new StringBuilder(Math.min(t.length(), EXCERPT) + 3);
        for (int i = 0; i < t.length() && i < EXCERPT; i++) {
            char c = t.charAt(i);
            sb.append(Character.isISOControl(c) ? ' ' : c);
        }
        if (t.length() > EXCERPT) {
            sb.append("...");
        }
        return sb.toString();
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

    // ---------------------------------------------------------------- JSON helpers

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
            throw new GatewayResponseException(provider.name(), operation, 200, "the answer has no '" + field + "'",
                    excerpt(node == null ? null : node.toString()), null);
        }
        return v;
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
        return node == null || node.isNull() ? null : JSON.convertValue(node, Object.class);
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

    /** Decodes a {@code data:<type>;base64,<data>} URI into a QR code. */
    protected final QrCode qrFromDataUri(String deviceId, String dataUri, String operation, Instant expiresAt, Integer ttl)
            throws GatewayResponseException {
        if (dataUri != null && dataUri.startsWith("data:")) {
            int comma = dataUri.indexOf(',');
            int semi = dataUri.indexOf(';');
            if (comma > 0 && semi > 5 && semi < comma && dataUri.regionMatches(semi, ";base64", 0, 7)) {
                String type = dataUri.substring(5, semi);
                byte[] image = decodeBase64(dataUri.substring(comma + 1));
                if (image != null) {
                    return QrCode.ofImage(provider.name(), deviceId, image, type, expiresAt, ttl);
                }
            }
        }
        throw new GatewayResponseException(provider.name(), operation, 200, "the QR code is not a base64 data URI",
                excerpt(dataUri), null);
    }

    /** Decodes plain base64 (witime's SVG). */
    protected final byte[] base64(String value, String field, String operation) throws GatewayResponseException {
        byte[] bytes = decodeBase64(value);
        if (bytes == null) {
            throw new GatewayResponseException(provider.name(), operation, 200, "'" + field + "' is not base64", excerpt(value), null);
        }
        return bytes;
    }

    /** Strict base64 (line breaks allowed); null where the value is empty or not base64. */
    private static byte[] decodeBase64(String value) {
        if (value == null) {
            return null;
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(value.replaceAll("\\s", ""));
            return bytes.length == 0 ? null : bytes;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
