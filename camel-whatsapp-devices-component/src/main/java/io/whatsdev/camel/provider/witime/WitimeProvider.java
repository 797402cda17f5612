package io.whatsdev.camel.provider.witime;

import static io.whatsdev.camel.provider.WireReader.bool;
import static io.whatsdev.camel.provider.WireReader.text;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import io.whatsdev.camel.provider.GatewayClient.Failure;
import io.whatsdev.camel.provider.GatewayClient.Kind;
import io.whatsdev.camel.WhatsDevConfiguration;
import io.whatsdev.camel.WhatsDevOperation;
import io.whatsdev.camel.exception.WhatsDevException;
import io.whatsdev.camel.model.Device;
import io.whatsdev.camel.model.OperationResult;
import io.whatsdev.camel.model.QrCode;
import io.whatsdev.camel.provider.AbstractGatewayProvider;
import io.whatsdev.camel.provider.Authenticator;
import io.whatsdev.camel.provider.CallbackDecoder;
import io.whatsdev.camel.provider.FailureDecoder;
import io.whatsdev.camel.provider.GatewayClient;
import io.whatsdev.camel.provider.GatewayProvider;
import io.whatsdev.camel.provider.Inputs;
import io.whatsdev.camel.provider.OperationRequest;
import io.whatsdev.camel.provider.Operations;
import io.whatsdev.camel.provider.PollSetup;
import io.whatsdev.camel.provider.PollTarget;
import io.whatsdev.camel.provider.Transport;

/**
 * witi.me: ASP.NET commands on {@code https://api.witi.me}, the instance key in the query as {@code wid}. One key is one
 * instance, so the device is the instance behind the key and a device id is optional. Failures are
 * {@code {"status":0,"error":"...","ttl":0}}; {@code sucesso} and {@code success} are both read.
 */
public final class WitimeProvider extends AbstractGatewayProvider {

    public static final String NAME = "witime";

    private static final Operations<Client> OPERATIONS = Operations.of(Client.class)
            .nativeCall(WhatsDevOperation.qr, "`generate_qrcode.aspx` (SVG, `ttl`)", (c, r) -> c.qr(r))
            .nativeCall(WhatsDevOperation.status, "`status.aspx`", (c, r) -> c.status(r.deviceId()))
            .nativeCall(WhatsDevOperation.get, "`status.aspx`", (c, r) -> c.get(r.deviceId()))
            .composed(WhatsDevOperation.list, "`status.aspx` (the key's one instance)", (c, r) -> c.listDevices())
            .nativeCall(WhatsDevOperation.logout, "`disconnect.aspx`", (c, r) -> c.logout(r.deviceId()))
            .nativeCall(WhatsDevOperation.closeSession, "`close_session.aspx`", (c, r) -> c.closeSession(r.deviceId()))
            .nativeCall(WhatsDevOperation.saveSession, "`save_session.aspx`", (c, r) -> c.saveSession(r.deviceId()))
            .nativeCall(WhatsDevOperation.restoreSession, "`restore_session.aspx`", (c, r) -> c.restoreSession(r.deviceId()))
            .nativeCall(WhatsDevOperation.clear, "`clear.aspx`", (c, r) -> c.clear(r.deviceId()))
            .nativeCall(WhatsDevOperation.setWebhook, "`set_config.aspx`", (c, r) -> c.setWebhook(r))
            .build();

    /** What each raw status means, for the docs' status table. */
    private static final Map<String, String> STATUS_NOTES = new LinkedHashMap<>();

    static {
        STATUS_NOTES.put("0", "noConnection");
        STATUS_NOTES.put("1", "webSocketOpenining");
        STATUS_NOTES.put("2", "webSocketOpen");
        STATUS_NOTES.put("3", "waitForQRAuthentication");
        STATUS_NOTES.put("4", "Starting");
        STATUS_NOTES.put("10", "WhatsAppAuthenticated");
        STATUS_NOTES.put("11", "WhatsAppAuthenticatedConnectionClosed (restorable with `restoreSession`)");
        STATUS_NOTES.put("13", "WhatsAppNotAuthenticated");
    }

    /** The key selects the instance: no device id is needed. */
    public WitimeProvider() {
        super(NAME, "https://api.witi.me", OPERATIONS, WitimeReader.STATUSES, Client::new);
    }

    @Override
    public WitimeReader reader(UnaryOperator<String> scrub) {
        return new WitimeReader(scrub);
    }

