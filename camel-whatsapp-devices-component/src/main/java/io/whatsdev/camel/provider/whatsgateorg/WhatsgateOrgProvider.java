package io.whatsdev.camel.provider.whatsgateorg;

import static io.whatsdev.camel.provider.GatewayClient.messageOf;
import static io.whatsdev.camel.provider.WireReader.text;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import io.whatsdev.camel.provider.GatewayClient.Failure;
import io.whatsdev.camel.provider.GatewayClient.Kind;
import io.whatsdev.camel.WhatsDevConfiguration;
import io.whatsdev.camel.WhatsDevOperation;
import io.whatsdev.camel.exception.DeviceNotFoundException;
import io.whatsdev.camel.exception.GatewayResponseException;
import io.whatsdev.camel.exception.WhatsDevException;
import io.whatsdev.camel.model.Device;
import io.whatsdev.camel.model.OperationResult;
import io.whatsdev.camel.model.PairingCode;
import io.whatsdev.camel.model.QrCode;
import io.whatsdev.camel.provider.AbstractGatewayProvider;
import io.whatsdev.camel.provider.Authenticator;
import io.whatsdev.camel.provider.FailureDecoder;
import io.whatsdev.camel.provider.GatewayClient;
import io.whatsdev.camel.provider.GatewayProvider;
import io.whatsdev.camel.provider.Inputs;
import io.whatsdev.camel.provider.OperationRequest;
import io.whatsdev.camel.provider.Operations;
import io.whatsdev.camel.provider.Transport;

/**
 * WhatsGate (whatsgate.org): {@code https://whatsgate.org/api/v1/<command>}, every call a POST with a JSON body, header
 * {@code X-Api-Key}. Successes are {@code {"result":"OK","data":...}}; the device id is the session's {@code unique_id}
 * ({@code WhatsappID} in later calls).
 */
public final class WhatsgateOrgProvider extends AbstractGatewayProvider {

    public static final String NAME = "whatsgate-org";

    /** Sessions asked for per {@code sessions-get} page; undocumented by the provider, pages assumed to count from 1. */
    static final int PAGE_SIZE = 100;

    /** The page cap: a listing stops with an error after this many full pages (100,000 sessions). */
    public static final int MAX_PAGES = 1000;

    private static final Operations<Client> OPERATIONS = Operations.of(Client.class)
            .nativeCall(WhatsDevOperation.create, "`session-create`", (c, r) -> c.create(r))
            .nativeCall(WhatsDevOperation.list, "`sessions-get` (paged)", (c, r) -> c.listDevices())
            .nativeCall(WhatsDevOperation.get, "`sessions-get` with `WhatsappID`", (c, r) -> c.get(r.deviceId()))
            .composed(WhatsDevOperation.status, "`status` of `sessions-get`", (c, r) -> c.status(r.deviceId()))
            .composed(WhatsDevOperation.qr, "the session's `qr_link` page", (c, r) -> c.qr(r))
            .nativeCall(WhatsDevOperation.pairingCode, "`session-create` with `auth_type: CODE`", (c, r) -> c.pairingCode(r))
            .nativeCall(WhatsDevOperation.delete, "`session-delete`", (c, r) -> c.delete(r.deviceId()))
            .nativeCall(WhatsDevOperation.setWebhook, "`set-hook`", (c, r) -> c.setWebhook(r))
            .build();

    /** Stateless, shared by every endpoint. */
    private static final WhatsgateOrgCallbacks CALLBACKS = new WhatsgateOrgCallbacks();

    /** Stateless, shared by every endpoint: the cursor is the consumer's. */
    private static final WhatsgateOrgFeed FEED = new WhatsgateOrgFeed();

    /** What each raw status means, for the docs' status table. */
    private static final Map<String, String> STATUS_NOTES = new LinkedHashMap<>();

    static {
        STATUS_NOTES.put("PENDING", "\"Initialization\"");
        STATUS_NOTES.put("AUTH", "waiting for authorization (QR or code)");
        STATUS_NOTES.put("READY", "\"Working\"");
        STATUS_NOTES.put("DESTROYING", "after `session-delete`");
    }

