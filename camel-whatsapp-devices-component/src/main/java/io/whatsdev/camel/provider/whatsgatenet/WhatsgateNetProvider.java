package io.whatsdev.camel.provider.whatsgatenet;

import static io.whatsdev.camel.provider.WireReader.bool;
import static io.whatsdev.camel.provider.GatewayClient.messageOf;

import java.util.LinkedHashMap;
import java.util.List;
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
import io.whatsdev.camel.provider.FailureDecoder;
import io.whatsdev.camel.provider.GatewayClient;
import io.whatsdev.camel.provider.GatewayProvider;
import io.whatsdev.camel.provider.Inputs;
import io.whatsdev.camel.provider.OperationRequest;
import io.whatsdev.camel.provider.Operations;
import io.whatsdev.camel.provider.Transport;

/**
 * WhatsGate (whatsgate.net): {@code https://{subdomain}.whatsgate.net/api}, header {@code Access-Token}, the device id
 * is the phone number. Failures are {@code {"success":false,"message":...}} whatever the HTTP status.
 */
public final class WhatsgateNetProvider extends AbstractGatewayProvider {

    public static final String NAME = "whatsgate-net";

    private static final Operations<Client> OPERATIONS = Operations.of(Client.class)
            .nativeCall(WhatsDevOperation.qr, "`GET /connect/\\{device}` (PNG)", (c, r) -> c.qr(r))
            .nativeCall(WhatsDevOperation.status, "`GET /status/\\{device}`", (c, r) -> c.status(r.deviceId()))
            .nativeCall(WhatsDevOperation.delete, "`POST /delete`", (c, r) -> c.delete(r.deviceId()))
            .nativeCall(WhatsDevOperation.list, "`GET /devices/status`", (c, r) -> c.listDevices())
            .composed(WhatsDevOperation.get, "from `GET /devices/status`", (c, r) -> c.get(r.deviceId()))
            .build();

    /** What each raw status means, for the docs' status table. */
    private static final Map<String, String> STATUS_NOTES = new LinkedHashMap<>();

    static {
        STATUS_NOTES.put("connected", "documented");
        STATUS_NOTES.put("disconnected", "documented");
        STATUS_NOTES.put("not connected", "documented; whatsdev assumes the session waits for a scan");
        STATUS_NOTES.put("not initialized", "documented");
    }

    public WhatsgateNetProvider() {
        super(NAME, "https://{subdomain}.whatsgate.net/api", OPERATIONS, WhatsgateNetReader.STATUSES, Client::new);
    }

    @Override
    public WhatsgateNetReader reader(UnaryOperator<String> scrub) {
        return new WhatsgateNetReader(scrub);
    }

    @Override
    public Map<String, String> statusNotes() {
        return STATUS_NOTES;
    }

    @Override
    public FailureDecoder failureDecoder() {
        return WhatsgateNetProvider::decodeFailure;
    }

    @Override
    public String checkDeviceId(String deviceId, String option) {
        return Inputs.phoneNumber(deviceId, option);
    }

    @Override
    public void validate(WhatsDevConfiguration c) {
        Inputs.required(c.getToken(), "token", "for provider " + NAME + " (its Access-Token)");
        String base = resolveBaseUrl(c);
        if (base.contains("{subdomain}")) {
            Inputs.required(c.getSubdomain(), "subdomain", "for provider " + NAME + " (the tenant in https://{subdomain}.whatsgate.net/api), "
                                                           + "unless baseUrl is given");
        }
        if (c.getSubdomain() != null) {
            Inputs.dnsLabel(c.getSubdomain(), "subdomain");
        }
    }

    @Override
    public String resolveBaseUrl(WhatsDevConfiguration c) {
        String base = c.getBaseUrl() != null ? c.getBaseUrl() : defaultBaseUrl();
        return c.getSubdomain() == null ? base : base.replace("{subdomain}", c.getSubdomain().toLowerCase(java.util.Locale.ROOT));
    }

    /** The failure an answer of whatsgatenet reports, or null for a success (see {@link FailureDecoder}). */
    public static Failure decodeFailure(int httpStatus, JsonNode body) {
        Boolean success = bool(body, "success");
        if (httpStatus < 400 && !Boolean.FALSE.equals(success)) {
            return null;
        }
        String message = messageOf(body);
        Kind kind = null;
        if (message != null) {
            String m = message.toLowerCase(java.util.Locale.ROOT);
            if (m.contains("not found") || m.contains("sender device is invalid")) {
                kind = Kind.NOT_FOUND;
            } else if (m.contains("already connected")) {
                kind = Kind.ALREADY_CONNECTED;
            } else if (m.contains("access-token")) {
                kind = Kind.AUTHENTICATION;
            }
        }
        return new Failure(httpStatus, message, kind);
    }

    static final class Client extends GatewayClient {
        private final String token;
        private final WhatsgateNetReader reader;

        Client(GatewayProvider p, String baseUrl, Transport t, WhatsDevConfiguration c) {
            super(p, baseUrl, t, c);
            this.token = c.getToken();
            this.reader = (WhatsgateNetReader) wire();
        }

        @Override
        protected Authenticator authenticator() {
            return Authenticator.header("Access-Token", token);
        }


        public QrCode qr(OperationRequest r) throws WhatsDevException {
            return reader.readQr(call(WhatsDevOperation.qr, "GET", "connect", r.deviceId()).send(), r.deviceId());
        }

        public Device status(String deviceId) throws WhatsDevException {
            return reader.readDevice(call(WhatsDevOperation.status, "GET", "status", deviceId).send(), "status", deviceId);
        }

        public OperationResult delete(String deviceId) throws WhatsDevException {
            JsonNode body = call(WhatsDevOperation.delete, "POST", "delete").json(Map.of("sender_device", deviceId)).send();
            return new OperationResult(NAME, "delete", deviceId, messageOf(body), null);
        }

        List<Device> listDevices() throws WhatsDevException {
            return call(WhatsDevOperation.list, "GET", "devices", "status").sendList();
        }

        public Device get(String deviceId) throws WhatsDevException {
            return findInList(deviceId, WhatsDevOperation.get);
        }
    }
}
