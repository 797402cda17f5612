package io.whatsdev.simulator.whatsgateorg;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.whatsdev.simulator.ApiRequest;
import io.whatsdev.simulator.CallbackRequest;
import io.whatsdev.simulator.Gateway;
import io.whatsdev.simulator.GatewayApi;
import io.whatsdev.simulator.GatewaySimulator;
import io.whatsdev.simulator.Json;
import io.whatsdev.simulator.QrCodes;
import io.whatsdev.simulator.SimDevice;
import io.whatsdev.simulator.SimResponse;
import io.whatsdev.simulator.SimState;
import io.whatsdev.simulator.SimulatorCredentials;

/**
 * WhatsGate (whatsgate.org), base {@code /whatsgate-org/api/v1}: every command is a POST with a JSON body, header
 * {@code X-Api-Key}. Answers are {@code {"result":"OK","data":...}} or {@code {"result":"ERROR","message":...}};
 * HTTP-level failures have the framework's shape {@code {"name":...,"message":...,"code":0,"status":...}}, and bad
 * credentials come as HTTP 500 with {@code "name":"Unauthorized"}. The device id is the session's {@code unique_id}.
 * The QR page {@code /whatsgate-org/qr/<unique_id>} is served without credentials. A deleted session is listed once
 * more, as {@code DESTROYING} (see {@link WhatsgateOrgSimulation#keepsDeletedDevices()}).
 * <p>
 * <b>Callbacks</b> (whatsgate.org/docs/api/webhook), to the session's {@code callback} URL: one event per POST,
 * {@code {id, whatsapp_id, event_action, event_date, status_code, event_data}} with a growing numeric {@code id},
 * {@code event_date} {@code yyyy-MM-dd HH:mm:ss} in UTC (the time of the change), {@code status_code} null; {@code ready}
 * (with {@code event_data {pushname, number}}) when the session is authorized (scanned), {@code disconnect} (with
 * {@code event_data} null) when it is deleted. A callback not answered {@code {"result":"OK","id":<its id>}} is retried
 * 3 times, 20 s apart ({@link GatewaySimulator#callbackRetryDelayMillis(long)} scales that down).
 * <p>
 * <b>events-get</b> (whatsgate.org/docs/api/events-get) reads the gateway's event log ({@link WhatsgateOrgEventLog}):
 * every {@code ready} and {@code disconnect}, whether or not the session has a callback (and with the callback's
 * {@code id}), and the events a test {@link #addEvent adds} (messages and the like, which are not called back). Filters
 * {@code WhatsappID} (exact), {@code action} and {@code date} ({@code yyyy-MM-dd HH:mm:ss}, UTC); paging
 * {@code page_cnt} (default 10; more than the documented maximum, 100, is refused with
 * {@code {"result":"ERROR",...}}) and {@code page} (default 1); numbers as JSON numbers or strings. The answer is
 * {@code {"result":"OK","pages":N,"elements":M,"page":P,"data":[...]}}. What the docs leave open is a switch:
 * {@code eventsDateInclusive} (false: only events after {@code date}; true: from its second on) and
 * {@code eventsOrder} ({@code OLDEST_FIRST} or {@code NEWEST_FIRST}, by date and id).
 */
public final class WhatsgateOrgApi extends GatewayApi {

    private static final DateTimeFormatter DATE_ADD = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter EVENT_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** The documented retries: 3 more attempts, 20 s apart. */
    public static final int CALLBACK_ATTEMPTS = 4;
    public static final Duration CALLBACK_RETRY_DELAY = Duration.ofSeconds(20);

    /** The documented maximum of events-get's {@code page_cnt}; more is refused. */
    public static final int EVENTS_MAX_PAGE_SIZE = 100;
    /** events-get's {@code page_cnt} where the request has none. */
    public static final int EVENTS_DEFAULT_PAGE_SIZE = 10;

    private final WhatsgateOrgEventLog events = new WhatsgateOrgEventLog();
    private volatile boolean eventsDateInclusive;
    private volatile WhatsgateOrgEventLog.Order eventsOrder = WhatsgateOrgEventLog.Order.OLDEST_FIRST;

