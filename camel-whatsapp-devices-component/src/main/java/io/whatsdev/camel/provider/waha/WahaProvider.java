package io.whatsdev.camel.provider.waha;

import static io.whatsdev.camel.provider.WireReader.text;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.whatsdev.camel.WhatsDevConfiguration;
import io.whatsdev.camel.WhatsDevOperation;
import io.whatsdev.camel.exception.WhatsDevException;
import io.whatsdev.camel.model.Device;
import io.whatsdev.camel.model.DeviceStatus;
import io.whatsdev.camel.model.OperationResult;
import io.whatsdev.camel.model.PairingCode;
import io.whatsdev.camel.model.QrCode;
import io.whatsdev.camel.provider.AbstractGatewayProvider;
import io.whatsdev.camel.provider.Authenticator;
import io.whatsdev.camel.provider.CallbackDecoder;
import io.whatsdev.camel.provider.FailureDecoder;
import io.whatsdev.camel.provider.GatewayClient;
import io.whatsdev.camel.provider.GatewayClient.Failure;
import io.whatsdev.camel.provider.GatewayClient.Kind;
import io.whatsdev.camel.provider.GatewayProvider;
import io.whatsdev.camel.provider.Inputs;
import io.whatsdev.camel.provider.OperationRequest;
import io.whatsdev.camel.provider.Operations;
import io.whatsdev.camel.provider.Transport;
import io.whatsdev.camel.provider.WireReader;

/**
 * WAHA ("WhatsApp HTTP API", devlikeapro/waha), self-hosted: no documented base URL, so {@code baseUrl} (the server's
 * root, e.g. {@code http://localhost:3000}) is required, and every path starts with {@code /api/}. The API key goes in
 * the {@code X-Api-Key} header. The device id is the session {@code name}. Failures are NestJS's JSON
 * ({@code {"message","error","statusCode"}}) with the HTTP status saying what kind.
 */
public final class WahaProvider extends AbstractGatewayProvider {

    public static final String NAME = "waha";

    /** The header that carries the API key ([OA] security scheme {@code api_key}). */
    public static final String API_KEY_HEADER = "X-Api-Key";

    /** The events whatsdev subscribes a webhook to: the session's status changes. */
    public static final String STATUS_EVENT = "session.status";

    /** What {@code qr} asks for: WAHA's PNG, or its JSON form of it; the answer's content type says which came. */
    static final String QR_ACCEPT = "image/png, application/json";

    /**
     * A WAHA session name: WAHA's own rule for {@code POST /api/sessions} ({@code ^[a-zA-Z0-9_-]*$}, at most 64 less
     * the length of {@code waha_noweb}, as it names databases), without the empty name.
     */
    static final Pattern SESSION_NAME = Pattern.compile("[A-Za-z0-9_-]{1,54}");

    /** The status table's key for {@code FAILED} after {@code SCAN_QR_CODE} in the session's {@code statuses}. */
    public static final String FAILED_AFTER_SCAN = "FAILED (after SCAN_QR_CODE)";

