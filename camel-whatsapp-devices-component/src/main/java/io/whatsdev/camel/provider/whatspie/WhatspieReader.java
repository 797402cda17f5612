package io.whatsdev.camel.provider.whatspie;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import io.whatsdev.camel.exception.GatewayResponseException;
import io.whatsdev.camel.model.Device;
import io.whatsdev.camel.model.DeviceStatus;
import io.whatsdev.camel.model.QrCode;
import io.whatsdev.camel.provider.WireReader;

/**
 * Reads whatspie's answers: the devices of {@code GET /devices}, the device of {@code GET /devices/{id}} (get and
 * status) and of {@code POST /devices} (create), each in the {@code {"status":200,"message":"OK","data":...}} envelope,
 * and the QR code of {@code GET /devices/{id}/qr}. Device ids are numeric.
 */
public final class WhatspieReader extends WireReader {

    /** The status table's key for {@code UNPAIRED} on a device without a phone (never paired). */
    public static final String UNPAIRED_NEVER_PAIRED = "UNPAIRED (no phone yet)";

    /** The documented {@code paired_status} words. */
    public static final Map<String, DeviceStatus> STATUSES;

    static {
        Map<String, DeviceStatus> s = new LinkedHashMap<>();
        s.put("PAIRED", DeviceStatus.CONNECTED);
        s.put("UNPAIRED", DeviceStatus.DISCONNECTED);
        // one word, two situations: a device that never paired has no phone yet and waits for its first scan
        s.put(UNPAIRED_NEVER_PAIRED, DeviceStatus.AWAITING_SCAN);
        s.put("EXPIRED", DeviceStatus.EXPIRED);
        s.put("SUSPENDED", DeviceStatus.SUSPENDED);
        STATUSES = Collections.unmodifiableMap(s);
    }

    /** The fields the model holds; every other field of a device goes to its extra map. */
    private static final Set<String> DEVICE_FIELDS = Set.of("id", "phone", "name", "paired_status", "created_at", "updated_at");

    public WhatspieReader(UnaryOperator<String> scrub) {
        super(WhatspieProvider.NAME, STATUSES, scrub);
    }

    /** {@code GET /devices}: the array in {@code data}. */
    @Override
    public String listArrayField() {
        return "data";
    }

    @Override
    public Device readListEntry(JsonNode entry) throws GatewayResponseException {
        return device(entry, null, "list");
    }

    /** A get or status answer holds the device in {@code data}; so may a create answer (see {@link #created}). */
    @Override
    public Device readDevice(JsonNode answer, String operation) throws GatewayResponseException {
        if ("get".equals(operation) || "status".equals(operation)) {
            return device(object(answer, "data", operation), null, operation);
        }
        if ("create".equals(operation)) {
            Device d = created(answer, null);
            if (d == null) {
                throw malformed(operation, "the answer holds no device", answer);
            }
            return d;
        }
        return super.readDevice(answer, operation);
    }

    /**
     * The device a create answer holds, with {@code name} where the answer names none; null where the answer holds none:
     * its success body is documented as "TBA", so the client then finds the new device in the list.
     */
    public Device created(JsonNode answer, String name) throws GatewayResponseException {
        JsonNode data = answer.get("data");
        return data != null && data.isObject() && data.has("id") ? device(data, name, "create") : null;
    }

    /** The QR code of a qr answer: documented as a link (response_type=url); a data: URI or plain base64 is read too. */
    public QrCode readQr(JsonNode answer, String deviceId) throws GatewayResponseException {
        return qr(deviceId, requiredText(object(answer, "data", "qr"), "qr", "qr"), "qr", true, null, null);
    }

    private Device device(JsonNode d, String name, String operation) throws GatewayResponseException {
        entry(d, operation);
        String id = requiredText(d, "id", operation);
        if (!digits(id, 18)) {
            throw malformed(operation, "'id' is not a numeric device id", d);
        }
        // create's answer is documented as "TBA": a status there is welcome, not required
        String paired = "create".equals(operation) ? text(d, "paired_status") : requiredText(d, "paired_status", operation);
        String phone = text(d, "phone");
        String listedName = text(d, "name");
        boolean neverPaired = "UNPAIRED".equalsIgnoreCase(paired) && (phone == null || phone.isBlank());
        return Device.builder(gateway()).id(id).phone(phone).name(listedName != null ? listedName : name)
                .status(normalize(neverPaired ? UNPAIRED_NEVER_PAIRED : paired))
                .rawStatus(paired).connected(paired == null ? null : "PAIRED".equalsIgnoreCase(paired))
                .createdAt(instant(d, "created_at")).updatedAt(instant(d, "updated_at"))
                // converted only if someone reads them: a poll compares ids and statuses
                .extras(() -> fields(d, DEVICE_FIELDS)).build();
    }
}
