package io.whatsdev.camel.provider.whatsgatenet;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import io.whatsdev.camel.exception.GatewayResponseException;
import io.whatsdev.camel.model.Device;
import io.whatsdev.camel.model.DeviceStatus;
import io.whatsdev.camel.model.QrCode;
import io.whatsdev.camel.provider.WireReader;

/**
 * Reads whatsgate-net's answers: the device list of {@code GET /devices/status}, the status word of
 * {@code GET /status/{device}} and the QR code of {@code GET /connect/{device}}. The device id is the phone number.
 */
public final class WhatsgateNetReader extends WireReader {

    /** The documented status words. */
    public static final Map<String, DeviceStatus> STATUSES;

    static {
        Map<String, DeviceStatus> s = new LinkedHashMap<>();
        s.put("connected", DeviceStatus.CONNECTED);
        s.put("disconnected", DeviceStatus.DISCONNECTED);
        s.put("not connected", DeviceStatus.AWAITING_SCAN);
        s.put("not initialized", DeviceStatus.NOT_INITIALIZED);
        STATUSES = Collections.unmodifiableMap(s);
    }

    public WhatsgateNetReader(UnaryOperator<String> scrub) {
        super(WhatsgateNetProvider.NAME, STATUSES, scrub);
    }

    /**
     * {@code {"success":true,"data":[{"mobile":...,"status":...},...]}}: the array in {@code data}, each device by its
     * phone number.
     */
    @Override
    public String listArrayField() {
        return "data";
    }

    @Override
    public Device readListEntry(JsonNode entry) throws GatewayResponseException {
        return listed(entry);
    }

    /**
     * The status answer is one word ({@code {"success":true,"message":"connected"}}): the device is the one the call
     * named, so the status answer is read with its {@code deviceId} only.
     */
    @Override
    public Device readDevice(JsonNode answer, String operation, String deviceId) throws GatewayResponseException {
        if (!"status".equals(operation)) {
            return super.readDevice(answer, operation, deviceId);
        }
        if (deviceId == null) {
            throw new UnsupportedOperationException(gateway() + "'s status answer does not name its device: give the "
                                                    + "device id the call named");
        }
        String word = requiredText(answer, "message", "status");
        return Device.builder(gateway()).id(deviceId).phone(deviceId).status(normalize(word)).rawStatus(word).build();
    }

    /** The QR code of a connect answer: documented as a {@code data:} URI; no link is documented. */
    public QrCode readQr(JsonNode answer, String deviceId) throws GatewayResponseException {
        return qr(deviceId, requiredText(answer, "qrCode", "qr"), "qr", false, null, null);
    }

    private Device listed(JsonNode d) throws GatewayResponseException {
        entry(d, "list");
        String mobile = requiredText(d, "mobile", "list");
        String word = requiredText(d, "status", "list");
        return Device.builder(gateway()).id(mobile).phone(mobile).name(text(d, "name")).status(normalize(word))
                .rawStatus(word).connected(flag(d, "connected", "list")).extra("instance", text(d, "instance")).build();
    }
}