    /** PostBack deliveries: the secret in the URL, JSON or BULK/BULKGZ bodies (see {@link WitimeCallbacks}). */
    @Override
    public CallbackDecoder callbacks() {
        return WitimeCallbacks.INSTANCE;
    }

    @Override
    public Map<String, String> statusNotes() {
        return STATUS_NOTES;
    }

    @Override
    public FailureDecoder failureDecoder() {
        return WitimeProvider::decodeFailure;
    }

    @Override
    public boolean requiresDeviceId(WhatsDevOperation operation) {
        return false;
    }

    @Override
    public void validate(WhatsDevConfiguration c) {
        Inputs.required(c.getToken(), "token", "for provider " + NAME + " (the instance key sent as wid)");
    }

    /** The consumer option that lists the instances to poll, one key each. */
    static final String INSTANCE_TOKENS = "instanceTokens";

    @Override
    public Map<String, String> gatewayOptions() {
        return Map.of(INSTANCE_TOKENS, "one key per instance");
    }

    /** With instanceTokens, the consumer needs no token of its own. */
    @Override
    public void validate(WhatsDevConfiguration c, Map<String, String> options) {
        if (options.containsKey(INSTANCE_TOKENS)) {
            instances(options.get(INSTANCE_TOKENS)); // fails naming the option
        } else {
            validate(c);
        }
    }

    @Override
    public void validateProducer(WhatsDevConfiguration c, Map<String, String> options) {
        if (options.containsKey(INSTANCE_TOKENS) && c.getToken() == null) {
            throw new IllegalArgumentException("token is required for the witime producer (the instance key sent as wid); "
                                               + "instanceTokens serves the consumer only");
        }
    }

    /** One target per instance of instanceTokens, each with its own key; else the endpoint's own instance. */
    @Override
    public List<PollTarget> pollTargets(PollSetup setup) {
        String tokens = setup.gatewayOptions().get(INSTANCE_TOKENS);
        if (tokens == null) {
            return super.pollTargets(setup);
        }
        List<PollTarget> targets = new java.util.ArrayList<>();
        instances(tokens).forEach((id, key) -> {
            WhatsDevConfiguration c = setup.configuration().copy();
            c.setDeviceId(id);
            c.setToken(key);
            targets.add(new PollTarget(id, newClient(c, setup.transport())));
        });
        return targets;
    }

    /** The key selects the instance: deviceId names it, it does not narrow a list. */
    @Override
    public boolean deviceIdNarrowsPolls() {
        return false;
    }

