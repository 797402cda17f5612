package io.whatsdev.camel.provider.evolution;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
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
 * Evolution API v2 (self-hosted, {@code evolution-foundation/evolution-api}, read at tag 2.3.7): the server's root is the
 * required {@code baseUrl}, the global API key goes in the {@code apikey} header, and the device id is the instance
 * name. Failures are {@code {"status":N,"error":"...","response":{"message":[...]}}} with HTTP status N, and, on
 * {@code connect}, HTTP 200 {@code {"error":true,"message":...}}.
 * <p>
 * The status word is {@code open}, {@code connecting} or {@code close}, as the live {@code state} of
 * {@code connectionState} and as the {@code connectionStatus} of the instance's database row; what the word alone does
 * not say (never paired or disconnected, QR pending or socket opening) is read from the row (see
 * {@link EvolutionReader}).
 */
public final class EvolutionProvider extends AbstractGatewayProvider {

    public static final String NAME = "evolution";

    /** The integration whatsdev creates instances with: WhatsApp Web through Baileys, paired by QR or code. */
    public static final String INTEGRATION = "WHATSAPP-BAILEYS";

    /**
     * The webhook events whatsdev subscribes to: those of a device's life (a new QR, the connection state, the
     * disconnection reason, logout, removal). An empty list would mean every event, messages included.
     */
    public static final List<String> DEVICE_EVENTS = List.of("QRCODE_UPDATED", "CONNECTION_UPDATE", "STATUS_INSTANCE",
            "LOGOUT_INSTANCE", "REMOVE_INSTANCE");

    /** An instance name whatsdev can address: Evolution sets no rule, whatsdev keeps to what is safe in a path and a query. */
    private static final Pattern INSTANCE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private static final Operations<Client> OPERATIONS = Operations.of(Client.class)
            .nativeCall(WhatsDevOperation.list, "`GET /instance/fetchInstances`", (c, r) -> c.listDevices())
            .nativeCall(WhatsDevOperation.get, "`GET /instance/fetchInstances?instanceName=`", (c, r) -> c.get(r.deviceId()))
            .composed(WhatsDevOperation.status,
                    "`GET /instance/connectionState/\\{instance}`; for `close` and `connecting` also the instance's `fetchInstances` row",
                    (c, r) -> c.status(r.deviceId()))
            .nativeCall(WhatsDevOperation.create, "`POST /instance/create` (`WHATSAPP-BAILEYS`, `qrcode: true`)", (c, r) -> c.create(r))
            .nativeCall(WhatsDevOperation.qr, "`GET /instance/connect/\\{instance}` (PNG data URI)", (c, r) -> c.qr(r.deviceId()))
            .nativeCall(WhatsDevOperation.pairingCode, "`GET /instance/connect/\\{instance}?number=`", (c, r) -> c.pairingCode(r))
            .nativeCall(WhatsDevOperation.logout, "`DELETE /instance/logout/\\{instance}`", (c, r) -> c.logout(r.deviceId()))
            .nativeCall(WhatsDevOperation.restoreSession, "`GET /instance/connect/\\{instance}` (saved credentials)",
                    (c, r) -> c.restoreSession(r.deviceId()))
            .nativeCall(WhatsDevOperation.delete, "`DELETE /instance/delete/\\{instance}`", (c, r) -> c.delete(r.deviceId()))
            .composed(WhatsDevOperation.setWebhook, "`POST /webhook/set/\\{instance}`, then `fetchInstances` for the device",
                    (c, r) -> c.setWebhook(r))
            .build();

    /** What each status key means, for the docs' status table. */
    private static final Map<String, String> STATUS_NOTES = new LinkedHashMap<>();