    private static final Operations<Client> OPERATIONS = Operations.of(Client.class)
            .nativeCall(WhatsDevOperation.list, "`GET /api/sessions?all=true`", (c, r) -> c.listDevices())
            .nativeCall(WhatsDevOperation.get, "`GET /api/sessions/\\{session}`", (c, r) -> c.session(r.deviceId(), WhatsDevOperation.get))
            .nativeCall(WhatsDevOperation.status, "`GET /api/sessions/\\{session}`",
                    (c, r) -> c.session(r.deviceId(), WhatsDevOperation.status))
            .nativeCall(WhatsDevOperation.create, "`POST /api/sessions` (`name`, `start`, `config.webhooks`)", (c, r) -> c.create(r))
            .nativeCall(WhatsDevOperation.qr, "`GET /api/\\{session}/auth/qr?format=image` (PNG, or JSON base64)", (c, r) -> c.qr(r))
            .nativeCall(WhatsDevOperation.pairingCode, "`POST /api/\\{session}/auth/request-code`", (c, r) -> c.pairingCode(r))
            .nativeCall(WhatsDevOperation.logout, "`POST /api/sessions/\\{session}/logout`",
                    (c, r) -> c.lifecycle(r.deviceId(), "logout", WhatsDevOperation.logout))
            .nativeCall(WhatsDevOperation.closeSession, "`POST /api/sessions/\\{session}/stop`",
                    (c, r) -> c.lifecycle(r.deviceId(), "stop", WhatsDevOperation.closeSession))
            .nativeCall(WhatsDevOperation.restoreSession, "`POST /api/sessions/\\{session}/start`",
                    (c, r) -> c.lifecycle(r.deviceId(), "start", WhatsDevOperation.restoreSession))
            .nativeCall(WhatsDevOperation.delete, "`DELETE /api/sessions/\\{session}`", (c, r) -> c.delete(r.deviceId()))
            .composed(WhatsDevOperation.setWebhook, "`GET`, then `PUT /api/sessions/\\{session}` with `config.webhooks`",
                    (c, r) -> c.setWebhook(r))
            .build();

    /** What each raw status means, for the docs' status table. */
    private static final Map<String, String> STATUS_NOTES = new LinkedHashMap<>();

    static {
        STATUS_NOTES.put("STOPPED", "not running; its login is kept, `restoreSession` starts it again (a session never paired "
                                    + "is `STOPPED` too: WAHA does not tell them apart)");
        STATUS_NOTES.put("STARTING", "starting");
        STATUS_NOTES.put("SCAN_QR_CODE", "waiting for a QR scan or a pairing code; each new QR code repeats this status");
        STATUS_NOTES.put("PASSKEY_REQUIRED", "GOWS engine: waiting for a passkey (WebAuthn) step");
        STATUS_NOTES.put("PASSKEY_CONFIRMATION_REQUIRED", "GOWS engine: waiting for the user to confirm the passkey code");
        STATUS_NOTES.put("WORKING", "ready");
        STATUS_NOTES.put("FAILED", "logged out by the phone, re-authentication needed, or failed otherwise (WAHA: restart, "
                                   + "else `logout` and start)");
        STATUS_NOTES.put(FAILED_AFTER_SCAN, "`FAILED` where the status before it in the answer's `statuses` history is "
                                            + "`SCAN_QR_CODE`: the QR codes ran out unscanned (`rawStatus` is `FAILED`)");
    }

    private static final Map<String, DeviceStatus> STATUSES = new LinkedHashMap<>();

    static {
        STATUSES.put("STOPPED", DeviceStatus.DISCONNECTED);
        STATUSES.put("STARTING", DeviceStatus.STARTING);
        STATUSES.put("SCAN_QR_CODE", DeviceStatus.AWAITING_SCAN);
        STATUSES.put("PASSKEY_REQUIRED", DeviceStatus.AWAITING_SCAN);
        STATUSES.put("PASSKEY_CONFIRMATION_REQUIRED", DeviceStatus.AWAITING_SCAN);
        STATUSES.put("WORKING", DeviceStatus.CONNECTED);
        STATUSES.put("FAILED", DeviceStatus.DISCONNECTED);
        // one word, two situations: the history tells a session whose QR codes ran out
        STATUSES.put(FAILED_AFTER_SCAN, DeviceStatus.EXPIRED);
    }

    public WahaProvider() {
        // self-hosted: there is no documented base URL
        super(NAME, null, OPERATIONS, STATUSES, Client::new);
    }

    @Override
    public Map<String, String> statusNotes() {
        return STATUS_NOTES;
    }

    @Override
    public FailureDecoder failureDecoder() {
        return WahaProvider::decodeFailure;
    }

