package io.whatsdev.camel.provider.wassly;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import io.whatsdev.camel.exception.GatewayResponseException;
import io.whatsdev.camel.model.Device;
import io.whatsdev.camel.model.DeviceStatus;
import io.whatsdev.camel.provider.WireReader;

/**
 * Reads wassly's answers: the device list of {@code GET /whatsapp-web-devices} (its one device call; get and status are
 * found in it) and the token of {@code POST /login}.
 */
public final class WasslyReader extends WireReader {

    /** The status words: one documented, the others assumed. */
    public static final Map<String, DeviceStatus> STATUSES;

    static {
        Map<String, DeviceStatus> s = new LinkedHashMap<>();
        s.put("connected", DeviceStatus.CONNECTED);
        // undocumented by the provider; whatsdev assumes these words
        s.put("disconnected", DeviceStatus.DISCONNECTED);
        s.put("suspended", DeviceStatus.SUSPENDED);
        STATUSES = Collections.unmodifiableMap(s);
    }

    public WasslyReader(UnaryOperator<String> scrub) {
        super(WasslyProvider.NAME, STATUSES, scrub);
    }

    /** {@code {"success":true,"devices":[{"id":...,"status":...,"instance_id":...},...]}}: the array in {@code devices}. */
    @Override
    public String listArrayField() {
        return "devices";
    }

    @Override
    public Device readListEntry(JsonNode entry) throws GatewayResponseException {
        return device(entry);
    }

    /** The token of a login answer ({@code {"success":true,"data":{"token":...}}}). */
    public String readToken(JsonNode answer) throws GatewayResponseException {
        return requiredText(object(answer, "data", "login"), "token", "login");
    }

    private Device device(JsonNode d) throws GatewayResponseException {
        entry(d, "list");
        String word = requiredText(d, "status", "list");
        return Device.builder(gateway()).id(requiredText(d, "id", "list")).name(text(d, "name")).status(normalize(word))
                .rawStatus(word).lastActiveAt(instant(d, "lastActive")).extra("instance_id", text(d, "instance_id"))
                .extra("lastActive", text(d, "lastActive")).build();
    }
}
