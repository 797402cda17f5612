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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

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
 * exceptions, and reading JSON strictly. A gateway's subclass says its paths, credentials and requests; its gateway's
 * reader ({@link GatewayProvider#reader}, held here as {@link #wire()}) maps the answers to the model.
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
    private final WireReader wire;
    private final String webhookSecret;
    /** How many devices the last list read entry by entry held: the next one's id table is sized for as many. */
    private volatile int lastListSize;

    protected GatewayClient(GatewayProvider provider, String baseUrl, Transport transport, WhatsDevConfiguration c) {
        this.provider = provider;
        this.baseUrl = baseUrl;
        this.transport = transport;
        this.limits = new HttpTransport.Limits(c.getResponseTimeout(), c.getCallTimeout(), c.getMaxResponseSize());
        this.webhookSecret = c.getWebhookSecret();
        this.secrets = secrets(c);
        this.wire = provider.reader(this::scrub);
    }

    /**
     * The credentials to scrub from gateway text; a gateway that obtains a token adds it. The webhook secret is one too:
     * a gateway may echo the callback URL (which carries it where the gateway does not sign) or the webhook's key.
     */
    protected Secrets secrets(WhatsDevConfiguration c) {
        return Secrets.of(c.getToken(), c.getApiKey(), c.getUsername(), c.getPassword(), c.getWebhookSecret());
    }

    /**
     * The endpoint's {@code webhookSecret}, or null: a gateway registers a webhook so that its callbacks prove they
     * know it, its own way (a signing key, a header, a query parameter of the URL), as its callback decoder checks.
     */
    protected final String webhookSecret() {
        return webhookSecret;
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

    /**
     * The poll in progress on this thread ({@link #list(UnaryOperator)}), so that a list call's reading ({@link
     * Call#sendList()}) finds its filter without every gateway's operation table passing it along; null outside one.
     */
    private static final ThreadLocal<PollFilter> POLL = new ThreadLocal<>();

    /** A poll's filter, and whether the list call applied it as it read the devices. */
    private static final class PollFilter {
        final UnaryOperator<Device> keep;
        boolean applied;

        PollFilter(UnaryOperator<Device> keep) {
            this.keep = keep;
        }
    }

    /**
     * The device list as a poll reads it: each device passed through {@code keep}, which returns what to keep of it, or
     * null for nothing (the polling consumer keeps only the ids of the devices that have nothing to report). Where the
     * gateway's reader reads the list entry by entry ({@link WireReader#listArrayField()}), {@code keep} sees each device
     * as soon as it is parsed, within the call, so that a long list never lives whole in memory; otherwise it sees them
     * once the list is read.
     * {@code keep} must only read: the poll may still fail at a later device. A list that names a device twice is
     * refused, whatever the gateway's reader.
     */
    public final List<Device> list(UnaryOperator<Device> keep) throws WhatsDevException {
        PollFilter poll = new PollFilter(keep);
        PollFilter outer = POLL.get();
        POLL.set(poll);
        List<Device> devices;
        try {
            devices = list();
        } finally {
            if (outer == null) {
                POLL.remove();
            } else {
                POLL.set(outer);
            }
        }
        if (poll.applied) {
            return devices;
        }
        // the built-in readers refuse a repeated id; a gateway's own reader may not, and the diff counts on it
        IdSet ids = new IdSet(devices.size());
        List<Device> kept = new ArrayList<>(devices.size());
        for (Device d : devices) {
            if (!ids.add(d.getId())) {
                throw wire.listedTwice(d.getId(), WhatsDevOperation.list.name());
            }
            Device k = keep.apply(d);
            if (k != null) {
                kept.add(k);
            }
        }
        return kept;
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

    /** How this client reads a failure from an answer: its gateway's {@link GatewayProvider#failureDecoder()}. */
    protected FailureDecoder failures() {
        return provider.failureDecoder();
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
        /** The URI being built: the base URL, the path, then the query. */
        private final StringBuilder uri;
        private final int pathEnd;
        private final Map<String, String> headers = new LinkedHashMap<>(4);
        private Object body;
        private boolean authenticated = true;

        private Call(String operation, String method, String... pathSegments) {
            this.operation = operation;
            this.method = method;
            this.uri = new StringBuilder(baseUrl.length() + 64).append(baseUrl);
            for (String s : pathSegments) {
                encode(s, uri.append('/'));
            }
            this.pathEnd = uri.length();
        }

        public Call query(String name, String value) {
            encode(name, uri.append(uri.length() == pathEnd ? '?' : '&'));
            encode(value, uri.append('='));
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
            return withCredentials(() -> sendOnce(GatewayAnswer::read).json());
        }

        /**
         * Sends a {@code list} call and reads its devices with the client's reader. Where the reader says where the list's
         * array is ({@link WireReader#listArrayField()}), each entry is read as soon as it is parsed and passed through the
         * poll's filter ({@link #list(UnaryOperator)}); otherwise, and for any other shape of answer, the whole answer
         * is read by {@link WireReader#readList}. Either way the same devices, or the same exception.
         */
        public List<Device> sendList() throws WhatsDevException {
            String field = wire.listArrayField();
            if (field == null) {
                return wire.readList(send());
            }
            PollFilter poll = POLL.get();
            return withCredentials(() -> {
                ListEntries entries = new ListEntries(wire, operation, poll == null ? null : poll.keep, lastListSize);
                List<Device> devices = entries.devices(sendOnce(r -> GatewayAnswer.read(r, field, entries)));
                if (entries.streamed()) {
                    lastListSize = entries.size();
                    if (poll != null) {
                        poll.applied = true;
                    }
                }
                return devices;
            });
        }

        /** One attempt; where the gateway refuses the credentials and the {@link Authenticator} can renew them, once more. */
        private <T> T withCredentials(Attempt<T> attempt) throws WhatsDevException {
            if (!authenticated) {
                return attempt.run();
            }
            Authenticator auth = authenticator();
            String used = auth.authenticate(this);
            try {
                return attempt.run();
            } catch (GatewayAuthenticationException e) {
                if (!auth.renew(used)) {
                    throw e;
                }
                auth.authenticate(this);
                return attempt.run();
            }
        }

        private GatewayAnswer sendOnce(HttpTransport.ResponseReader<GatewayAnswer> reader) throws WhatsDevException {
            headers.putIfAbsent("Accept", "application/json");
            byte[] json;
            try {
                json = body == null ? null : WireJson.MAPPER.writeValueAsBytes(body);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Cannot write request body", e);
            }
            if (LOG.isDebugEnabled()) {
                // the path only: the query may carry a key (witime), headers carry tokens
                LOG.debug("[{}] {} {} {}", provider.name(), operation, method, uri.substring(baseUrl.length(), pathEnd));
            }
            GatewayAnswer answer;
            try {
                answer = transport.send(method, URI.create(uri.toString()), headers, json, limits, reader);
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
            return checked(operation, answer);
        }
    }

    /** One attempt of a call. */
    @FunctionalInterface
    private interface Attempt<T> {
        T run() throws WhatsDevException;
    }

    /** The answer, where it is a success with a JSON body; else the typed exception its status, envelope or shape means. */
    private GatewayAnswer checked(String operation, GatewayAnswer a) throws WhatsDevException {
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
        return a;
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

    /**
     * This client's reader: the gateway's own {@link GatewayProvider#reader}, with this client's credentials masked. A
     * gateway's client may cast it to its gateway's reader class.
     */
    protected final WireReader wire() {
        return wire;
    }

    /** At most 200 characters of gateway text, control characters replaced and credentials masked, for error messages. */
    protected final String excerpt(String text) {
        return wire.excerpt(text);
    }

    /** The start of a node, as {@link #excerpt(String)}. */
    protected final String excerpt(JsonNode node) {
        return wire.excerpt(node);
    }

    /** Appends the text percent-encoded (all but RFC 3986's unreserved characters) to the builder. */
    private static void encode(String s, StringBuilder sb) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
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
    }

    // ---------------------------------------------------------------- reading answers: see WireReader, which holds the
    // one implementation; these are short names for a client's own reads

    protected static String text(JsonNode node, String field) {
        return WireReader.text(node, field);
    }

    protected static Boolean bool(JsonNode node, String field) {
        return WireReader.bool(node, field);
    }

    protected static Instant instant(JsonNode node, String field) {
        return WireReader.instant(node, field);
    }

    protected static Object plain(JsonNode node) {
        return WireReader.plain(node);
    }

    protected static String kind(JsonNode v) {
        return WireReader.kind(v);
    }

    protected final GatewayResponseException malformed(String operation, String problem, JsonNode node) {
        return wire.malformed(operation, problem, node);
    }

    protected final JsonNode required(JsonNode node, String field, String operation) throws GatewayResponseException {
        return wire.required(node, field, operation);
    }

    protected final JsonNode array(JsonNode node, String field, String operation) throws GatewayResponseException {
        return wire.array(node, field, operation);
    }

    protected final JsonNode object(JsonNode node, String field, String operation) throws GatewayResponseException {
        return wire.object(node, field, operation);
    }

    protected final JsonNode entry(JsonNode entry, String operation) throws GatewayResponseException {
        return wire.entry(entry, operation);
    }

    protected final String requiredText(JsonNode node, String field, String operation) throws GatewayResponseException {
        return wire.requiredText(node, field, operation);
    }

    protected final Long integer(JsonNode node, String field, String operation) throws GatewayResponseException {
        return wire.integer(node, field, operation);
    }

    protected final Boolean flag(JsonNode node, String field, String operation) throws GatewayResponseException {
        return wire.flag(node, field, operation);
    }

    protected final List<Device> uniqueIds(List<Device> devices, String operation) throws GatewayResponseException {
        return wire.uniqueIds(devices, operation);
    }

    protected final DeviceStatus normalize(String raw) {
        return wire.normalize(raw);
    }

    protected final QrCode qr(String deviceId, String value, String operation, boolean linkAllowed, Instant expiresAt,
                              Integer ttl) throws GatewayResponseException {
        return wire.qr(deviceId, value, operation, linkAllowed, expiresAt, ttl);
    }
}