    static {
        STATUS_NOTES.put(EvolutionReader.OPEN, "the phone is linked (`state`, or a row's `connectionStatus`)");
        STATUS_NOTES.put(EvolutionReader.CONNECTING_QR, "`connecting` with a QR code pending: the instance's row says `connecting` "
                                                        + "(Evolution writes that only when it issues a QR code), or a `create` or "
                                                        + "`connect` answer carries one");
        STATUS_NOTES.put(EvolutionReader.CONNECTING, "the live `state` `connecting` while the row does not say `connecting`: the "
                                                     + "socket is opening (restoring saved credentials, reconnecting)");
        STATUS_NOTES.put(EvolutionReader.CLOSE, "`close` of an instance that was paired once (it has an `ownerJid`): logged out, "
                                                + "or the connection closed");
        STATUS_NOTES.put(EvolutionReader.CLOSE_NEVER_PAIRED, "`close` of an instance without an `ownerJid`: never linked to a phone");
        STATUS_NOTES.put(EvolutionReader.REFUSED, "webhook `CONNECTION_UPDATE` only, never in a REST answer: the QR code limit "
                                                  + "(`QRCODE_LIMIT`) was reached; Evolution logs out and the state becomes `close`");
    }

    static final Map<String, DeviceStatus> STATUSES = new LinkedHashMap<>();

    static {
        STATUSES.put(EvolutionReader.OPEN, DeviceStatus.CONNECTED);
        STATUSES.put(EvolutionReader.CONNECTING_QR, DeviceStatus.AWAITING_SCAN);
        STATUSES.put(EvolutionReader.CONNECTING, DeviceStatus.STARTING);
        STATUSES.put(EvolutionReader.CLOSE, DeviceStatus.DISCONNECTED);
        STATUSES.put(EvolutionReader.CLOSE_NEVER_PAIRED, DeviceStatus.NOT_INITIALIZED);
        STATUSES.put(EvolutionReader.REFUSED, DeviceStatus.EXPIRED);
    }

    /** Self-hosted: there is no documented base URL, so {@code baseUrl} is required. */
    public EvolutionProvider() {
        super(NAME, null, OPERATIONS, STATUSES, Client::new);
    }

    @Override
    public Map<String, String> statusNotes() {
        return STATUS_NOTES;
    }

    @Override
    public FailureDecoder failureDecoder() {
        return EvolutionProvider::decodeFailure;
    }

    @Override
    public WireReader reader(UnaryOperator<String> scrub) {
        return new EvolutionReader(scrub);
    }

    /**
     * Evolution's webhook deliveries: an {@code Authorization: Bearer} JWT signed with the webhook's {@code jwt_key}
     * (or the {@code X-Whatsdev-Secret} header), and the events of {@link EvolutionCallbacks}.
     */
    @Override
    public CallbackDecoder callbacks() {
        return new EvolutionCallbacks();
    }

    /** Every instance call names the instance, the pairing code's too (it is asked of an existing instance). */
    @Override
    public boolean requiresDeviceId(WhatsDevOperation operation) {
        return operation.targetsDevice() || operation == WhatsDevOperation.pairingCode;
    }

    @Override
    public String checkDeviceId(String deviceId, String option) {
        return checkInstanceName(deviceId, option);
    }

    @Override
    public void validate(WhatsDevConfiguration c) {
        if (c.getBaseUrl() == null || c.getBaseUrl().isBlank()) {
            throw new IllegalArgumentException("baseUrl is required for provider " + NAME + ": the Evolution API server's root, "
                                               + "e.g. http://localhost:8080 (Evolution is self-hosted, so there is no default)");
        }
        Inputs.required(c.getApiKey(), "apiKey", "for provider " + NAME + " (the global API key, AUTHENTICATION_API_KEY, sent "
                                                 + "as the apikey header)");
        if (c.getDeviceName() != null) {
            checkInstanceName(c.getDeviceName(), "deviceName");
        }
    }