    /** instanceTokens as id to key, in order; every message names the option, never a key. */
    private Map<String, String> instances(String instanceTokens) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String pair : instanceTokens.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0 || eq == pair.length() - 1 || pair.substring(eq + 1).isBlank()) {
                throw new IllegalArgumentException("instanceTokens must be id=key pairs separated by commas; one pair has no id "
                                                   + "or no key");
            }
            String id = checkDeviceId(pair.substring(0, eq).trim(), "instanceTokens (id)");
            if (map.put(id, pair.substring(eq + 1).trim()) != null) {
                throw new IllegalArgumentException("instanceTokens names instance '" + id + "' twice");
            }
        }
        if (map.isEmpty()) {
            throw new IllegalArgumentException("instanceTokens is empty; give id=key pairs separated by commas");
        }
        return map;
    }

    /** The failure an answer of witime reports, or null for a success (see {@link FailureDecoder}). */
    public static Failure decodeFailure(int httpStatus, JsonNode body) {
        String error = text(body, "error");
        boolean errorEnvelope = body != null && "0".equals(body.path("status").asText()) && error != null && !error.isEmpty();
        Boolean ok = body == null ? null : bool(body, body.has("sucesso") ? "sucesso" : "success");
        if (httpStatus < 400 && !errorEnvelope && !Boolean.FALSE.equals(ok)) {
            return null;
        }
        String message = error != null && !error.isEmpty() ? error : text(body, "message");
        Kind kind = null;
        if (message != null) {
            String m = message.toLowerCase(Locale.ROOT);
            if (m.contains("already established") || m.contains("already connected")) {
                kind = Kind.ALREADY_CONNECTED;
            } else if (httpStatus < 400 && (m.contains("wid") || m.contains("key") || m.contains("unauthori"))) {
                // only where the HTTP status says nothing: an echoed key must not turn a 503 into a refusal
                kind = Kind.AUTHENTICATION;
            }
        }
        if (kind == null && httpStatus < 400) {
            kind = Kind.BAD_REQUEST;
        }
        return new Failure(httpStatus, message, kind);
    }

    static final class Client extends GatewayClient {
        private final String key;
        private final String configuredId;
        private final WitimeReader reader;

        Client(GatewayProvider p, String baseUrl, Transport t, WhatsDevConfiguration c) {
            super(p, baseUrl, t, c);
            this.key = c.getToken();
            this.configuredId = c.getDeviceId();
            this.reader = (WitimeReader) wire();
        }

        @Override
        protected Authenticator authenticator() {
            return Authenticator.query("wid", key);
        }


        public QrCode qr(OperationRequest r) throws WhatsDevException {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("user_agent", r.userAgent() != null ? r.userAgent() : WhatsDevConfiguration.DEFAULT_WITIME_USER_AGENT);
            return reader.readQr(call(WhatsDevOperation.qr, "POST", "generate_qrcode.aspx").json(body).send(),
                    deviceId(r.deviceId()));
        }

        public Device status(String deviceId) throws WhatsDevException {
            return device(call(WhatsDevOperation.status, "GET", "status.aspx").send(), deviceId, "status");
        }

        public Device get(String deviceId) throws WhatsDevException {
            return device(call(WhatsDevOperation.get, "GET", "status.aspx").send(), deviceId, "get");
        }

        List<Device> listDevices() throws WhatsDevException {
            JsonNode answer = call(WhatsDevOperation.list, "GET", "status.aspx").send();
            return reader.readList(answer, instanceId(text(answer, "WebID"), null));
        }

        public Device logout(String deviceId) throws WhatsDevException {
            return device(call(WhatsDevOperation.logout, "GET", "disconnect.aspx").send(), deviceId, "logout");
        }

        public Device closeSession(String deviceId) throws WhatsDevException {
            return device(reader.nestedStatus(call(WhatsDevOperation.closeSession, "GET", "close_session.aspx").send(),
                    "closeSession"), deviceId, "closeSession");
        }

        public Device restoreSession(String deviceId) throws WhatsDevException {
            return device(reader.nestedStatus(call(WhatsDevOperation.restoreSession, "GET", "restore_session.aspx").send(),
                    "restoreSession"), deviceId, "restoreSession");
        }

        public OperationResult saveSession(String deviceId) throws WhatsDevException {
            JsonNode answer = call(WhatsDevOperation.saveSession, "GET", "save_session.aspx").send();
            return new OperationResult(NAME, "saveSession", deviceId(deviceId), text(answer, "message"), null);
        }

        public OperationResult clear(String deviceId) throws WhatsDevException {
            JsonNode answer = call(WhatsDevOperation.clear, "GET", "clear.aspx").send();
            return new OperationResult(NAME, "clear", deviceId(deviceId), text(answer, "message"), null);
        }

        public Device setWebhook(OperationRequest r) throws WhatsDevException {
            Map<String, Object> body = new LinkedHashMap<>();
            // witime does not sign its PostBacks: the URL carries the webhookSecret, as its callback decoder checks
            body.put("webhook", Inputs.withQueryParameter(r.requireWebhookUrl(), WitimeCallbacks.SECRET_PARAMETER, webhookSecret()));
            if (r.userAgent() != null) {
                body.put("user_agent", r.userAgent());
            }
            return device(call(WhatsDevOperation.setWebhook, "POST", "set_config.aspx").json(body).send(), r.deviceId(), "setWebhook");
        }

        private String deviceId(String requested) {
            return requested != null ? requested : configuredId;
        }

        /** The instance of a status object, by the id {@link #instanceId} gives it. */
        private Device device(JsonNode answer, String requestedId, String operation) throws WhatsDevException {
            return reader.readDevice(answer, operation, instanceId(text(answer, "WebID"), requestedId));
        }

        /**
         * The device id: the requested or configured one, else the gateway's WebID. Where the WebID is the key itself (the
         * gateway's examples suggest it can be), a stable digest of it stands in, so the secret never becomes an id.
         */
        private String instanceId(String webId, String requestedId) {
            String id = deviceId(requestedId);
            if (id != null) {
                return id;
            }
            if (webId == null || !webId.equals(key)) {
                return webId;
            }
            try {
                byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                return "instance-" + java.util.HexFormat.of().formatHex(digest, 0, 6);
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
