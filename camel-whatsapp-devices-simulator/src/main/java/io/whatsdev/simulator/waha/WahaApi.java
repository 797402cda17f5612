package io.whatsdev.simulator.waha;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.core.JsonProcessingException;
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
 * WAHA (WhatsApp HTTP API), base {@code /waha}, WAHA's paths below it ({@code /waha/api/sessions}, ...); header
 * {@code X-Api-Key} or query {@code x-api-key}. The device id is the session {@code name}.
 * <p>
 * Answers are WAHA's (NestJS) bodies: a session is {@code SessionInfo} ({@code name}, {@code status}, {@code config}
 * when set, {@code me}, {@code presence}, {@code timestamps.activity}); {@code GET /api/sessions/{session}} and the
 * calls that change a session add {@code engine}, as WAHA does. Errors are {@code {"message":...,"error":...,
 * "statusCode":...}}, a refused key {@code {"message":"Unauthorized","statusCode":401}}, a bad body
 * {@code {"message":[...],"error":"Bad Request","statusCode":400}}.
 * <p>
 * WAHA's status words from the simulator's states:
 * <table>
 * <caption>status words</caption>
 * <tr><th>state (detail)</th><th>status</th></tr>
 * <tr><td>NEW</td><td>STOPPED (created, not started)</td></tr>
 * <tr><td>NEW ({@value #STARTING_DETAIL})</td><td>STARTING (started; moves on when the session is next read)</td></tr>
 * <tr><td>AWAITING_SCAN</td><td>SCAN_QR_CODE</td></tr>
 * <tr><td>CONNECTED</td><td>WORKING</td></tr>
 * <tr><td>DISCONNECTED ({@value #STOPPED_DETAIL})</td><td>STOPPED (stopped through the API; keeps its auth)</td></tr>
 * <tr><td>DISCONNECTED (phone unlinked), EXPIRED (QR codes exhausted), SUSPENDED</td><td>FAILED</td></tr>
 * </table>
 * A started session (STARTING) moves on the next time it is read (get, list, QR, pairing code): to WORKING if it kept
 * valid auth, to FAILED if its auth was unlinked, otherwise to SCAN_QR_CODE with a new QR code. The last three statuses
 * the API gave a session are kept in its {@value #STATUSES} attribute ({@link #statuses(SimDevice)}); WAHA sends them
 * only in {@code session.status} events, not in {@code SessionInfo}.
 * <p>
 * Switches: {@link #startByDefault(boolean)} and {@link #holdStarting(boolean)} (also by name).
 * <p>
 * <b>Callbacks.</b> When a session's status word changes (or it gets a new QR code), every webhook of its
 * {@code config.webhooks} whose {@code events} hold {@code session.status} (or {@code *}) gets WAHA's event
 * {@code {"id","timestamp","event":"session.status","session","metadata","me","payload":{"name","status","statuses"},
 * "engine","environment"}}, with {@code X-Webhook-Request-Id} and {@code X-Webhook-Timestamp}, the webhook's
 * {@code customHeaders}, and, when it has an {@code hmac.key}, {@code X-Webhook-Hmac} (hex HMAC-SHA512 of the body) and
 * {@code X-Webhook-Hmac-Algorithm: sha512}. Any 2xx acknowledges; otherwise it is retried {@code retries.attempts}
 * times in all, {@code retries.delaySeconds} apart (a constant delay whatever the {@code policy}; without
 * {@code retries}: {@value #DEFAULT_CALLBACK_ATTEMPTS} attempts, {@value #DEFAULT_CALLBACK_DELAY_SECONDS} s apart, the
 * values of WAHA's example).
 */
public final class WahaApi extends GatewayApi {

    /** The engine the simulated server reports. */
    public static final String ENGINE = "NOWEB";
    /** The state detail of a NEW session that was started and has not been read since: STARTING. */
    static final String STARTING_DETAIL = "starting";
    /** The state detail of a session stopped through the API: STOPPED. */
    static final String STOPPED_DETAIL = "stopped";
    /** The attribute with the session config, as JSON text; absent when the session has none. */
    static final String CONFIG = "config";
    /** The attribute with the auth a STARTING or STOPPED session holds: {@value #AUTH_VALID}, {@value #AUTH_INVALID}; absent for none. */
    static final String AUTH = "auth";
    static final String AUTH_VALID = "valid";
    static final String AUTH_INVALID = "invalid";
    /** The attribute with the last three statuses as a JSON array of {@code {"status","timestamp"}}. */
    static final String STATUSES = "statuses";
    static final int STATUS_HISTORY = 3;

    static final String STOPPED = "STOPPED";
    static final String STARTING = "STARTING";
    static final String SCAN_QR_CODE = "SCAN_QR_CODE";
    static final String WORKING = "WORKING";
    static final String FAILED = "FAILED";

    /** The SessionConfig properties WAHA keeps (it drops the others, as its validation pipe whitelists). */
    private static final Set<String> CONFIG_FIELDS = Set.of("metadata", "proxy", "debug", "ignore", "client", "noweb", "gows", "webjs",
            "webhooks");
    private static final Set<String> WEBHOOK_FIELDS = Set.of("url", "events", "hmac", "retries", "customHeaders");
    private static final Set<String> RETRY_POLICIES = Set.of("linear", "exponential", "constant");
    private static final int NAME_MAX = 54;

    private static final Map<Integer, String> REASONS = Map.of(422, "Unprocessable Entity");

    private volatile boolean startByDefault = true;
    private volatile boolean holdStarting;

    static final int DEFAULT_CALLBACK_ATTEMPTS = 5;
    static final int DEFAULT_CALLBACK_DELAY_SECONDS = 2;

    WahaApi(GatewaySimulator sim, Gateway gateway) {
        super(sim, gateway);
        route("GET", "api/sessions", this::list);
        route("POST", "api/sessions", this::create);
        route("GET", "api/sessions/{session}", this::get);
        route("PUT", "api/sessions/{session}", this::update);
        route("DELETE", "api/sessions/{session}", this::delete);
        route("POST", "api/sessions/{session}/start", this::start);
        route("POST", "api/sessions/{session}/stop", this::stop);
        route("POST", "api/sessions/{session}/restart", this::restart);
        route("POST", "api/sessions/{session}/logout", this::logout);
        route("GET", "api/{session}/auth/qr", this::qr);
        route("POST", "api/{session}/auth/request-code", this::requestCode);
        setting("startByDefault", this::startByDefault, v -> startByDefault(booleanValue("startByDefault", v)));
        setting("holdStarting", this::holdStarting, v -> holdStarting(booleanValue("holdStarting", v)));
    }

    // ------------------------------------------------------------------ switches

    /**
     * Whether {@code POST /api/sessions} without {@code start} starts the session (default true, as WAHA's OpenAPI
     * spec and docs say; WAHA 2024.10.8's source does not start it: set false for that).
     */
    public WahaApi startByDefault(boolean start) {
        this.startByDefault = start;
        return this;
    }

    public boolean startByDefault() {
        return startByDefault;
    }

    /**
     * Whether started sessions stay STARTING when read (default false: they move on at the next read), as a WAHA
     * session stuck in STARTING does; switching it off lets them move on.
     */
    public WahaApi holdStarting(boolean hold) {
        this.holdStarting = hold;
        return this;
    }

    public boolean holdStarting() {
        return holdStarting;
    }

    // ------------------------------------------------------------------ what WAHA says

    @Override
    protected boolean authenticated(ApiRequest r) {
        return SimulatorCredentials.API_KEY.equals(r.header("x-api-key")) || SimulatorCredentials.API_KEY.equals(r.query("x-api-key"));
    }

    @Override
    protected SimResponse authRefusal(ApiRequest r) {
        return json(401, object().put("message", "Unauthorized").put("statusCode", 401));
    }

    @Override
    protected ObjectNode errorBody(int status, String message) {
        return object().put("message", message).put("error", REASONS.getOrDefault(status, reason(status))).put("statusCode", status);
    }

    private SimResponse sessionNotFound() {
        return error(404, "Session not found");
    }

    /** WAHA's answer when a call needs a running session and the session is stopped or unknown. */
    private SimResponse notRunning(String name) {
        return error(404, "We didn't find a session with name '" + name + "'.\nPlease start it first by using POST /api/sessions/" + name
                          + "/start request");
    }

    /** A refused body, as WAHA's validation pipe answers it. */
    private static SimResponse invalid(List<String> problems) {
        ObjectNode body = object();
        ArrayNode messages = body.putArray("message");
        problems.forEach(messages::add);
        return json(400, body.put("error", "Bad Request").put("statusCode", 400));
    }

    // ------------------------------------------------------------------ sessions

    private SimResponse list(ApiRequest r) {
        String allParam = r.query("all");
        Boolean all = booleanParam(allParam);
        if (all == null) {
            return invalid(List.of("all must be a boolean value"));
        }
        ArrayNode sessions = Json.array();
        for (SimDevice d : registry().list()) {
            SimDevice.Snapshot s = observe(d);
            if (s != null && (all || !STOPPED.equals(status(s)))) {
                sessions.add(info(s, false));
            }
        }
        return ok(sessions);
    }

    /** WAHA's boolean query values ({@code true}/{@code 1}, {@code false}/{@code 0}); absent is false; null if neither. */
    private static Boolean booleanParam(String value) {
        if (value == null || value.isEmpty() || value.equalsIgnoreCase("false") || value.equals("0")) {
            return Boolean.FALSE;
        }
        return value.equalsIgnoreCase("true") || value.equals("1") ? Boolean.TRUE : null;
    }

    private SimResponse get(ApiRequest r) {
        SimDevice d = find(r.param("session"));
        SimDevice.Snapshot s = d == null ? null : observe(d);
        return s == null ? sessionNotFound() : ok(info(s, true));
    }

    private SimResponse create(ApiRequest r) {
        ObjectNode body = r.json();
        List<String> problems = new ArrayList<>();
        JsonNode nameNode = body.get("name");
        String name = null;
        if (nameNode != null && !nameNode.isNull()) {
            if (!nameNode.isTextual()) {
                problems.add("name must be a string");
            } else {
                name = nameNode.asText();
                if (name.length() > NAME_MAX) {
                    problems.add("name must be shorter than or equal to " + NAME_MAX + " characters");
                } else if (!name.isEmpty() && !name.matches(WahaSimulation.NAME_RULE)) {
                    problems.add("name must contain only letters, digits, '_' and '-'");
                }
            }
        }
        JsonNode startNode = body.get("start");
        if (startNode != null && !startNode.isNull() && !startNode.isBoolean()) {
            problems.add("start must be a boolean value");
        }
        ObjectNode config = config(body.get("config"), problems);
        if (!problems.isEmpty()) {
            return invalid(problems);
        }
        if (name == null || name.isEmpty()) {
            name = "session_" + UUID.randomUUID().toString().replace("-", "");
        }
        boolean start = startNode == null || startNode.isNull() ? startByDefault : startNode.asBoolean();
        SimDevice d;
        try {
            if (registry().contains(name)) {
                throw new IllegalArgumentException("taken");
            }
            d = sim.createDevice(gateway, name, null);
        } catch (IllegalArgumentException taken) {
            return error(422, "Session '" + name + "' already exists. Use PUT to update it.");
        }
        SimDevice.Snapshot s = d.atomically(x -> {
            x.attribute(CONFIG, config == null ? null : Json.string(config));
            if (start) {
                startSession(x);
            }
            record(x);
            return x.snapshot();
        });
        return json(201, info(s, true));
    }

    private SimResponse update(ApiRequest r) {
        SimDevice d = find(r.param("session"));
        if (d == null) {
            return sessionNotFound();
        }
        List<String> problems = new ArrayList<>();
        ObjectNode config = config(r.json().get("config"), problems);
        if (!problems.isEmpty()) {
            return invalid(problems);
        }
        // the full new config replaces the old one; a running session is stopped and started with it
        return changed(d, 200, x -> {
            x.attribute(CONFIG, config == null ? null : Json.string(config));
            if (!STOPPED.equals(status(x.snapshot()))) {
                startSession(x);
            }
        });
    }

    private SimResponse delete(ApiRequest r) {
        SimDevice d = find(r.param("session"));
        if (d != null) {
            d.delete();
        }
        return SimResponse.bytes(200, SimResponse.JSON, new byte[0]); // idempotent; no body
    }

    /** Starts a stopped session; a running one is left as it is (idempotent). */
    private SimResponse start(ApiRequest r) {
        SimDevice d = find(r.param("session"));
        if (d == null) {
            return sessionNotFound();
        }
        return changed(d, 201, x -> {
            if (STOPPED.equals(status(x.snapshot()))) {
                startSession(x);
            } else {
                advance(x);
            }
        });
    }

    /** Stops a running session, keeping its auth (idempotent). */
    private SimResponse stop(ApiRequest r) {
        SimDevice d = find(r.param("session"));
        if (d == null) {
            return sessionNotFound();
        }
        return changed(d, 201, WahaApi::stopSession);
    }

    private SimResponse restart(ApiRequest r) {
        SimDevice d = find(r.param("session"));
        if (d == null) {
            return sessionNotFound();
        }
        return changed(d, 201, WahaApi::startSession);
    }

    /** Drops the session's auth, keeps its config; a running session starts again from scratch (to SCAN_QR_CODE). */
    private SimResponse logout(ApiRequest r) {
        SimDevice d = find(r.param("session"));
        if (d == null) {
            return sessionNotFound();
        }
        return changed(d, 201, x -> {
            boolean running = !STOPPED.equals(status(x.snapshot()));
            x.attribute(AUTH, null);
            if (running) {
                x.changeState(SimState.NEW, STARTING_DETAIL);
            }
        });
    }

    /** Applies a change to a live session and answers it (with {@code engine}), unless it was deleted meanwhile. */
    private SimResponse changed(SimDevice d, int status, Consumer<SimDevice> change) {
        SimDevice.Snapshot s = d.atomically(x -> {
            if (x.state() == SimState.DELETED) {
                return null;
            }
            change.accept(x);
            record(x);
            return x.snapshot();
        });
        return s == null ? sessionNotFound() : json(status, info(s, true));
    }

    // ------------------------------------------------------------------ pairing

    private SimResponse qr(ApiRequest r) {
        String name = r.param("session");
        SimDevice d = find(name);
        // the status and, while it waits for a scan, the QR code it shows (the same code until a new one is issued)
        String[] seen = d == null ? null : d.atomically(x -> {
            SimDevice.Snapshot s = observe(x);
            if (s == null) {
                return null;
            }
            String token = s.state() != SimState.AWAITING_SCAN ? null : s.qrToken() != null ? s.qrToken() : x.issueQr();
            return new String[] {status(s), token};
        });
        if (seen == null || STOPPED.equals(seen[0])) {
            return notRunning(name);
        }
        if (seen[1] == null) {
            ObjectNode body = object().put("error", "Session status is not as expected. Try again later or restart the session")
                    .put("session", name).put("status", seen[0]);
            body.putArray("expected").add(SCAN_QR_CODE);
            return json(422, body);
        }
        if ("raw".equals(r.query("format"))) {
            return ok(object().put("value", seen[1]));
        }
        byte[] png = QrCodes.png(seen[1]);
        String accept = r.header("accept");
        if (accept != null && accept.trim().equalsIgnoreCase("application/json")) {
            return ok(object().put("mimetype", "image/png").put("data", Base64.getEncoder().encodeToString(png)));
        }
        return SimResponse.bytes(200, SimResponse.PNG, png);
    }

    private SimResponse requestCode(ApiRequest r) {
        String name = r.param("session");
        SimDevice d = find(name);
        SimDevice.Snapshot s = d == null ? null : observe(d);
        if (s == null || STOPPED.equals(status(s))) {
            return notRunning(name);
        }
        JsonNode phoneNode = r.json().get("phoneNumber");
        if (phoneNode == null || !phoneNode.isTextual()) {
            return invalid(List.of("phoneNumber must be a string"));
        }
        String phone = phoneNode.asText().replaceAll("[^0-9]", "");
        if (phone.isEmpty()) {
            return invalid(List.of("phoneNumber must be a phone number in international format"));
        }
        String method = r.field("method");
        if (method != null && !method.isEmpty()) {
            return error(422, "NOWEB engine doesn't support any 'method', remove it and try again");
        }
        String[] outcome = d.atomically(x -> {
            String now = x.state() == SimState.DELETED ? STOPPED : status(x.snapshot());
            if (!SCAN_QR_CODE.equals(now)) {
                return new String[] {now, null};
            }
            x.phone(phone);
            return new String[] {now, x.issuePairingCode()};
        });
        if (outcome[1] == null) {
            return error(422, "Can request code only in SCAN_QR_CODE status. The current status is " + outcome[0]);
        }
        return json(201, object().put("code", outcome[1]));
    }

    // ------------------------------------------------------------------ the session's life

    /**
     * Reads a session: a STARTING session moves on first (unless {@link #holdStarting}), and the status is recorded.
     * Null if the session was deleted meanwhile.
     */
    private SimDevice.Snapshot observe(SimDevice d) {
        return d.atomically(x -> {
            if (x.state() == SimState.DELETED) {
                return null;
            }
            advance(x);
            record(x);
            return x.snapshot();
        });
    }

    /** A STARTING session becomes WORKING (valid auth kept), FAILED (auth unlinked) or SCAN_QR_CODE (no auth, a new QR). */
    private void advance(SimDevice x) {
        SimDevice.Snapshot s = x.snapshot();
        if (holdStarting || !STARTING.equals(status(s))) {
            return;
        }
        String auth = s.attribute(AUTH);
        x.attribute(AUTH, null);
        if (AUTH_VALID.equals(auth)) {
            x.scan();
        } else if (AUTH_INVALID.equals(auth)) {
            x.changeState(SimState.DISCONNECTED, null);
        } else {
            x.issueQr();
        }
    }

    /** Stops the session if it runs, keeping the auth it has, and starts it: STARTING. */
    private static void startSession(SimDevice x) {
        String auth = auth(x.snapshot());
        x.attribute(AUTH, auth);
        x.changeState(SimState.NEW, STARTING_DETAIL);
    }

    /** Stops the session, keeping the auth it has: STOPPED. Idempotent. */
    private static void stopSession(SimDevice x) {
        SimDevice.Snapshot s = x.snapshot();
        if (STOPPED.equals(status(s))) {
            return;
        }
        x.attribute(AUTH, auth(s));
        x.changeState(SimState.DISCONNECTED, STOPPED_DETAIL);
    }

    /** The auth a session holds: valid (paired), invalid (unlinked by the phone or suspended), or none (null). */
    static String auth(SimDevice.Snapshot s) {
        return switch (s.state()) {
            case CONNECTED -> AUTH_VALID;
            case DISCONNECTED -> STOPPED_DETAIL.equals(s.stateDetail()) ? s.attribute(AUTH) : AUTH_INVALID;
            case SUSPENDED -> AUTH_INVALID;
            case NEW -> STARTING_DETAIL.equals(s.stateDetail()) ? s.attribute(AUTH) : null;
            case AWAITING_SCAN, EXPIRED, DELETED -> null;
        };
    }

    /** WAHA's status word of a session. */
    public static String status(SimDevice.Snapshot s) {
        return switch (s.state()) {
            case NEW -> STARTING_DETAIL.equals(s.stateDetail()) ? STARTING : STOPPED;
            case AWAITING_SCAN -> SCAN_QR_CODE;
            case CONNECTED -> WORKING;
            case DISCONNECTED -> STOPPED_DETAIL.equals(s.stateDetail()) ? STOPPED : FAILED;
            case EXPIRED, SUSPENDED -> FAILED;
            case DELETED -> STOPPED;
        };
    }

    // ------------------------------------------------------------------ callbacks

    @Override
    protected void onStateChange(SimDevice.Snapshot before, SimDevice.Snapshot after) {
        String status = status(after);
        boolean newQr = SCAN_QR_CODE.equals(status) && after.qrToken() != null && !after.qrToken().equals(before.qrToken());
        if (status.equals(status(before)) && !newQr || after.state() == SimState.DELETED) {
            return; // WAHA sends no event for a deleted session
        }
        JsonNode config = parseOrNull(after.attribute(CONFIG));
        if (config == null || !config.path("webhooks").isArray()) {
            return;
        }
        long now = System.currentTimeMillis();
        ArrayNode statuses = history(after.attribute(STATUSES));
        if (statuses.isEmpty() || !status.equals(statuses.get(statuses.size() - 1).path("status").asText()) || newQr) {
            statuses.addObject().put("status", status).put("timestamp", now);
        }
        while (statuses.size() > STATUS_HISTORY) {
            statuses.remove(0);
        }
        for (JsonNode hook : config.path("webhooks")) {
            JsonNode events = hook.path("events");
            boolean wanted = false;
            for (JsonNode e : events) {
                wanted |= "session.status".equals(e.asText()) || "*".equals(e.asText());
            }
            if (!wanted || !hook.path("url").isTextual()) {
                continue;
            }
            ObjectNode body = object();
            body.put("id", "evt_" + UUID.randomUUID().toString().replace("-", ""));
            body.put("timestamp", now);
            body.put("event", "session.status");
            body.put("session", after.id());
            if (config.has("metadata")) {
                body.set("metadata", config.get("metadata"));
            }
            if (WORKING.equals(status) && after.phone() != null) {
                body.putObject("me").put("id", after.phone() + "@c.us").put("pushName", after.name() == null ? "~" : after.name());
            } else {
                body.putNull("me");
            }
            ObjectNode payload = body.putObject("payload");
            payload.put("name", after.id());
            payload.put("status", status);
            payload.putNull("data");
            payload.set("statuses", statuses);
            body.put("engine", ENGINE);
            body.putObject("environment").put("version", "2026.7.1").put("engine", ENGINE).put("tier", "CORE");
            String text = Json.string(body);
            CallbackRequest request = CallbackRequest.json(after.id(), hook.get("url").asText(), text)
                    .withHeader("X-Webhook-Request-Id", UUID.randomUUID().toString())
                    .withHeader("X-Webhook-Timestamp", Long.toString(now));
            for (JsonNode h : hook.path("customHeaders")) {
                request = request.withHeader(h.path("name").asText(), h.path("value").asText());
            }
            String key = hook.path("hmac").path("key").asText(null);
            if (key != null) {
                request = request.withHeader("X-Webhook-Hmac", hmacSha512(key, text)).withHeader("X-Webhook-Hmac-Algorithm", "sha512");
            }
            JsonNode retries = hook.path("retries");
            int attempts = retries.path("attempts").isNumber() ? Math.max(1, retries.path("attempts").asInt()) : DEFAULT_CALLBACK_ATTEMPTS;
            long delay = retries.path("delaySeconds").isNumber() ? Math.max(0, retries.path("delaySeconds").asLong())
                    : DEFAULT_CALLBACK_DELAY_SECONDS;
            postCallback(request.retried(attempts, Duration.ofSeconds(delay), CallbackRequest.Acknowledgement.ANY_2XX));
        }
    }

    private static JsonNode parseOrNull(String text) {
        try {
            return text == null ? null : Json.parse(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** Hex HMAC-SHA512 of the text's UTF-8 bytes, keyed with the key's. */
    static String hmacSha512(String key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA512");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA512"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA512 is not available", e);
        }
    }

    // ------------------------------------------------------------------ status history

    /** One entry of a session's status history. */
    public record StatusChange(String status, long timestamp) {
    }

    /** Appends the session's status to its history when it differs from the last entry; keeps the last three. */
    private static void record(SimDevice x) {
        String status = status(x.snapshot());
        ArrayNode history = history(x.attribute(STATUSES));
        if (history.isEmpty() || !status.equals(history.get(history.size() - 1).path("status").asText())) {
            history.addObject().put("status", status).put("timestamp", System.currentTimeMillis());
            while (history.size() > STATUS_HISTORY) {
                history.remove(0);
            }
            x.attribute(STATUSES, Json.string(history));
        }
    }

    /** The last statuses the API gave the session (at most three, oldest first), as a {@code session.status} event lists them. */
    public static List<StatusChange> statuses(SimDevice device) {
        List<StatusChange> out = new ArrayList<>();
        for (JsonNode entry : history(device.attribute(STATUSES))) {
            out.add(new StatusChange(entry.path("status").asText(), entry.path("timestamp").asLong()));
        }
        return List.copyOf(out);
    }

    private static ArrayNode history(String text) {
        if (text == null) {
            return Json.array();
        }
        try {
            return Json.parse(text) instanceof ArrayNode a ? a : Json.array();
        } catch (JsonProcessingException e) {
            return Json.array();
        }
    }

    // ------------------------------------------------------------------ rendering

    /**
     * WAHA's {@code SessionInfo}; {@code detailed} adds {@code engine} (WAHA's {@code SessionDetailedInfo}, the answer
     * of get, create, update, start, stop, restart and logout): {@code {"engine":"NOWEB"}} for a running session,
     * {@code {}} for a stopped one.
     */
    static ObjectNode info(SimDevice.Snapshot s, boolean detailed) {
        String status = status(s);
        ObjectNode o = object();
        o.put("name", s.id());
        o.put("status", status);
        String config = s.attribute(CONFIG);
        if (config != null) {
            try {
                o.set("config", Json.parse(config));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("the " + s.id() + " session's config is not JSON", e);
            }
        }
        if (WORKING.equals(status) && s.phone() != null) {
            o.putObject("me").put("id", s.phone() + "@c.us").put("pushName", s.name() == null ? "~" : s.name());
        } else {
            o.putNull("me");
        }
        o.putNull("presence");
        ObjectNode timestamps = o.putObject("timestamps");
        if (WORKING.equals(status)) {
            timestamps.put("activity", s.updatedAt().toEpochMilli());
        } else {
            timestamps.putNull("activity");
        }
        if (detailed) {
            ObjectNode engine = o.putObject("engine");
            if (!STOPPED.equals(status)) {
                engine.put("engine", ENGINE);
            }
        }
        return o;
    }

    // ------------------------------------------------------------------ request bodies

    /**
     * The session config of a create or update body, as WAHA keeps it (known fields only, in the order sent), or null
     * when there is none; what is wrong with it goes to {@code problems}, in WAHA's validation messages.
     */
    private static ObjectNode config(JsonNode config, List<String> problems) {
        if (config == null || config.isNull()) {
            return null;
        }
        if (!config.isObject()) {
            problems.add("config must be an object");
            return null;
        }
        ObjectNode kept = object();
        for (Iterator<Map.Entry<String, JsonNode>> it = config.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = field.getKey();
            JsonNode value = field.getValue();
            if (!CONFIG_FIELDS.contains(key) || value.isNull()) {
                continue;
            }
            String path = "config." + key;
            switch (key) {
                case "webhooks" -> kept.set(key, webhooks(value, path, problems));
                case "debug" -> {
                    if (!value.isBoolean()) {
                        problems.add(path + " must be a boolean value");
                    }
                    kept.set(key, value);
                }
                case "metadata" -> {
                    boolean strings = value.isObject();
                    for (Iterator<JsonNode> v = value.elements(); strings && v.hasNext(); ) {
                        strings = v.next().isTextual();
                    }
                    if (!strings) {
                        problems.add(path + " must be an object with string values");
                    }
                    kept.set(key, value);
                }
                case "proxy" -> {
                    if (!value.isObject() || !value.path("server").isTextual()) {
                        problems.add(path + ".server must be a string");
                    }
                    kept.set(key, value);
                }
                default -> {
                    if (!value.isObject()) {
                        problems.add(path + " must be an object");
                    }
                    kept.set(key, value);
                }
            }
        }
        return kept;
    }

    private static JsonNode webhooks(JsonNode webhooks, String path, List<String> problems) {
        if (!webhooks.isArray()) {
            problems.add(path + " must be an array");
            return webhooks;
        }
        ArrayNode kept = Json.array();
        for (int i = 0; i < webhooks.size(); i++) {
            JsonNode hook = webhooks.get(i);
            String at = path + "." + i;
            if (!hook.isObject()) {
                problems.add(at + " must be an object");
                continue;
            }
            ObjectNode h = kept.addObject();
            hook.fields().forEachRemaining(f -> {
                if (WEBHOOK_FIELDS.contains(f.getKey())) {
                    h.set(f.getKey(), f.getValue());
                }
            });
            if (!hook.path("url").isTextual()) {
                problems.add(at + ".url must be a string");
            }
            JsonNode events = hook.path("events");
            if (!events.isArray()) {
                problems.add(at + ".events must be an array");
            } else {
                for (JsonNode e : events) {
                    if (!e.isTextual()) {
                        problems.add("each value in " + at + ".events must be a string");
                        break;
                    }
                }
            }
            JsonNode hmac = hook.path("hmac");
            if (!hmac.isMissingNode() && !hmac.isNull() && !(hmac.isObject() && (!hmac.has("key") || hmac.get("key").isTextual()))) {
                problems.add(at + ".hmac.key must be a string");
            }
            JsonNode retries = hook.path("retries");
            if (!retries.isMissingNode() && !retries.isNull()) {
                JsonNode policy = retries.path("policy");
                if (!retries.isObject()) {
                    problems.add(at + ".retries must be an object");
                } else if (!policy.isMissingNode() && !(policy.isTextual() && RETRY_POLICIES.contains(policy.asText()))) {
                    problems.add(at + ".retries.policy must be one of the following values: linear, exponential, constant");
                } else if (!numberOrAbsent(retries.path("delaySeconds")) || !numberOrAbsent(retries.path("attempts"))) {
                    problems.add(at + ".retries.delaySeconds and attempts must be numbers");
                }
            }
            JsonNode headers = hook.path("customHeaders");
            if (!headers.isMissingNode() && !headers.isNull()) {
                boolean pairs = headers.isArray();
                for (Iterator<JsonNode> it = headers.elements(); pairs && it.hasNext(); ) {
                    JsonNode header = it.next();
                    pairs = header.path("name").isTextual() && header.path("value").isTextual();
                }
                if (!pairs) {
                    problems.add(at + ".customHeaders must be an array of {name, value} strings");
                }
            }
        }
        return kept;
    }

    private static boolean numberOrAbsent(JsonNode value) {
        return value.isMissingNode() || value.isNull() || value.isNumber();
    }
}
