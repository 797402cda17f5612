package io.whatsdev.camel.provider.whatspie;

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
import io.whatsdev.camel.provider.WireReader;

/**
 * Whatspie: {@code https://api.whatspie.com}, {@code Authorization: Bearer}, numeric device ids. Successes are
 * {@code {"status":200,"message":"OK","data":...}}, failures {@code {"code":4xx,"message":...,"error":...}}; the QR call on
 * a paired device answers {@code {"code":200,"message":"Device connected"}}.
 */
public final class WhatspieProvider extends AbstractGatewayProvider {

    public static final String NAME = "whatspie";

    /** The documented package codes, in the documented order. */
    public static final List<String> PACKAGE_CODES = List.of("BETA", "STARTER60K", "STARTUP240K", "BUSINESS");

    private static final Operations<Client> OPERATIONS = Operations.of(Client.class)
            .nativeCall(WhatsDevOperation.create, "`POST /devices` (`package`, `name`)", (c, r) -> c.create(r))
            .nativeCall(WhatsDevOperation.list, "`GET /devices`", (c, r) -> c.listDevices())
            .nativeCall(WhatsDevOperation.get, "`GET /devices/\\{id}`", (c, r) -> c.get(r.deviceId()))
            .composed(WhatsDevOperation.status, "`paired_status` of `GET /devices/\\{id}`", (c, r) -> c.status(r.deviceId()))
            .nativeCall(WhatsDevOperation.qr, "`GET /devices/\\{id}/qr?response_type=url` (link)", (c, r) -> c.qr(r))
            .build();

    /** What each raw status means, for the docs' status table. */
    private static final Map<String, String> STATUS_NOTES = new LinkedHashMap<>();

    static {
        STATUS_NOTES.put("PAIRED", "`paired_status`: device successfully connected");
        STATUS_NOTES.put("UNPAIRED", "`paired_status`: device not connected to WhatsApp (it has a phone: it was paired before)");
        STATUS_NOTES.put("UNPAIRED (no phone yet)", "`UNPAIRED` on a device without a `phone`: never paired, waiting for its first scan");
        STATUS_NOTES.put("EXPIRED", "`paired_status`: QR code expired, need to reconnect");
        STATUS_NOTES.put("SUSPENDED", "`paired_status`: device temporarily suspended");
    }

    public WhatspieProvider() {
        super(NAME, "https://api.whatspie.com", OPERATIONS, WhatspieReader.STATUSES, Client::new);
    }

    @Override
    public WhatspieReader reader(UnaryOperator<String> scrub) {
        return new WhatspieReader(scrub);
    }

    @Override
    public Map<String, String> statusNotes() {
        return STATUS_NOTES;
    }

    @Override
    public FailureDecoder failureDecoder() {
        return WhatspieProvider::decodeFailure;
    }

    @Override
    public String checkDeviceId(String deviceId, String option) {
        return Inputs.numericId(deviceId, option);
    }

    @Override
    public void validate(WhatsDevConfiguration c) {
        Inputs.required(c.getToken(), "token", "for provider " + NAME + " (its Bearer token)");
        if (c.getPackageCode() != null) {
            checkPackageCode(c.getPackageCode(), "packageCode");
        }
    }

    @Override
    public String checkInput(String field, String value, String source) {
        return "packageCode".equals(field) ? checkPackageCode(value, source) : value;
    }

    /** Refuses a package code that is not one of the four documented ones, before any call. */
    public static String checkPackageCode(String code, String option) {
        String c = code == null ? null : code.trim().toUpperCase(Locale.ROOT);
        if (c == null || !PACKAGE_CODES.contains(c)) {
            throw new IllegalArgumentException(option + " '" + Inputs.printable(code) + "' is not a whatspie package; allowed: "
                                               + String.join(", ", PACKAGE_CODES));
        }
        return c;
    }

    /** The failure an answer of whatspie reports, or null for a success (see {@link FailureDecoder}). */
    public static Failure decodeFailure(int httpStatus, JsonNode body) {
        // the error envelope has "code" and no "status"/"data"
        boolean errorEnvelope = body != null && body.has("code") && !body.has("data") && !body.has("status");
        if (httpStatus < 400 && !errorEnvelope) {
            return null;
        }
        int code = body != null && body.path("code").canConvertToInt() ? body.path("code").asInt() : httpStatus;
        String message = whatspieMessage(body);
        Kind kind = null;
        if (code == 200 && "Device connected".equalsIgnoreCase(message)) {
            kind = Kind.ALREADY_CONNECTED;
        } else if (code == 403 && message != null && message.toLowerCase(Locale.ROOT).contains("limit")) {
            kind = Kind.BAD_REQUEST; // "Device limit exceeded" is a plan limit, not a credential problem
        } else if (code == 200) {
            kind = Kind.BAD_REQUEST; // an error envelope with code 200: a refusal that says no more
        }
        return new Failure(code, message, kind);
    }

    /** whatspie's message: {@code message}, with {@code error} after it where both are given. */
    public static String whatspieMessage(JsonNode body) {
        String message = WireReader.text(body, "message");
        String error = WireReader.text(body, "error");
        return error == null ? message : message == null ? error : message + ": " + error;
    }

    static final class Client extends GatewayClient {
        private final Authenticator authenticator;
        private final WhatspieReader reader;

        Client(GatewayProvider p, String baseUrl, Transport t, WhatsDevConfiguration c) {
            super(p, baseUrl, t, c);
            this.authenticator = Authenticator.header("Authorization", "Bearer " + c.getToken());
            this.reader = (WhatspieReader) wire();
        }

        @Override
        protected Authenticator authenticator() {
            return authenticator;
        }


        public Device create(OperationRequest r) throws WhatsDevException {
            String pkg = checkPackageCode(r.packageCode(), "packageCode");
            String name = r.requireDeviceName();
            Map<String, String> body = new LinkedHashMap<>();
            body.put("package", pkg);
            body.put("name", name);
            JsonNode answer = call(WhatsDevOperation.create, "POST", "devices").json(body).send();
            Device created = reader.created(answer, name);
            if (created != null) {
                return created;
            }
            // the success body is documented as "TBA": without the device in it, find the new one in the list
            Device newest = null;
            for (Device d : list()) {
                if (name.equals(d.getName()) || d.getName() == null) {
                    // ids are checked numeric by the reader: the highest is the newest
                    if (newest == null || Long.parseLong(d.getId()) > Long.parseLong(newest.getId())) {
                        newest = d;
                    }
                }
            }
            if (newest == null) {
                throw malformed("create", "the device was created but neither the answer nor the device list shows it", answer);
            }
            return newest.getName() == null ? newest.toBuilder().name(name).build() : newest;
        }

        List<Device> listDevices() throws WhatsDevException {
            return call(WhatsDevOperation.list, "GET", "devices").sendList();
        }

        public Device get(String deviceId) throws WhatsDevException {
            return reader.readDevice(call(WhatsDevOperation.get, "GET", "devices", deviceId).send(), "get");
        }

        public Device status(String deviceId) throws WhatsDevException {
            return reader.readDevice(call(WhatsDevOperation.status, "GET", "devices", deviceId).send(), "status");
        }

        public QrCode qr(OperationRequest r) throws WhatsDevException {
            JsonNode body = call(WhatsDevOperation.qr, "GET", "devices", r.deviceId(), "qr").query("response_type", "url").send();
            return reader.readQr(body, r.deviceId());
        }
    }
}