    WhatsgateOrgApi(GatewaySimulator sim, Gateway gateway) {
        super(sim, gateway);
        route("POST", "session-create", this::create);
        route("POST", "sessions-get", this::sessions);
        route("POST", "session-delete", this::delete);
        route("POST", "set-hook", this::setHook);
        route("POST", "events-get", this::eventsGet);
        publicRoute("GET", "qr/{uniqueId}", this::qrPage);
        setting("eventsDateInclusive", this::eventsDateInclusive,
                v -> eventsDateInclusive(booleanValue("eventsDateInclusive", v)));
        setting("eventsOrder", this::eventsOrder, this::eventsOrder);
    }

    @Override
    protected void reset() {
        events.clear();
    }

    // ------------------------------------------------------------------ switches and actions

    /** Whether events-get's {@code date} includes its own second ({@code >=}); false: only later events ({@code >}). */
    public boolean eventsDateInclusive() {
        return eventsDateInclusive;
    }

    public WhatsgateOrgApi eventsDateInclusive(boolean inclusive) {
        this.eventsDateInclusive = inclusive;
        return this;
    }

    /** The order of events-get's {@code data}: {@code OLDEST_FIRST} (the default) or {@code NEWEST_FIRST}. */
    public String eventsOrder() {
        return eventsOrder.name();
    }

    public WhatsgateOrgApi eventsOrder(String order) {
        this.eventsOrder = order(order);
        return this;
    }

    private static WhatsgateOrgEventLog.Order order(String value) {
        for (WhatsgateOrgEventLog.Order o : WhatsgateOrgEventLog.Order.values()) {
            if (o.name().equalsIgnoreCase(value == null ? "" : value.trim())) {
                return o;
            }
        }
        throw new IllegalArgumentException("eventsOrder must be OLDEST_FIRST or NEWEST_FIRST, was '" + value + "'");
    }

    /**
     * Adds an event to the log that events-get reads, as the gateway logs a message ({@code message}, {@code ack},
     * {@code media}, {@code sent}, {@code error}, {@code create}) or any other action; it is not called back. Returns
     * its id.
     *
     * @param date the event's date (cut to whole seconds); any, also in the past or the future
     */
    public long addEvent(String whatsappId, String action, Instant date) {
        return addEvent(whatsappId, action, date, Json.object());
    }

    /** As {@link #addEvent(String, String, Instant)}, with the event's {@code event_data} (null for JSON null). */
    public long addEvent(String whatsappId, String action, Instant date, JsonNode eventData) {
        return events.add(whatsappId, action, date, eventData).id();
    }

    /** The logged events as events-get sends them, oldest first. */
    public List<JsonNode> loggedEvents() {
        return events.all().stream().map(e -> (JsonNode) e.json().deepCopy()).toList();
    }

    // ------------------------------------------------------------------ callbacks

    @Override
    protected void onStateChange(SimDevice.Snapshot before, SimDevice.Snapshot after) {
        boolean ready = after.state() == SimState.CONNECTED;
        if (before.state() == after.state() || !ready && after.state() != SimState.DELETED) {
            return; // no documented action for the other changes
        }
        ObjectNode data = null;
        if (ready) {
            data = object().put("pushname", after.name()).put("number", after.phone());
        }
        // logged whether or not the session has a callback: events-get lists every session's events
        WhatsgateOrgEventLog.Event event = events.add(after.id(), ready ? "ready" : "disconnect", after.updatedAt(), data);
        String url = after.webhook();
        if (url == null || url.isBlank()) {
            return;
        }
        long id = event.id();
        postCallback(CallbackRequest.json(after.id(), url, Json.string(event.json())).retried(CALLBACK_ATTEMPTS,
                CALLBACK_RETRY_DELAY, (status, answer) -> acknowledges(answer, id)));
    }