    @Override
    public WireReader reader(UnaryOperator<String> scrub) {
        return new WahaReader(NAME, statusMapping(), scrub);
    }

    /** WAHA signs its webhook deliveries (HMAC-SHA512) and pushes {@code session.status}: see {@link WahaCallbacks}. */
    @Override
    public CallbackDecoder callbacks() {
        return new WahaCallbacks(statusMapping());
    }

    @Override
    public void validate(WhatsDevConfiguration c) {
        if (c.getBaseUrl() == null || c.getBaseUrl().isBlank()) {
            throw new IllegalArgumentException("baseUrl is required for provider " + NAME + ": WAHA is self-hosted and has no "
                                               + "public address; give the WAHA server's root, e.g. http://localhost:3000 "
                                               + "(whatsdev adds /api/...)");
        }
        Inputs.required(c.getApiKey(), "apiKey", "for provider " + NAME + " (sent as the " + API_KEY_HEADER + " header; "
                                                 + "the key the WAHA server was given as WAHA_API_KEY)");
        if (c.getDeviceName() != null) {
            sessionName(c.getDeviceName(), "deviceName");
        }
    }

    /** {@code pairingCode} asks WAHA for a code for an existing session: it needs the session. */
    @Override
    public boolean requiresDeviceId(WhatsDevOperation operation) {
        return operation == WhatsDevOperation.pairingCode || operation.targetsDevice();
    }

    /** The device id is a WAHA session name. */
    @Override
    public String checkDeviceId(String deviceId, String option) {
        return sessionName(deviceId, option);
    }

    /** There is no default: {@link #validate(WhatsDevConfiguration)} refuses an endpoint without {@code baseUrl}. */
    @Override
    public String resolveBaseUrl(WhatsDevConfiguration c) {
        return c.getBaseUrl();
    }

    /** A WAHA session name, or an {@link IllegalArgumentException} naming the option and the rule. */
    static String sessionName(String value, String option) {
        if (value == null || !SESSION_NAME.matcher(value).matches()) {
            throw new IllegalArgumentException(option + " '" + Inputs.printable(value) + "' is not a WAHA session name; "
                                               + "allowed: 1 to 54 letters, digits, '-' and '_', e.g. default");
        }
        return value;
    }

    /**
     * The failure an answer of WAHA reports, or null for a success (see {@link FailureDecoder}). WAHA answers with HTTP
     * statuses: below 400 is a success. The message is NestJS's {@code message} (a list of them for a validation
     * error), else {@code error}; a 422 {@code Session status is not as expected} names the session's status, and is
     * {@link Kind#ALREADY_CONNECTED} where that status is {@code WORKING}.
     */
    public static Failure decodeFailure(int httpStatus, JsonNode body) {
        if (httpStatus < 400) {
            return null;
        }
        String message = message(body);
        String status = body != null && body.path("status").isTextual() ? body.path("status").asText() : null;
        Kind kind = null;
        if (httpStatus == 422 && status != null) {
            JsonNode expected = body.get("expected");
            message = (message == null ? "the session is " + status : message) + " (status " + status
                      + (expected != null && expected.isArray() && expected.size() > 0 ? ", expected " + join(expected) : "")
                      + ")";
            kind = "WORKING".equals(status) ? Kind.ALREADY_CONNECTED : Kind.BAD_REQUEST;
        } else if (httpStatus == 404 && message != null && message.startsWith("Cannot ")) {
            // NestJS's answer for a path it has no route for: the base URL is wrong, not the session missing
            message = message + " (WAHA has no such path: check baseUrl, the server's root without /api)";
            kind = Kind.BAD_REQUEST;
        }
        return new Failure(httpStatus, message, kind);
    }

