package io.whatsdev.camel.provider.whatsgateorg;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import io.whatsdev.camel.exception.DeviceAlreadyConnectedException;
import io.whatsdev.camel.exception.GatewayResponseException;
import io.whatsdev.camel.exception.WhatsDevException;
import io.whatsdev.camel.model.Device;
import io.whatsdev.camel.model.DeviceStatus;
import io.whatsdev.camel.model.PairingCode;
import io.whatsdev.camel.model.QrCode;
import io.whatsdev.camel.provider.Inputs;
import io.whatsdev.camel.provider.WireReader;

/**
 * Reads whatsgate-org's answers, each in the {@code {"result":"OK","data":...}} envelope: the sessions of a
 * {@code sessions-get} page (the list, and get, status and qr, which ask for one {@code WhatsappID}; a session names its
 * QR page), the session of {@code session-create} (with its pairing code in pairing-code mode), {@code session-delete}
 * and {@code set-hook}. The device id is the session's {@code unique_id}.
 */
public final class WhatsgateOrgReader extends WireReader {

    /** The documented session statuses. */
    public static final Map<String, DeviceStatus> STATUSES;

    static {
        Map<String, DeviceStatus> s = new LinkedHashMap<>();
        s.put("PENDING", DeviceStatus.STARTING);
        s.put("AUTH", DeviceStatus.AWAITING_SCAN);
        s.put("READY", DeviceStatus.CONNECTED);
        s.put("DESTROYING", DeviceStatus.DELETED);
        STATUSES = Collections.unmodifiableMap(s);
    }

    /** The operations whose answer is asked for the status: there it must be given. */
    private static final Set<String> STATUS_READS = Set.of("list", "get", "status", "qr");
    /** The fields the model holds; every other field of a session goes to its extra map. */
    private static final Set<String> SESSION_FIELDS = Set.of("unique_id", "name", "status", "date_add", "wid");
    private static final DateTimeFormatter DATE_ADD = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    public WhatsgateOrgReader(UnaryOperator<String> scrub) {
        super(WhatsgateOrgProvider.NAME, STATUSES, scrub);
    }

    /** One page of {@code sessions-get}: the list is paged, and the client reads page after page. */
    @Override
    public List<Device> readList(JsonNode answer) throws GatewayResponseException {
        return readPage(answer, 1, new HashSet<>());
    }

    /**
     * Page {@code page} of the list, refusing a session already {@code seen} (which this adds to): a gateway that ignores
     * {@code page} answers page 1 again, and the listing would never end.
     */
    public List<Device> readPage(JsonNode answer, int page, Set<String> seen) throws GatewayResponseException {
        List<Device> devices = new ArrayList<>();
        for (JsonNode s : array(answer, "data", "list")) {
            Device d = session(s, "list");
            if (!seen.add(d.getId())) {
                String again = page == 1 ? "" : ", again on page " + page + ": the gateway repeats a page (does it ignore 'page'?)";
                throw new GatewayResponseException(gateway(), "list", 200,
                        "session '" + scrub(Inputs.printable(d.getId())) + "' is listed twice" + again, null, null);
            }
            devices.add(d);
        }
        return devices;
    }

    /** The session of a create answer; get and status are sessions-get answers, read with {@link #find}. */
    @Override
    public Device readDevice(JsonNode answer, String operation) throws GatewayResponseException {
        if ("create".equals(operation)) {
            return session(object(answer, "data", "create"), "create");
        }
        return super.readDevice(answer, operation);
    }

    /**
     * The session named {@code deviceId} in a sessions-get answer asked for that {@code WhatsappID}; null where the answer
     * does not hold it. The sessions after it are not read.
     */
    public Device find(JsonNode answer, String deviceId, String operation) throws GatewayResponseException {
        for (JsonNode s : array(answer, "data", operation)) {
            Device d = session(s, operation);
            if (deviceId.equals(d.getId())) {
                return d;
            }
        }
        return null;
    }

    /**
     * The QR page of a session (it refreshes itself and can be embedded in an iframe), as {@link #find} read it for qr;
     * a READY session has none to scan.
     */
    public QrCode readQr(Device session) throws WhatsDevException {
        if (session.getStatus() == DeviceStatus.CONNECTED) {
            throw new DeviceAlreadyConnectedException(gateway(), "qr", 200, "session " + session.getId() + " is already READY");
        }
        Object link = session.getExtra().get("qr_link");
        if (link == null) {
            throw new GatewayResponseException(gateway(), "qr", 200, "the session has no qr_link", null, null);
        }
        return QrCode.ofLink(gateway(), session.getId(), link.toString());
    }

    /** The pairing code of a create answer in pairing-code mode, for {@code phone}. */
    public PairingCode readPairingCode(JsonNode answer, String phone) throws GatewayResponseException {
        JsonNode data = object(answer, "data", "pairingCode");
        String code = requiredText(data, "code", "pairingCode");
        return new PairingCode(gateway(), text(data, "unique_id"), phone, code, text(data, "qr_link"));
    }

    /** The session a delete or set-hook answer may hold in {@code data}; null where it holds none. */
    public Device sessionIn(JsonNode answer, String operation) throws GatewayResponseException {
        JsonNode data = answer.get("data");
        return data != null && data.isObject() ? session(data, operation) : null;
    }

    /** One session object as a device. */
    public Device session(JsonNode s, String operation) throws GatewayResponseException {
        entry(s, operation);
        String id = requiredText(s, "unique_id", operation);
        // where the status is what the caller asked for, it must be there
        String status = STATUS_READS.contains(operation) ? requiredText(s, "status", operation) : text(s, "status");
        String wid = text(s, "wid");
        Device.Builder b = Device.builder(gateway()).id(id).name(text(s, "name"))
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
    private static Instant dateAdd(String v) {
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
