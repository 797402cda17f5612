package io.whatsdev.camel.provider.waha;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import io.whatsdev.camel.exception.GatewayResponseException;
import io.whatsdev.camel.model.Device;
import io.whatsdev.camel.model.DeviceStatus;
import io.whatsdev.camel.provider.WireReader;

/**
 * Reads WAHA's session answers: {@code SessionInfo[]} (a bare array) for {@code list}, one {@code SessionInfo} for
 * {@code get} and {@code status}, one {@code SessionDTO} for {@code create}, {@code start}, {@code stop},
 * {@code logout} and {@code PUT}. A session becomes a {@link Device}: id and name are the session {@code name}, the
 * phone is the digits of {@code me.id} ({@code 111@c.us}), the raw status is {@code status}, connected means
 * {@code WORKING}.
 * <p>
 * {@code FAILED} is {@link DeviceStatus#DISCONNECTED}, unless the answer carries the session's {@code statuses}
 * history (as WAHA's {@code session.status} events do) and the status before {@code FAILED} there is
 * {@code SCAN_QR_CODE}: then the QR codes ran out unscanned, and the session is {@link DeviceStatus#EXPIRED}.
 * <p>
 * {@code config} is never copied into the device (it may hold a webhook's HMAC key or a proxy password); only
 * {@code config.metadata} is, as {@code extra.metadata}.
 */
public class WahaReader extends WireReader {

    /** The top-level fields a device has its own place for; the others go to {@link Device#getExtra()}. */
    private static final Set<String> MAPPED = Set.of("name", "status", "me", "config");

    public WahaReader(String gateway, Map<String, DeviceStatus> statuses, UnaryOperator<String> scrub) {
        super(gateway, statuses, scrub);
    }

    /** {@code GET /api/sessions?all=true}: a bare JSON array of sessions, each name once. */
    @Override
    public List<Device> readList(JsonNode answer) throws GatewayResponseException {
        JsonNode sessions = array(answer, "list", "the session list", answer);
        List<Device> devices = new ArrayList<>(sessions.size());
        for (JsonNode s : sessions) {
            devices.add(readListEntry(s));
        }
        return uniqueIds(devices, "list");
    }

    /** The answer is the array of sessions. */
    @Override
    public String listArrayField() {
        return "";
    }

    @Override
    public Device readListEntry(JsonNode entry) throws GatewayResponseException {
        return session(entry, "list");
    }

    /** One session: {@code SessionInfo} or {@code SessionDTO}. */
    @Override
    public Device readDevice(JsonNode answer, String operation) throws GatewayResponseException {
        return session(answer, operation);
    }

    private Device session(JsonNode s, String operation) throws GatewayResponseException {
        entry(s, operation);
        String name = string(s, "name", operation);
        String raw = string(s, "status", operation);
        JsonNode me = s.get("me");
        if (me != null && !me.isNull() && !me.isObject()) {
            throw malformed(operation, "'me' is not an object but " + kind(me), s);
        }
        JsonNode config = s.get("config");
        if (config != null && !config.isNull() && !config.isObject()) {
            throw malformed(operation, "'config' is not an object but " + kind(config), s);
        }
        DeviceStatus status = normalize(raw);
        if ("FAILED".equals(raw) && qrCodesRanOut(raw, statusHistory(s, operation))) {
            status = DeviceStatus.EXPIRED;
        }
        Device.Builder b = Device.builder(gateway()).id(name).name(name).phone(phone(text(me, "id")))
                .status(status).rawStatus(raw).connected("WORKING".equals(raw))
                .lastActiveAt(activity(s.get("timestamps")));
        s.fields().forEachRemaining(e -> {
            if (!MAPPED.contains(e.getKey())) {
                b.extra(e.getKey(), plain(e.getValue()));
            }
        });
        if (me != null && me.isObject()) {
            b.extra("me", plain(me));
            b.extra("pushName", text(me, "pushName"));
        }
        if (config != null && config.isObject()) {
            b.extra("metadata", plain(config.get("metadata")));
        }
        return b.build();
    }

    /** A field that must be a non-blank JSON string (a session name or status is never a number). */
    private String string(JsonNode s, String field, String operation) throws GatewayResponseException {
        JsonNode v = required(s, field, operation);
        if (!v.isTextual()) {
            throw malformed(operation, "'" + field + "' is not a string but " + kind(v), s);
        }
        if (v.asText().isBlank()) {
            throw malformed(operation, "'" + field + "' is empty", s);
        }
        return v.asText();
    }

    /**
     * The status words of the answer's {@code statuses} history ({@code [{"status":...,"timestamp":...}]}, oldest first,
     * the current status last), or null where the answer carries no history. Read only for a {@code FAILED} session,
     * where whatsdev relies on it; then it must be an array of objects with a status each.
     */
    private List<String> statusHistory(JsonNode s, String operation) throws GatewayResponseException {
        JsonNode history = s.get("statuses");
        if (history == null || history.isNull()) {
            return null;
        }
        array(history, operation, "'statuses'", s);
        List<String> words = new ArrayList<>(history.size());
        for (JsonNode h : history) {
            if (h == null || !h.isObject()) {
                throw malformed(operation, "an entry of 'statuses' is not an object but " + kind(h), s);
            }
            JsonNode w = h.get("status");
            if (w == null || !w.isTextual() || w.asText().isBlank()) {
                throw malformed(operation, "an entry of 'statuses' has no status", s);
            }
            words.add(w.asText());
        }
        return words;
    }

    /**
     * Whether a {@code FAILED} status means that the QR codes ran out unscanned: the status before {@code FAILED} in the
     * history (the words of {@code statuses}, oldest first, ending with the current {@code FAILED} as in the
     * {@code session.status} events) is {@code SCAN_QR_CODE}. False for any other status, and without a history. The
     * one rule behind the status table's {@link WahaProvider#FAILED_AFTER_SCAN}, for answers and callbacks alike.
     */
    static boolean qrCodesRanOut(String raw, List<String> history) {
        if (!"FAILED".equals(raw) || history == null) {
            return false;
        }
        // the entry before the current FAILED decides
        for (int i = history.size() - 1; i >= 0; i--) {
            if (!"FAILED".equals(history.get(i))) {
                return "SCAN_QR_CODE".equals(history.get(i));
            }
        }
        return false;
    }

    /** The digits of {@code me.id} ({@code 111@c.us}, or with a device suffix {@code 111:12@s.whatsapp.net}). */
    static String phone(String wid) {
        if (wid == null) {
            return null;
        }
        String digits = wid.replaceAll("[:@].*$", "");
        return digits.matches("[0-9]{1,20}") ? digits : null;
    }

    /** {@code timestamps.activity}: milliseconds since the epoch, or null (WAHA sometimes leaves it empty). */
    private static Instant activity(JsonNode timestamps) {
        JsonNode a = timestamps == null ? null : timestamps.get("activity");
        if (a == null || !a.isNumber() || !a.canConvertToLong() || a.asLong() <= 0) {
            return null; // kept as it came in extra.timestamps
        }
        return Instant.ofEpochMilli(a.asLong());
    }
}