    /**
     * Refuses an instance name whatsdev cannot address: 1 to 128 letters, digits and {@code . _ -}, starting with a
     * letter or digit. Evolution itself accepts more.
     */
    public static String checkInstanceName(String name, String option) {
        if (name == null || !INSTANCE_NAME.matcher(name).matches() || name.contains("..")) {
            throw new IllegalArgumentException(option + " '" + Inputs.printable(name) + "' is not an Evolution instance name whatsdev "
                                               + "can address; allowed: 1 to 128 letters, digits and '. _ -', starting with a "
                                               + "letter or digit, no '..'");
        }
        return name;
    }

    /** The failure an answer of Evolution reports, or null for a success (see {@link FailureDecoder}). */
    public static Failure decodeFailure(int httpStatus, JsonNode body) {
        // connect (and restart) catch every error and answer 200 {"error":true,"message":...}
        boolean errorFlag = body != null && body.path("error").isBoolean() && body.path("error").asBoolean();
        // the error envelope, should it ever come with a 2xx status: {"status":N>=400,"error":"...","response":{...}}
        int envelope = body != null && body.path("status").isInt() && body.has("response") ? body.path("status").asInt() : 0;
        if (httpStatus < 400 && !errorFlag && envelope < 400) {
            return null;
        }
        int status = httpStatus < 400 && envelope >= 400 ? envelope : httpStatus;
        String message = evolutionMessage(body);
        String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
        Kind kind = null;
        if (m.startsWith("cannot ")) {
            // express's own 404 ("Cannot GET /instance/x"): no such path on this server, not a missing instance
            kind = Kind.BAD_REQUEST;
        } else if (m.contains("already in use")) {
            kind = Kind.BAD_REQUEST; // 403 "This name "i1" is already in use.": a name taken, not a credential refused
        } else if (m.contains("does not exist") || m.contains("not found")) {
            kind = Kind.NOT_FOUND;
        } else if (status < 400) {
            kind = Kind.BAD_REQUEST; // {"error":true} on HTTP 200: Evolution refused and said no more
        }
        if ("[object Object]".equals(message)) {
            message = message + " (Evolution caught an error without saying which: evolution-api issue #992)";
        }
        return new Failure(status, message, kind);
    }

    /**
     * Evolution's message: {@code response.message} (a string, or an array of strings, nested where a validation fails),
     * else the top-level {@code message} of the {@code {"error":true}} answer, else the {@code error} phrase.
     */
    public static String evolutionMessage(JsonNode body) {
        if (body == null) {
            return null;
        }
        JsonNode m = body.path("response").path("message");
        List<String> parts = new ArrayList<>();
        flatten(m, parts, 0);
        if (!parts.isEmpty()) {
            return String.join("; ", parts);
        }
        String top = WireReader.text(body, "message");
        if (top != null && !top.isBlank()) {
            return top;
        }
        JsonNode error = body.get("error");
        return error != null && error.isTextual() ? error.asText() : null;
    }

    private static void flatten(JsonNode node, List<String> parts, int depth) {
        if (node == null || node.isMissingNode() || node.isNull() || depth > 4) {
            return;
        }
        if (node.isArray()) {
            node.forEach(n -> flatten(n, parts, depth + 1));
        } else if (node.isValueNode()) {
            if (!node.asText().isBlank()) {
                parts.add(node.asText());
            }
        } else {
            parts.add(node.toString());
        }
    }

    /** The key in a webhook's {@code headers} that makes Evolution sign its callbacks (not sent as a header). */
    static final String JWT_KEY_HEADER = "jwt_key";

    /**
     * The webhook object of create and of {@code /webhook/set} (the v2 shape: nested, {@code enabled} and {@code url}),
     * for the device events; with a secret, its {@code headers} hold {@code jwt_key}, so that Evolution signs each
     * callback with an HS256 JWT in {@code Authorization} ({@link EvolutionCallbacks} checks it).
     */
    static Map<String, Object> webhook(String url, String jwtKey) {
        Map<String, Object> hook = new LinkedHashMap<>();
        hook.put("enabled", true);
        hook.put("url", url);
        hook.put("byEvents", false);
        hook.put("base64", false);
        hook.put("events", DEVICE_EVENTS);
        if (jwtKey != null) {
            hook.put("headers", Map.of(JWT_KEY_HEADER, jwtKey));
        }
        return hook;
    }

