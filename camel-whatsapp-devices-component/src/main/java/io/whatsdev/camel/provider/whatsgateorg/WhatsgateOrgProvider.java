package io.whatsdev.camel.provider.whatsgateorg;

import static io.whatsdev.camel.provider.GatewayClient.messageOf;
import static io.whatsdev.camel.provider.WireReader.text;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.whatsdev.camel.provider.GatewayClient.Failure;
import io.whatsdev.camel.provider.GatewayClient.Kind;
import io.whatsdev.camel.WhatsDevConfiguration;
import io.whatsdev.camel.WhatsDevOperation;
import io.whatsdev.camel.exception.DeviceAlreadyConnectedException;
import io.whatsdev.camel.exception.DeviceNotFoundException;
import io.whatsdev.camel.exception.GatewayResponseException;
import io.whatsdev.camel.exception.WhatsDevException;
import io.whatsdev.camel.model.Device;
import io.whatsdev.camel.model.DeviceStatus;
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

    /** What each raw status means, for the docs' status table. */
    private static final Map<String, String> STATUS_NOTES = new LinkedHashMap<>();

    static {
        STATUS_NOTES.put("PENDING", "\"Initialization\"");
        STATUS_NOTES.put("AUTH", "waiting for authorization (QR or code)");
        STATUS_NOTES.put("READY", "\"Working\"");
        STATUS_NOTES.put("DESTROYING", "after `session-delete`");
    }

    private static final Map<String, DeviceStatus> STATUSES = new LinkedHashMap<>();

    static {
        STATUSES.put("PENDING", DeviceStatus.STARTING);
        STATUSES.put("AUTH", DeviceStatus.AWAITING_SCAN);
        STATUSES.put("READY", DeviceStatus.CONNECTED);
        STATUSES.put("DESTROYING", DeviceStatus.DELETED);
    }

    private static final Set<String> STATUS_READS = Set.of("list", "get", "status", "qr");
    private static final Set<String> SESSION_FIELDS = Set.of("unique_id", "name", "status", "date_add", "wid");
    private static final DateTimeFormatter DATE_ADD = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    public WhatsgateOrgProvider() {
        super(NAME, "https://whatsgate.org/api/v1", OPERATIONS, STATUSES, Client::new);
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

        Client(GatewayProvider p, String baseUrl, Transport t, WhatsDevConfiguration c) {
            super(p, baseUrl, t, c);
            this.apiKey = c.getApiKey() != null ? c.getApiKey() : c.getToken();
        }

        @Override
        protected Authenticator authenticator() {
            return this::sign;
        }

        private String sign(Call call) {
            call.header("X-Api-Key", apiKey);
            return null; // a configured credential: nothing to renew
        }


        private JsonNode post(WhatsDevOperation op, String command, Map<String, Object> body) throws WhatsDevException {
            return call(op, "POST", command).json(body).send();
        }

        public Device create(OperationRequest r) throws WhatsDevException {
            JsonNode data = object(post(WhatsDevOperation.create, "session-create", createBody(r, r.requireDeviceName(),
                    r.phoneNumber())), "data", "create");
            return device(data, "create");
        }

        public PairingCode pairingCode(OperationRequest r) throws WhatsDevException {
            String phone = Inputs.phoneNumber(r.requirePhoneNumber(), "phoneNumber");
            String name = r.deviceName() != null ? r.deviceName() : phone;
            JsonNode data = object(post(WhatsDevOperation.pairingCode, "session-create", createBody(r, name, phone)), "data",
                    "pairingCode");
            String code = requiredText(data, "code", "pairingCode");
            return new PairingCode(NAME, text(data, "unique_id"), phone, code, text(data, "qr_link"));
        }

        private static Map<String, Object> createBody(OperationRequest r, String name, String phone) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", name);
            if (r.webhookUrl() != null) {
                body.put("callback", r.webhookUrl());
            }
            if (phone != null) {
                body.put("auth_type", "CODE");
                body.put("number", phone);
            }
            return body;
        }

        List<Device> listDevices() throws WhatsDevException {
            List<Device> devices = new ArrayList<>();
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (int page = 1; page <= MAX_PAGES; page++) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("page_cnt", PAGE_SIZE);
                body.put("page", page);
                JsonNode data = array(post(WhatsDevOperation.list, "sessions-get", body), "data", "list");
                for (JsonNode s : data) {
                    Device d = device(s, "list");
                    if (!seen.add(d.getId())) {
                        // a gateway that ignores "page" answers page 1 again: stop, or the poll never ends
                        throw new GatewayResponseException(NAME, "list", 200, "session '" + scrub(Inputs.printable(d.getId())) + "' is listed twice"
                                                                              + (page == 1 ? "" : ", again on page " + page
                                                                                                  + ": the gateway repeats a page (does it ignore 'page'?)"),
                                null, null);
                    }
                    devices.add(d);
                }
                if (data.size() < PAGE_SIZE) {
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
            for (JsonNode s : array(post(op, "sessions-get", body), "data", op.name())) {
                Device d = device(s, op.name());
                if (deviceId.equals(d.getId())) {
                    return d;
                }
            }
            throw new DeviceNotFoundException(NAME, op.name(), 200, "no session with WhatsappID " + deviceId);
        }

        /** The QR page of the session (it refreshes itself and can be embedded in an iframe). */
        public QrCode qr(OperationRequest r) throws WhatsDevException {
            Device d = find(r.deviceId(), WhatsDevOperation.qr);
            if (d.getStatus() == DeviceStatus.CONNECTED) {
                throw new DeviceAlreadyConnectedException(NAME, "qr", 200, "session " + r.deviceId() + " is already READY");
            }
            Object link = d.getExtra().get("qr_link");
            if (link == null) {
                throw new GatewayResponseException(NAME, "qr", 200, "the session has no qr_link", null, null);
            }
            return QrCode.ofLink(NAME, d.getId(), link.toString());
        }

        public OperationResult delete(String deviceId) throws WhatsDevException {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("WhatsappID", deviceId);
            JsonNode answer = post(WhatsDevOperation.delete, "session-delete", body);
            JsonNode data = answer.get("data");
            return new OperationResult(NAME, "delete", deviceId, text(answer, "result"),
                    data != null && data.isObject() ? device(data, "delete") : null);
        }

        public Device setWebhook(OperationRequest r) throws WhatsDevException {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("WhatsappID", r.deviceId());
            body.put("callback", r.requireWebhookUrl());
            JsonNode answer = post(WhatsDevOperation.setWebhook, "set-hook", body);
            JsonNode data = answer.get("data");
            return data != null && data.isObject() ? device(data, "setWebhook")
                    : Device.builder(NAME).id(r.deviceId()).extra("callback", r.webhookUrl()).build();
        }

        private Device device(JsonNode s, String operation) throws GatewayResponseException {
            entry(s, operation);
            String id = requiredText(s, "unique_id", operation);
            // where the status is what the caller asked for, it must be there
            String status = STATUS_READS.contains(operation) ? requiredText(s, "status", operation) : text(s, "status");
            String wid = text(s, "wid");
            Device.Builder b = Device.builder(NAME).id(id).name(text(s, "name"))
                    .phone(wid == null ? null : wid.replaceAll("@.*$", "")).status(normalize(status)).rawStatus(status)
                    .createdAt(dateAdd(text(s, "date_add")));
            s.fields().forEachRemaining(e -> {
                if (!SESSION_FIELDS.contains(e.getKey())) {
                    b.extra(e.getKey(), plain(e.getValue()));
                }
            });
            if (wid != null) {
                b.extra("wid", wid);
            }
            return b.build();
        }

        /** {@code date_add} has no zone; undocumented by the provider, whatsdev assumes UTC. */
        private static java.time.Instant dateAdd(String v) {
            if (v == null) {
                return null;
            }
            try {
                return LocalDateTime.parse(v, DATE_ADD).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }
}