    /** NestJS's {@code message}: a string, or a list of strings (class-validator); else {@code error}. */
    private static String message(JsonNode body) {
        if (body == null) {
            return null;
        }
        JsonNode m = body.get("message");
        if (m != null && m.isArray() && m.size() > 0) {
            return join(m);
        }
        String message = m != null && m.isValueNode() && !m.isNull() ? m.asText() : null;
        if (message == null || message.isBlank()) {
            message = text(body, "error");
        }
        return message;
    }

    private static String join(JsonNode array) {
        List<String> parts = new ArrayList<>();
        array.forEach(p -> parts.add(p.isValueNode() ? p.asText() : p.toString()));
        return String.join("; ", parts);
    }

    static final class Client extends GatewayClient {
        private final String apiKey;

        Client(GatewayProvider p, String baseUrl, Transport t, WhatsDevConfiguration c) {
            // the QR code's PNG and delete's empty body are made readable for the JSON path: see WahaAnswers
            super(p, baseUrl, new WahaAnswers(t), c);
            this.apiKey = c.getApiKey();
        }

        @Override
        protected Authenticator authenticator() {
            return Authenticator.header(API_KEY_HEADER, apiKey);
        }

        private WahaReader reader() {
            return (WahaReader) wire();
        }

        List<Device> listDevices() throws WhatsDevException {
            // without all=true, WAHA leaves STOPPED sessions out
            return call(WhatsDevOperation.list, "GET", "api", "sessions").query("all", "true").sendList();
        }

        Device session(String session, WhatsDevOperation op) throws WhatsDevException {
            return reader().readDevice(call(op, "GET", "api", "sessions", session).send(), op.name());
        }

        Device create(OperationRequest r) throws WhatsDevException {
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            if (r.deviceName() != null) {
                // absent: WAHA names the session itself
                body.put("name", sessionName(r.deviceName(), "deviceName"));
            }
            body.put("start", true); // WAHA's docs say the default is true, its code says false: always sent
            if (r.webhookUrl() != null) {
                ArrayNode webhooks = body.putObject("config").putArray("webhooks");
                webhooks.add(webhook(r.webhookUrl(), webhookSecret()));
            }
            return reader().readDevice(call(WhatsDevOperation.create, "POST", "api", "sessions").json(body).send(), "create");
        }

        QrCode qr(OperationRequest r) throws WhatsDevException {
            JsonNode answer = call(WhatsDevOperation.qr, "GET", "api", r.deviceId(), "auth", "qr").query("format", "image")
                    .header("Accept", QR_ACCEPT).send();
            if (answer.isObject() && answer.has("value") && !answer.has("data")) {
                throw malformed("qr", "the QR code came as its raw value (format=raw), not as an image", answer);
            }
            String mimetype = requiredText(answer, "mimetype", "qr");
            if (!mimetype.toLowerCase(Locale.ROOT).startsWith("image/")) {
                throw malformed("qr", "'mimetype' is not an image type but " + excerpt(mimetype), answer);
            }
            // the image's bytes decide its type; WAHA does not say how long the code lives (60 s, then 20 s)
            return qr(r.deviceId(), requiredText(answer, "data", "qr"), "qr", false, null, null);
        }

        PairingCode pairingCode(OperationRequest r) throws WhatsDevException {
            String phone = Inputs.phoneNumber(r.requirePhoneNumber(), "phoneNumber");
            ObjectNode body = JsonNodeFactory.instance.objectNode().put("phoneNumber", phone);
            JsonNode answer = call(WhatsDevOperation.pairingCode, "POST", "api", r.deviceId(), "auth", "request-code").json(body)
                    .send();
            if (!answer.isObject()) {
                throw malformed("pairingCode", "the answer is not an object but " + kind(answer), answer);
            }
            return new PairingCode(NAME, r.deviceId(), phone, requiredText(answer, "code", "pairingCode"), null);
        }

        /** start, stop or logout: the answer is the session ({@code SessionDTO}). */
        Device lifecycle(String session, String action, WhatsDevOperation op) throws WhatsDevException {
            return reader().readDevice(call(op, "POST", "api", "sessions", session, action).send(), op.name());
        }

