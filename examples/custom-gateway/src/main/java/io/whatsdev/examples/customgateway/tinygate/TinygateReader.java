package io.whatsdev.examples.customgateway.tinygate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import io.whatsdev.camel.exception.GatewayResponseException;
import io.whatsdev.camel.model.Device;
import io.whatsdev.camel.model.DeviceStatus;
import io.whatsdev.camel.provider.WireReader;

/** Tinygate's answers read into whatsdev's model: its four phone states and its phone object. */
public final class TinygateReader extends WireReader {

    /** Tinygate's {@code state} words, mapped to whatsdev's statuses. */
    public static final Map<String, DeviceStatus> STATUSES = new LinkedHashMap<>();
    /** What each state means, for the docs' status table. */
    static final Map<String, String> NOTES = new LinkedHashMap<>();

    static {
        state("online", DeviceStatus.CONNECTED, "the phone is paired and connected");
        state("offline", DeviceStatus.DISCONNECTED, "the phone was paired and lost its link");
        state("pairing", DeviceStatus.AWAITING_SCAN, "a QR code is out, waiting for the scan");
        state("booting", DeviceStatus.STARTING, "the session is starting");
    }

    private static void state(String word, DeviceStatus status, String note) {
        STATUSES.put(word, status);
        NOTES.put(word, note);
    }

    public TinygateReader(UnaryOperator<String> scrub) {
        super(TinygateProvider.NAME, STATUSES, scrub);
    }

    @Override
    public List<Device> readList(JsonNode answer) throws GatewayResponseException {
        List<Device> devices = new ArrayList<>();
        for (JsonNode phone : array(answer, "phones", "list")) {
            devices.add(phone(phone, "list"));
        }
        return uniqueIds(devices, "list");
    }

    @Override
    public Device readDevice(JsonNode answer, String operation) throws GatewayResponseException {
        return phone(object(answer, "phone", operation), operation);
    }

    private Device phone(JsonNode phone, String operation) throws GatewayResponseException {
        entry(phone, operation);
        String state = requiredText(phone, "state", operation);
        return Device.builder(TinygateProvider.NAME)
                .id(requiredText(phone, "id", operation))
                .name(text(phone, "label"))
                .phone(text(phone, "number"))
                .status(normalize(state))
                .rawStatus(state)
                .connected("online".equals(state))
                .build();
    }
}