    static final class Client extends GatewayClient {
        private final String apiKey;
        private final EvolutionReader reader;

        Client(GatewayProvider p, String baseUrl, Transport t, WhatsDevConfiguration c) {
            super(p, baseUrl, t, c);
            this.apiKey = c.getApiKey();
            this.reader = (EvolutionReader) wire();
        }

        @Override
        protected Authenticator authenticator() {
            return Authenticator.header("apikey", apiKey);
        }

        List<Device> listDevices() throws WhatsDevException {
            return call(WhatsDevOperation.list, "GET", "instance", "fetchInstances").sendList();
        }

        Device get(String instance) throws WhatsDevException {
            return reader.readInstance(fetch(WhatsDevOperation.get, instance), instance, "get");
        }

        /** The instance's row: {@code fetchInstances} narrowed by name (an array of one; 404 where there is none). */
        private JsonNode fetch(WhatsDevOperation op, String instance) throws WhatsDevException {
            return call(op, "GET", "instance", "fetchInstances").query("instanceName", instance).send();
        }

        Device status(String instance) throws WhatsDevException {
            JsonNode state = call(WhatsDevOperation.status, "GET", "instance", "connectionState", instance).send();
            JsonNode rows = EvolutionReader.needsRow(state) ? fetch(WhatsDevOperation.status, instance) : null;
            return reader.readStatus(state, rows, instance, "status");
        }

        Device create(OperationRequest r) throws WhatsDevException {
            String name = checkInstanceName(r.requireDeviceName(), "deviceName (URI option or header CamelWhatsDevDeviceName)");
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("instanceName", name);
            body.put("integration", INTEGRATION);
            body.put("qrcode", true);
            if (r.webhookUrl() != null) {
                body.put("webhook", webhook(r.webhookUrl(), webhookSecret()));
            }
            return reader.readCreated(call(WhatsDevOperation.create, "POST", "instance", "create").json(body).send(), name);
        }

        QrCode qr(String instance) throws WhatsDevException {
            return reader.readQr(call(WhatsDevOperation.qr, "GET", "instance", "connect", instance).send(), instance);
        }

        PairingCode pairingCode(OperationRequest r) throws WhatsDevException {
            String phone = Inputs.phoneNumber(r.requirePhoneNumber(), "phoneNumber");
            JsonNode answer = call(WhatsDevOperation.pairingCode, "GET", "instance", "connect", r.deviceId()).query("number", phone)
                    .send();
            return reader.readPairingCode(answer, r.deviceId(), phone);
        }

        Device restoreSession(String instance) throws WhatsDevException {
            return reader.readRestored(call(WhatsDevOperation.restoreSession, "GET", "instance", "connect", instance).send(),
                    instance);
        }

        Device logout(String instance) throws WhatsDevException {
            return reader.readLoggedOut(call(WhatsDevOperation.logout, "DELETE", "instance", "logout", instance).send(), instance);
        }

        OperationResult delete(String instance) throws WhatsDevException {
            return reader.readDeleted(call(WhatsDevOperation.delete, "DELETE", "instance", "delete", instance).send(), instance);
        }

        Device setWebhook(OperationRequest r) throws WhatsDevException {
            String url = r.requireWebhookUrl();
            JsonNode answer = call(WhatsDevOperation.setWebhook, "POST", "webhook", "set", r.deviceId())
                    .json(Map.of("webhook", webhook(url, webhookSecret()))).send();
            Map<String, Object> hook = reader.readWebhook(answer, "setWebhook");
            Device d = reader.readInstance(fetch(WhatsDevOperation.setWebhook, r.deviceId()), r.deviceId(), "setWebhook");
            return d.toBuilder().extra("webhook", hook).build();
        }
    }
}