        OperationResult delete(String session) throws WhatsDevException {
            // 200 with an empty body (WahaAnswers hands it on as {}); WAHA documents the call as idempotent
            JsonNode answer = call(WhatsDevOperation.delete, "DELETE", "api", "sessions", session).send();
            return new OperationResult(NAME, "delete", session, text(answer, "message"), null);
        }

        /**
         * Adds the webhook to the session's config and keeps the rest: PUT replaces the whole config, so it is read first
         * (GET). A webhook with the same URL is kept, with {@code session.status} added to its events where it lacks it
         * (and has no {@code *}); else one {@code {"url","events":["session.status"]}} is appended. Fields that came as
         * null are left out ([OA] marks few fields nullable).
         */
        Device setWebhook(OperationRequest r) throws WhatsDevException {
            String url = r.requireWebhookUrl();
            JsonNode current = call(WhatsDevOperation.setWebhook, "GET", "api", "sessions", r.deviceId()).send();
            reader().readDevice(current, "setWebhook"); // the session must read as one
            JsonNode read = current.get("config");
            ObjectNode config = read == null || read.isNull() ? JsonNodeFactory.instance.objectNode()
                    : (ObjectNode) withoutNulls(read.deepCopy());
            JsonNode hooks = config.get("webhooks");
            if (hooks != null && !hooks.isArray()) {
                throw malformed("setWebhook", "'config.webhooks' is not an array but " + kind(hooks), current);
            }
            ArrayNode webhooks = hooks == null ? config.putArray("webhooks") : (ArrayNode) hooks;
            ObjectNode same = null;
            for (JsonNode h : webhooks) {
                if (!h.isObject()) {
                    throw malformed("setWebhook", "an entry of 'config.webhooks' is not an object but " + kind(h), current);
                }
                if (url.equals(text(h, "url"))) {
                    same = (ObjectNode) h;
                }
            }
            if (same == null) {
                webhooks.add(webhook(url, webhookSecret()));
            } else {
                if (webhookSecret() != null) {
                    same.putObject("hmac").put("key", webhookSecret()); // its callbacks are then signed with the secret
                }
                JsonNode events = same.get("events");
                if (events == null) {
                    same.putArray("events").add(STATUS_EVENT);
                } else if (!events.isArray()) {
                    throw malformed("setWebhook", "the events of the webhook " + excerpt(url) + " are not an array but "
                                                  + kind(events), current);
                } else if (!contains(events, STATUS_EVENT) && !contains(events, "*")) {
                    ((ArrayNode) events).add(STATUS_EVENT);
                }
            }
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            body.set("config", config);
            return reader().readDevice(call(WhatsDevOperation.setWebhook, "PUT", "api", "sessions", r.deviceId()).json(body).send(),
                    "setWebhook");
        }

        /** A webhook of session status events, signed with {@code hmacKey} where there is one (WAHA's {@code hmac.key}). */
        private static ObjectNode webhook(String url, String hmacKey) {
            ObjectNode hook = JsonNodeFactory.instance.objectNode().put("url", url);
            hook.putArray("events").add(STATUS_EVENT);
            if (hmacKey != null) {
                hook.putObject("hmac").put("key", hmacKey);
            }
            return hook;
        }

        private static boolean contains(JsonNode array, String value) {
            for (JsonNode v : array) {
                if (v.isTextual() && v.asText().equals(value)) {
                    return true;
                }
            }
            return false;
        }

        /** The node with every null-valued field of every object removed (null array entries stay: not ours to drop). */
        private static JsonNode withoutNulls(JsonNode node) {
            if (node.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (e.getValue().isNull()) {
                        it.remove();
                    } else {
                        withoutNulls(e.getValue());
                    }
                }
            } else if (node.isArray()) {
                node.forEach(Client::withoutNulls);
            }
            return node;
        }
    }
}