    public WhatsgateOrgProvider() {
        super(NAME, "https://whatsgate.org/api/v1", OPERATIONS, WhatsgateOrgReader.STATUSES, Client::new);
    }

    @Override
    public WhatsgateOrgReader reader(UnaryOperator<String> scrub) {
        return new WhatsgateOrgReader(scrub);
    }

    /** Its callbacks: the secret in the callback URL, one event per POST, acknowledged with the event's id. */
    @Override
    public WhatsgateOrgCallbacks callbacks() {
        return CALLBACKS;
    }

    /** Its {@code events-get} feed: the same events as its callbacks, read by polling with a cursor. */
    @Override
    public WhatsgateOrgFeed eventFeed() {
        return FEED;
    }

    @Override
    public Map<String, String> statusNotes() {
        return STATUS_NOTES;
    }

    @Override
    public FailureDecoder failureDecoder() {
        return WhatsgateOrgProvider::decodeFailure;
    }

    @Override
    public void validate(WhatsDevConfiguration c) {
        if (c.getApiKey() == null && c.getToken() == null) {
            throw new IllegalArgumentException("apiKey is required for provider " + NAME + " (its X-Api-Key header; token is accepted too)");
        }
        if (c.getPhoneNumber() != null) {
            Inputs.phoneNumber(c.getPhoneNumber(), "phoneNumber");
        }
    }

    /** A session created in pairing-code mode carries its code: it becomes the CamelWhatsDevPairingCode header. */
    @Override
    public void resultHeaders(Object result, java.util.function.BiConsumer<String, Object> headers) {
        Device d = result instanceof Device device ? device
                : result instanceof io.whatsdev.camel.model.OperationResult r ? r.getDevice() : null;
        Object code = d == null ? null : d.getExtra().get("code");
        if (code != null) {
            headers.accept(io.whatsdev.camel.WhatsDevConstants.PAIRING_CODE, code.toString());
        }
    }

    /** The failure an answer of whatsgateorg reports, or null for a success (see {@link FailureDecoder}). */
    public static Failure decodeFailure(int httpStatus, JsonNode body) {
        String result = text(body, "result");
        if (httpStatus < 400 && "OK".equalsIgnoreCase(result)) {
            return null;
        }
        if (httpStatus < 400 && body != null && result == null && !body.has("name")) {
            return null; // no envelope: let the caller's field checks report it
        }
        String name = text(body, "name");
        String message = messageOf(body);
        Kind kind = null;
        if ("Unauthorized".equalsIgnoreCase(name) || "Forbidden".equalsIgnoreCase(name)) {
            kind = Kind.AUTHENTICATION; // documented as HTTP 500 {"name":"Unauthorized",...}
        } else if ("Not Found".equalsIgnoreCase(name) || message != null && message.toLowerCase(Locale.ROOT).contains("not found")) {
            kind = Kind.NOT_FOUND;
        } else if ("Too Many Requests".equalsIgnoreCase(name)) {
            kind = Kind.RATE_LIMITED;
        } else if (httpStatus < 400) {
            kind = Kind.BAD_REQUEST;
        }
        return new Failure(httpStatus, message != null ? message : name, kind);
    }

    static final class Client extends GatewayClient {
        private final String apiKey;
        private final WhatsgateOrgReader reader;

        Client(GatewayProvider p, String baseUrl, Transport t, WhatsDevConfiguration c) {
            super(p, baseUrl, t, c);
            this.apiKey = c.getApiKey() != null ? c.getApiKey() : c.getToken();
            this.reader = (WhatsgateOrgReader) wire();
        }

        @Override
        protected Authenticator authenticator() {
            return Authenticator.header("X-Api-Key", apiKey);
        }


        private JsonNode post(WhatsDevOperation op, String command, Map<String, Object> body) throws WhatsDevException {
            return call(op, "POST", command).json(body).send();
        }

        /** One events-get call ({@link WhatsgateOrgFeed}), its successful answer as it came. */
        JsonNode eventsGet(Map<String, Object> body) throws WhatsDevException {
            return call(WhatsgateOrgFeed.OPERATION, "POST", WhatsgateOrgFeed.COMMAND).json(body).send();
        }