    /** {@code {"result":"OK","id":<id>}}, the id as a number or a string. */
    private static boolean acknowledges(String answer, long id) {
        try {
            JsonNode a = Json.parse(answer);
            return a != null && "OK".equals(a.path("result").asText(null)) && String.valueOf(id).equals(a.path("id").asText(null));
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    protected boolean authenticated(ApiRequest r) {
        return SimulatorCredentials.API_KEY.equals(r.header("x-api-key"));
    }

    @Override
    protected SimResponse authRefusal(ApiRequest r) {
        return json(500, object().put("name", "Unauthorized").put("message", "Your request was made with invalid credentials.")
                .put("code", 0).put("status", 401));
    }

    @Override
    protected ObjectNode errorBody(int status, String message) {
        return object().put("name", reason(status)).put("message", message).put("code", 0).put("status", status);
    }

    private static SimResponse result(int status, String message) {
        return json(status, object().put("result", "ERROR").put("message", message));
    }

    private static SimResponse data(JsonNode data) {
        ObjectNode body = object().put("result", "OK");
        body.set("data", data);
        return ok(body);
    }

    private SimResponse create(ApiRequest r) {
        String name = r.field("name");
        if (name == null || name.isBlank()) {
            return result(400, "name is required");
        }
        String authType = r.field("auth_type");
        boolean code = "CODE".equalsIgnoreCase(authType);
        if (authType != null && !code && !"QR".equalsIgnoreCase(authType)) {
            return result(400, "auth_type must be QR or CODE");
        }
        String number = r.field("number") == null ? null : r.field("number").replaceAll("[^0-9]", "");
        if (code && (number == null || number.isEmpty())) {
            return result(400, "number is required for CODE authorization");
        }
        SimDevice d = createSession(name);
        d.webhook(r.field("callback"));
        String pairingCode = null;
        if (code) {
            d.phone(number);
            pairingCode = d.issuePairingCode();
        }
        ObjectNode session = session(d.snapshot());
        if (pairingCode != null) {
            session.put("code", pairingCode);
        }
        return data(session);
    }

    /** A new session with a fresh 13-digit {@code unique_id}. */
    private SimDevice createSession(String name) {
        while (true) {
            String uniqueId = String.valueOf(ThreadLocalRandom.current().nextLong(1_000_000_000_000L, 10_000_000_000_000L));
            try {
                return sim.createDevice(gateway, uniqueId, name);
            } catch (IllegalArgumentException taken) {
                // that unique_id exists: draw again
            }
        }
    }

    private SimResponse sessions(ApiRequest r) {
        String whatsappId = r.field("WhatsappID");
        String name = r.field("name");
        String status = r.field("status");
        List<SimDevice> all = new ArrayList<>(registry().list());
        all.addAll(registry().destroying());
        List<Listed> matching = all.stream().map(d -> new Listed(d, d.snapshot()))
                .sorted(Comparator.comparingLong(l -> l.snapshot().number()))
                .filter(l -> whatsappId == null || whatsappId.equals(l.snapshot().id()))
                .filter(l -> name == null || name.equals(l.snapshot().name()))
                .filter(l -> status == null || status.equalsIgnoreCase(status(l.snapshot().state())))
                .toList();
        int pageSize = positive(r.json().get("page_cnt"), Integer.MAX_VALUE);
        int page = positive(r.json().get("page"), 1);
        ArrayNode data = Json.array();
        matching.stream().skip((long) (page - 1) * pageSize).limit(pageSize).forEach(l -> {
            data.add(session(l.snapshot()));
            if (l.snapshot().state() == SimState.DELETED) {
                registry().forget(l.device()); // shown once as DESTROYING, then gone
            }
        });
        return data(data);
    }

    private record Listed(SimDevice device, SimDevice.Snapshot snapshot) {
    }

    /**
     * events-get: the logged events, filtered by {@code WhatsappID} (exact), {@code action} and {@code date} (later
     * events, or from that second on with {@code eventsDateInclusive}), in {@code eventsOrder}, paged by
     * {@code page_cnt} (default 10, at most 100: more is refused) and {@code page} (default 1), numbers as JSON numbers
     * or strings.
     */
    private SimResponse eventsGet(ApiRequest r) {
        Instant date = null;
        String rawDate = r.field("date");
        if (rawDate != null) {
            try {
                date = LocalDateTime.parse(rawDate.trim(), EVENT_DATE).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                return result(400, "date must be YYYY-MM-DD HH:MM:SS");
            }
        }
        Integer pageSize = count(r.json().get("page_cnt"), EVENTS_DEFAULT_PAGE_SIZE);
        if (pageSize == null || pageSize > EVENTS_MAX_PAGE_SIZE) {
            return result(400, "page_cnt must be a number from 1 to " + EVENTS_MAX_PAGE_SIZE);
        }
        Integer page = count(r.json().get("page"), 1);
        if (page == null) {
            return result(400, "page must be a number from 1");
        }
        List<ObjectNode> matching = events.find(new WhatsgateOrgEventLog.Filter(r.field("WhatsappID"), r.field("action"), date,
                eventsDateInclusive), eventsOrder);
        ArrayNode data = Json.array();
        matching.stream().skip((long) (page - 1) * pageSize).limit(pageSize).forEach(data::add);
        ObjectNode body = object().put("result", "OK").put("pages", (matching.size() + pageSize - 1) / pageSize)
                .put("elements", matching.size()).put("page", page);
        body.set("data", data);
        return ok(body);
    }

    /** A count of at least 1, as a JSON number or a string of digits; the fallback where absent; null where invalid. */
    private static Integer count(JsonNode value, int fallback) {
        if (value == null || value.isNull()) {
            return fallback;
        }
        String text = value.asText().trim();
        if (!(value.isIntegralNumber() || value.isTextual()) || !text.matches("[0-9]{1,9}") || Integer.parseInt(text) < 1) {
            return null;
        }
        return Integer.parseInt(text);
    }

    private static int positive(JsonNode value, int fallback) {
        int v = value == null || value.isNull() ? 0 : value.asInt(0);
        return v > 0 ? v : fallback;
    }

    private SimResponse delete(ApiRequest r) {
        SimDevice d = find(r.field("WhatsappID"));
        if (d == null) {
            return sessionNotFound();
        }
        d.delete();
        return data(session(d.snapshot()));
    }

    private SimResponse setHook(ApiRequest r) {
        SimDevice d = find(r.field("WhatsappID"));
        if (d == null) {
            return sessionNotFound();
        }
        d.webhook(r.field("callback"));
        return data(session(d.snapshot()));
    }

    private static SimResponse sessionNotFound() {
        return result(200, "Session not found");
    }

    /**
     * The QR authorization page: shows a QR code of the current token (issuing one if the session is not waiting for a
     * scan yet), refreshes itself and tells an embedding page what it shows ({@code postMessage}, as documented).
     */
    private SimResponse qrPage(ApiRequest r) {
        SimDevice d = find(r.param("uniqueId"));
        if (d == null) {
            return page(404, "broken", "<p>Session not found or closed.</p>");
        }
        String token = d.atomically(x -> switch (x.state()) {
            case CONNECTED, SUSPENDED, DELETED -> null;
            case AWAITING_SCAN -> x.currentQrToken() != null ? x.currentQrToken() : x.issueQr();
            default -> x.issueQr();
        });
        if (token != null) {
            String svg = QrCodes.svg(token);
            return page(200, "qr", svg.substring(svg.indexOf("<svg")));
        }
        return d.state() == SimState.CONNECTED ? page(200, "success", "<p>WhatsApp is authorized.</p>")
                : page(200, "error", "<p>Authorization error; try again.</p>");
    }

    private static SimResponse page(int status, String message, String content) {
        String refresh = "qr".equals(message) ? "<meta http-equiv=\"refresh\" content=\"10\">" : "";
        String html = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>QR</title>" + refresh
                      + "<style>body{margin:0;display:flex;align-items:center;justify-content:center;height:100vh}svg{width:300px;height:300px}</style>"
                      + "</head><body>" + content
                      + "<script>if(window.parent!==window){window.parent.postMessage({module:'qr',message:'" + message + "'},'*');}</script>"
                      + "</body></html>";
        return SimResponse.text(status, SimResponse.HTML, html).withHeader("Cache-Control", "no-store");
    }

    /** A session object with the fields of the documented {@code session-create} answer. */
    private ObjectNode session(SimDevice.Snapshot s) {
        boolean ready = s.state() == SimState.CONNECTED;
        ObjectNode o = object();
        o.put("id", s.number());
        o.put("name", s.name());
        o.put("unique_id", s.id());
        o.put("status", status(s.state()));
        o.put("callback", s.webhook());
        o.put("date_add", DATE_ADD.format(s.createdAt()));
        o.putNull("qr");
        o.put("status_name", statusName(s.state()));
        o.put("pushname", ready ? s.name() : null);
        o.put("wid", ready && s.phone() != null ? s.phone() + "@c.us" : null);
        o.put("qr_link", gatewayUrl() + "/qr/" + s.id());
        return o;
    }

    /** The session status word of a state ({@code PENDING}, {@code AUTH}, {@code READY}, {@code DESTROYING}). */
    public static String status(SimState state) {
        return switch (state) {
            case NEW -> "PENDING";
            case CONNECTED -> "READY";
            case DELETED -> "DESTROYING";
            case AWAITING_SCAN, EXPIRED, DISCONNECTED, SUSPENDED -> "AUTH";
        };
    }

    static String statusName(SimState state) {
        return switch (status(state)) {
            case "PENDING" -> "Initialization";
            case "READY" -> "Working";
            case "DESTROYING" -> "Destroying";
            default -> "Authorization";
        };
    }
}