        WhatsgateOrgReader reader() {
            return reader;
        }

        public Device create(OperationRequest r) throws WhatsDevException {
            return reader.readDevice(post(WhatsDevOperation.create, "session-create", createBody(r, r.requireDeviceName(),
                    r.phoneNumber())), "create");
        }

        public PairingCode pairingCode(OperationRequest r) throws WhatsDevException {
            String phone = Inputs.phoneNumber(r.requirePhoneNumber(), "phoneNumber");
            String name = r.deviceName() != null ? r.deviceName() : phone;
            return reader.readPairingCode(post(WhatsDevOperation.pairingCode, "session-create", createBody(r, name, phone)),
                    phone);
        }

        private Map<String, Object> createBody(OperationRequest r, String name, String phone) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", name);
            if (r.webhookUrl() != null) {
                body.put("callback", callbackUrl(r.webhookUrl()));
            }
            if (phone != null) {
                body.put("auth_type", "CODE");
                body.put("number", phone);
            }
            return body;
        }

        List<Device> listDevices() throws WhatsDevException {
            List<Device> devices = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (int page = 1; page <= MAX_PAGES; page++) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("page_cnt", PAGE_SIZE);
                body.put("page", page);
                List<Device> sessions = reader.readPage(post(WhatsDevOperation.list, "sessions-get", body), page, seen);
                devices.addAll(sessions);
                if (sessions.size() < PAGE_SIZE) {
                    return devices;
                }
            }
            throw new GatewayResponseException(NAME, "list", 200, "more than " + MAX_PAGES + " pages of " + PAGE_SIZE
                                                                  + " sessions; whatsdev stops there (page cap)", null, null);
        }

        public Device get(String deviceId) throws WhatsDevException {
            return find(deviceId, WhatsDevOperation.get);
        }

        public Device status(String deviceId) throws WhatsDevException {
            return find(deviceId, WhatsDevOperation.status);
        }

        private Device find(String deviceId, WhatsDevOperation op) throws WhatsDevException {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("WhatsappID", deviceId);
            Device d = reader.find(post(op, "sessions-get", body), deviceId, op.name());
            if (d != null) {
                return d;
            }
            throw new DeviceNotFoundException(NAME, op.name(), 200, "no session with WhatsappID " + deviceId);
        }

        /** The QR page of the session: no QR call exists, the session names its page. */
        public QrCode qr(OperationRequest r) throws WhatsDevException {
            return reader.readQr(find(r.deviceId(), WhatsDevOperation.qr));
        }

        public OperationResult delete(String deviceId) throws WhatsDevException {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("WhatsappID", deviceId);
            JsonNode answer = post(WhatsDevOperation.delete, "session-delete", body);
            return new OperationResult(NAME, "delete", deviceId, text(answer, "result"), reader.sessionIn(answer, "delete"));
        }

        public Device setWebhook(OperationRequest r) throws WhatsDevException {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("WhatsappID", r.deviceId());
            body.put("callback", callbackUrl(r.requireWebhookUrl()));
            Device hooked = reader.sessionIn(post(WhatsDevOperation.setWebhook, "set-hook", body), "setWebhook");
            // an answer without the session: the device is the one the call named, with the callback it was given
            return hooked != null ? withoutSecret(hooked) : Device.builder(NAME).id(r.deviceId()).extra("callback", r.webhookUrl()).build();
        }

        /**
         * The callback URL as whatsgate-org is given it: it does not sign its callbacks, so the URL carries the
         * webhookSecret as the query parameter its callback decoder checks ({@link WhatsgateOrgCallbacks#SECRET_PARAMETER}).
         */
        private String callbackUrl(String url) {
            return Inputs.withQueryParameter(url, WhatsgateOrgCallbacks.SECRET_PARAMETER, webhookSecret());
        }

        /** The session as answered, its callback URL's secret masked (the device goes into the route and its logs). */
        private Device withoutSecret(Device d) {
            Object callback = d.getExtra().get("callback");
            return callback instanceof String url ? d.toBuilder().extra("callback", scrub(url)).build() : d;
        }
    }
}
