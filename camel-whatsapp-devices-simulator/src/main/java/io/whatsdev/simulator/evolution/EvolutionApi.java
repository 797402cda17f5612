package io.whatsdev.simulator.evolution;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.whatsdev.simulator.ApiRequest;
import io.whatsdev.simulator.CallbackRequest;
import io.whatsdev.simulator.Gateway;
import io.whatsdev.simulator.GatewayApi;
import io.whatsdev.simulator.GatewaySimulator;
import io.whatsdev.simulator.Json;
import io.whatsdev.simulator.QrCodes;
import io.whatsdev.simulator.Router;
import io.whatsdev.simulator.SimDevice;
import io.whatsdev.simulator.SimResponse;
import io.whatsdev.simulator.SimState;
import io.whatsdev.simulator.SimulatorCredentials;

/**
 * Evolution API v2 (as of 2.3.7, {@code evolution-foundation/evolution-api}), base {@code /evolution} (Evolution's base
 * URL is the server root): the instance routes {@code /instance/...} and the webhook routes {@code /webhook/...}, header
 * {@code apikey}. The global key ({@link SimulatorCredentials#API_KEY}) opens everything; an instance's own token (the
 * device's {@link SimDevice#key() key}, the {@code hash} of the create answer) opens that instance's routes and
 * {@code fetchInstances}, which then lists only the instances with that token.
 * <p>
 * As at Evolution, the guards run in the order instance exists (404), name taken (403, create only), key (401), so an
 * unknown instance or a taken name is answered before the key is looked at; a path with no route (including a known
 * path with another method, e.g. {@code PUT /instance/restart/...}) is Express's 404 {@code Cannot PUT /...}, also
 * before any guard. Errors are {@code {"status":N,"error":"<reason>","response":{"message":[...]}}}; the refusal of the
 * key is {@code 401 {"status":401,"error":"Unauthorized","response":{"message":"Unauthorized"}}}. {@code connect} and
 * {@code restart} catch their errors and answer 200 {@code {"error":true,"message":"[object Object]"}}.
 * <p>
 * States: {@code open} is CONNECTED, {@code connecting} is AWAITING_SCAN (a QR code is out), every other state is
 * {@code close}. A {@code close} instance that was never paired has {@code ownerJid} null in {@code fetchInstances}; one
 * that was paired keeps its {@code ownerJid} and has {@code disconnectionReasonCode} (401 after a logout or an unlink,
 * 403 when SUSPENDED) and {@code disconnectionAt}.
 * <p>
 * <b>Callbacks.</b> An instance whose stored webhook is {@code enabled} gets, for each event its {@code events} list
 * subscribes to, one POST to its {@code url} of {@code {"event","instance","data","destination","date_time","sender",
 * "server_url","apikey"}} (the dotted event name, the instance name, the event's data, the webhook's URL, now, the
 * instance's {@code wuid} or null, the gateway's URL here, the instance's token):
 * <ul>
 * <li>{@code CONNECTION_UPDATE} {@code connection.update}: {@code connecting} (statusReason 200) when a QR code is asked
 * for, {@code open} (with {@code wuid}, {@code profileName}, {@code profilePictureUrl}) on pairing, {@code close} with
 * statusReason 401 after a logout or an unlink (403 when SUSPENDED), {@code refused} (428) when the QR code limit is
 * reached or the QR code expires;</li>
 * <li>{@code QRCODE_UPDATED} {@code qrcode.updated}: {@code {"qrcode":{"instance","pairingCode","code","base64"}}} for
 * each new QR code ({@code base64} a PNG data URI), or, at the limit, {@code {"message":"QR code limit reached, please
 * login again","statusCode":500}};</li>
 * <li>{@code LOGOUT_INSTANCE} {@code logout.instance} (data null) before the {@code close} of a logout, an unlink or a
 * suspension (Evolution does not reconnect after 401 and 403);</li>
 * <li>{@code REMOVE_INSTANCE} {@code remove.instance} (data null) when the instance is deleted.</li>
 * </ul>
 * A close kept by {@link #closeKeepingSession(String)} (a server restart) sends nothing. The webhook's {@code headers}
 * are sent as given, except {@code jwt_key}: it becomes {@code Authorization: Bearer <JWT>}, HS256 with that key,
 * claims {@code {"iat","exp"}}, {@code exp} = {@code iat} + 600.
 * <p>
 * <b>Retries</b>, as with Evolution v2's {@code WEBHOOK_RETRY_*} defaults: any 2xx acknowledges;
 * {@value #WEBHOOK_ATTEMPTS} attempts in all ({@code MAX_ATTEMPTS}); exponential backoff from {@code INITIAL_DELAY_SECONDS}
 * 5 up to {@code MAX_DELAY_SECONDS} 300, so the nine retries come 5, 10, 20, 40, 80, 160, 300, 300 and 300 s after the
 * attempt before; an answer of 400, 401, 403, 404 or 422 ends the retries after that attempt (recorded as not
 * acknowledged); any other answer, and no answer (a refused connection, a timeout), is retried. The simulator's callback
 * retry delay override scales the whole schedule (see {@link GatewaySimulator#callbackRetryDelayMillis(long)}).
 * Assumed where the provider notes leave it open: the first retry waits the initial delay and each next one doubles it
 * (the exponent's base is 2); no random jitter is added (Evolution may add some; the simulator's schedule is exact, so a
 * receiver should rely on nothing more than "growing, at most 300 s"). Not simulated: Evolution's
 * {@code WEBHOOK_REQUEST_TIMEOUT_MS} of 30 s; an attempt here times out after the simulator's 10 s, as for every
 * gateway.
 * <p>
 * Switches: {@link #qrcodeLimit(int)} ({@code qrcodeLimit}, Evolution's {@code QRCODE_LIMIT}) and
 * {@link #qrDelayed(boolean)} ({@code qrDelayed}); one action: {@link #closeKeepingSession(String)}.
 */
public final class EvolutionApi extends GatewayApi {

    /** Evolution's default {@code QRCODE_LIMIT}. */
    public static final int DEFAULT_QRCODE_LIMIT = 30;

    /** Evolution's {@code WEBHOOK_RETRY_MAX_ATTEMPTS}: attempts in all (the first and nine retries). */
    static final int WEBHOOK_ATTEMPTS = 10;
    /** Evolution's {@code WEBHOOK_RETRY_INITIAL_DELAY_SECONDS} (scaled by the simulator's callback retry delay override). */
    static final Duration WEBHOOK_RETRY_DELAY = Duration.ofSeconds(5);
    /** Evolution's exponential backoff ({@code WEBHOOK_RETRY_USE_EXPONENTIAL_BACKOFF}), assumed to double each delay. */
    static final double WEBHOOK_RETRY_BACKOFF = 2;
    /** Evolution's {@code WEBHOOK_RETRY_MAX_DELAY_SECONDS}. */
    static final Duration WEBHOOK_RETRY_MAX_DELAY = Duration.ofSeconds(300);
    /** The answers Evolution does not retry. */
    static final Set<Integer> WEBHOOK_NO_RETRY_STATUSES = Set.of(400, 401, 403, 404, 422);
    /** How long Evolution's webhook JWT is valid: {@code exp} = {@code iat} + this. */
    static final long JWT_LIFETIME_SECONDS = 600;

    /** The integrations {@code POST /instance/create} takes. */
    static final String BAILEYS = "WHATSAPP-BAILEYS";
    static final String BUSINESS = "WHATSAPP-BUSINESS";
    static final String EVOLUTION = "EVOLUTION";
    static final List<String> INTEGRATIONS = List.of(BAILEYS, BUSINESS, EVOLUTION);

    /** The webhook events an instance can subscribe to (Evolution's {@code EventController.events}, in its order). */
    static final List<String> EVENTS = List.of("APPLICATION_STARTUP", "QRCODE_UPDATED", "MESSAGES_SET", "MESSAGES_UPSERT",
            "MESSAGES_EDITED", "MESSAGES_UPDATE", "MESSAGES_DELETE", "SEND_MESSAGE", "SEND_MESSAGE_UPDATE", "CONTACTS_SET",
            "CONTACTS_UPSERT", "CONTACTS_UPDATE", "PRESENCE_UPDATE", "CHATS_SET", "CHATS_UPSERT", "CHATS_UPDATE", "CHATS_DELETE",
            "GROUPS_UPSERT", "GROUP_UPDATE", "GROUP_PARTICIPANTS_UPDATE", "CONNECTION_UPDATE", "LABELS_EDIT", "LABELS_ASSOCIATION",
            "CALL", "TYPEBOT_START", "TYPEBOT_CHANGE_STATUS", "REMOVE_INSTANCE", "LOGOUT_INSTANCE", "INSTANCE_CREATE",
            "INSTANCE_DELETE", "STATUS_INSTANCE");

    // device attributes (text)
    /** How many QR codes the instance has had ({@code count}); Evolution resets it only when the limit is reached. */
    static final String QR_COUNT = "qrCount";
    /** The integration given on create (absent: WHATSAPP-BAILEYS). */
    static final String INTEGRATION = "integration";
    /** The {@code number} given on create (the database's {@code number}). */
    static final String NUMBER = "number";
    /** The phone number the current QR's pairing code was asked for (connect {@code ?number=}), kept for restarts. */
    static final String PAIRING_NUMBER = "pairingNumber";
    /** The QR token the current pairing code belongs to. */
    static final String PAIRING_QR = "pairingQr";
    /** A QR token issued but not shown yet ({@link #qrDelayed(boolean)}). */
    static final String QR_PENDING = "qrPending";
    /** {@link #QR_PENDING} while the pending token is being issued (so that its state change sends no QR code). */
    private static final String QR_PENDING_NEXT = "next";
    /** The instance's webhook, as Evolution's Webhook row (JSON). */
    static final String WEBHOOK = "webhook";
    /** The instance's settings from create (JSON). */
    static final String SETTINGS = "settings";
    /** The last close that Evolution wrote to the database: {@code {"code":..,"at":..,"message":..}} (JSON). */
    static final String DISCONNECTION = "disconnection";

    // state details
    /** After {@code DELETE /instance/logout}: close, the session is gone (a new QR code is needed). */
    static final String LOGGED_OUT = "logged out";
    /** After {@link #closeKeepingSession(String)}: close, and {@code connect} reconnects without a QR code. */
    static final String SESSION_SAVED = "closed, session saved";
    /** The QR code limit was reached: close ({@code refused} in the webhook), the count starts again. */
    static final String QR_LIMIT = "QR code limit reached";

    private static final String NOT_CONNECTED_MESSAGE = "[object Object]";
    private static final List<String> FALLBACK_METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH");
    private static final int FALLBACK_DEPTH = 8;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final String NUMBER_PATTERN = "^\\d+[\\.@\\w-]+";
    private static final Pattern NUMBER_REGEX = Pattern.compile(NUMBER_PATTERN);

    /** A route of the real server: what the guards need to know about it. */
    private record Endpoint(String method, String[] pattern, Kind kind) {

        /** The segments' instance name if they match, "" for a match without one, null for no match. */
        String match(String requestMethod, List<String> segments) {
            if (!method.equals(requestMethod) || pattern.length != segments.size()) {
                return null;
            }
            String name = "";
            for (int i = 0; i < pattern.length; i++) {
                if (pattern[i].equals("{instanceName}")) {
                    name = segments.get(i);
                } else if (!pattern[i].equals(segments.get(i))) {
                    return null;
                }
            }
            return name;
        }
    }

    private enum Kind {
        CREATE,
        FETCH_INSTANCES,
        PER_INSTANCE
    }

    /** Filled in the constructor, read by the HTTP threads after it. */
    private final List<Endpoint> endpoints = new ArrayList<>();
    private volatile int qrcodeLimit = DEFAULT_QRCODE_LIMIT;
    private volatile boolean qrDelayed;

    EvolutionApi(GatewaySimulator sim, Gateway gateway) {
        super(sim, gateway);
        endpoint("POST", "instance/create", Kind.CREATE, this::create);
        endpoint("POST", "instance/restart/{instanceName}", Kind.PER_INSTANCE, instance(this::restart));
        endpoint("GET", "instance/connect/{instanceName}", Kind.PER_INSTANCE, instance(this::connect));
        endpoint("GET", "instance/connectionState/{instanceName}", Kind.PER_INSTANCE,
                instance((r, d) -> ok(connectionState(d.id(), state(d.snapshot())))));
        endpoint("GET", "instance/fetchInstances", Kind.FETCH_INSTANCES, this::fetchInstances);
        endpoint("DELETE", "instance/logout/{instanceName}", Kind.PER_INSTANCE, instance(this::logout));
        endpoint("DELETE", "instance/delete/{instanceName}", Kind.PER_INSTANCE, instance(this::delete));
        endpoint("POST", "webhook/set/{instanceName}", Kind.PER_INSTANCE, instance(this::setWebhook));
        endpoint("GET", "webhook/find/{instanceName}", Kind.PER_INSTANCE, instance(this::findWebhook));
        // Express answers any other method and path with its 404, before any guard (see authenticated)
        for (int depth = 1; depth <= FALLBACK_DEPTH; depth++) {
            String any = String.join("/", Collections.nCopies(depth, "{segment}"));
            for (String method : FALLBACK_METHODS) {
                route(method, any, this::cannot);
            }
        }
        setting("qrcodeLimit", this::qrcodeLimit, v -> qrcodeLimit(intValue("qrcodeLimit", v, 1)));
        setting("qrDelayed", this::qrDelayed, v -> qrDelayed(booleanValue("qrDelayed", v)));
    }

    private void endpoint(String method, String pattern, Kind kind, Router.Action action) {
        endpoints.add(new Endpoint(method, pattern.split("/"), kind));
        route(method, pattern, action);
    }

    // ------------------------------------------------------------------ switches and actions

    /**
     * How many QR codes an instance gets before Evolution refuses the next one (its {@code QRCODE_LIMIT}, default 30): the
     * instance is then logged out ({@code close}, EXPIRED here) and its {@code count} starts again at 0.
     */
    public EvolutionApi qrcodeLimit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("the QR code limit must be at least 1");
        }
        this.qrcodeLimit = limit;
        return this;
    }

    public int qrcodeLimit() {
        return qrcodeLimit;
    }

    /**
     * Whether {@code connect} on a {@code close} instance answers before its QR code has come (default false): the
     * answer is {@code {"count":N}} without {@code code} or {@code base64} (#2385), the instance is {@code connecting}
     * (still {@code close} in {@code fetchInstances}, which shows the database), and the next {@code connect} answers the
     * QR code.
     */
    public EvolutionApi qrDelayed(boolean delayed) {
        this.qrDelayed = delayed;
        return this;
    }

    public boolean qrDelayed() {
        return qrDelayed;
    }

    /**
     * The instance's connection closes but its session stays saved, as for an instance that was {@code close} in the
     * database when Evolution restarted (2.3.7 does not reconnect those at boot): {@code close}, and the next
     * {@code connect} reconnects it without a QR code. Its {@code count} starts again at 0, as after a restart.
     *
     * @throws IllegalArgumentException if there is no such instance or it is not paired ({@code open})
     */
    public void closeKeepingSession(String instanceName) {
        SimDevice d = sim.device(gateway, instanceName);
        d.atomically(x -> {
            if (x.state() != SimState.CONNECTED) {
                throw new IllegalArgumentException("evolution instance '" + instanceName + "' is not open but " + x.state());
            }
            x.changeState(SimState.DISCONNECTED, SESSION_SAVED);
            x.attribute(QR_COUNT, "0");
            return null;
        });
    }

    // ------------------------------------------------------------------ guards, refusal, errors

    /**
     * Evolution's guards, in its order: with no route Express answers 404 before any guard; an unknown instance is 404
     * and a taken name 403 before the key is checked (the routes answer those). Otherwise the global key opens all, an
     * instance's token its own routes, and any instance's token {@code fetchInstances}.
     */
    @Override
    protected boolean authenticated(ApiRequest r) {
        Endpoint endpoint = null;
        String name = null;
        for (Endpoint e : endpoints) {
            name = e.match(r.method(), r.segments());
            if (name != null) {
                endpoint = e;
                break;
            }
        }
        if (endpoint == null) {
            return true; // Cannot <METHOD> <path>
        }
        String key = r.header("apikey");
        if (SimulatorCredentials.API_KEY.equals(key)) {
            return true;
        }
        boolean hasKey = key != null && !key.isEmpty();
        return switch (endpoint.kind()) {
            case PER_INSTANCE -> {
                SimDevice d = find(name);
                yield d == null || hasKey && key.equals(d.key());
            }
            case CREATE -> createName(r) != null && find(createName(r)) != null; // 403 before the key
            case FETCH_INSTANCES -> hasKey && registry().list().stream().anyMatch(d -> key.equals(d.key()));
        };
    }

    @Override
    protected SimResponse authRefusal(ApiRequest r) {
        return json(401, envelope(401, TextNode.valueOf("Unauthorized")));
    }

    /** {@code {"status":N,"error":"<reason>","response":{"message":["<message>"]}}}. */
    @Override
    protected ObjectNode errorBody(int status, String message) {
        return envelope(status, Json.array().add(message));
    }

    private static ObjectNode envelope(int status, JsonNode message) {
        ObjectNode o = object().put("status", status).put("error", reason(status));
        o.putObject("response").set("message", message);
        return o;
    }

    private static SimResponse failure(int status, String... messages) {
        ArrayNode list = Json.array();
        for (String m : messages) {
            list.add(m);
        }
        return json(status, envelope(status, list));
    }

    /** An error Express's handler renders from a JavaScript error: the message as a string. */
    private static SimResponse scriptError(int status, String message) {
        return json(status, envelope(status, TextNode.valueOf(message)));
    }

    private SimResponse cannot(ApiRequest r) {
        return failure(404, "Cannot " + r.method() + " /" + String.join("/", r.segments()));
    }

    private static SimResponse instanceMissing(String name) {
        return failure(404, "The \"" + name + "\" instance does not exist");
    }

    /** The route of an existing instance; 404 otherwise (Evolution's instance guard). */
    private Router.Action instance(BiFunction<ApiRequest, SimDevice, SimResponse> action) {
        return r -> {
            SimDevice d = find(r.param("instanceName"));
            return d == null ? instanceMissing(r.param("instanceName")) : action.apply(r, d);
        };
    }

    // ------------------------------------------------------------------ instance routes

    private static String createName(ApiRequest r) {
        JsonNode name = r.json().get("instanceName");
        return name != null && name.isTextual() && !name.asText().isEmpty() ? name.asText() : null;
    }

    private SimResponse create(ApiRequest r) {
        ObjectNode body = r.json();
        String name = createName(r);
        if (name != null && find(name) != null) {
            return failure(403, "This name \"" + name + "\" is already in use.");
        }
        List<String> invalid = validateCreate(body);
        if (!invalid.isEmpty()) {
            return failure(400, invalid.toArray(String[]::new));
        }
        if (name == null) {
            // undocumented: Evolution misbehaves without a name (it may even create an instance named "undefined")
            return failure(400, "The \"instanceName\" cannot be empty");
        }
        String token = Json.text(body, "token");
        String integration = Json.text(body, "integration");
        String number = Json.text(body, "number");
        if (BUSINESS.equals(integration) && (token == null || token.isEmpty())) {
            return failure(400, "token is required");
        }
        if (integration == null || !INTEGRATIONS.contains(integration)) {
            return failure(400, "Invalid integration");
        }
        if (BUSINESS.equals(integration) && (number == null || number.isEmpty())) {
            return failure(400, "number is required");
        }
        JsonNode webhook = body.get("webhook");
        if (webhook != null && webhook.isObject()) {
            JsonNode events = webhook.get("events");
            if (events == null || events.isNull()) {
                // Evolution reads events.length of the create's webhook, then removes the instance it saved
                return failure(400, "Cannot read properties of " + (events == null ? "undefined" : "null") + " (reading 'length')");
            }
            if (Json.text(webhook, "url") == null) {
                return failure(400, "Argument `url` is missing.");
            }
        }

        SimDevice d;
        try {
            d = sim.createDevice(gateway, name, null);
        } catch (IllegalArgumentException e) {
            return find(name) != null ? failure(403, "This name \"" + name + "\" is already in use.") : failure(400, e.getMessage());
        }
        d.key(token == null || token.isEmpty() ? UUID.randomUUID().toString().toUpperCase(Locale.ROOT) : token);
        d.attribute(INTEGRATION, integration);
        if (number != null && !number.isEmpty()) {
            d.attribute(NUMBER, number);
        }
        ObjectNode settings = settings(body);
        d.attribute(SETTINGS, Json.string(settings));
        if (webhook != null && webhook.isObject()) {
            ObjectNode given = webhook.deepCopy();
            given.put("enabled", true); // the create's webhook is always enabled
            d.atomically(x -> storeWebhook(x, given));
        }

        ObjectNode qrcode = null;
        if (!BAILEYS.equals(integration)) {
            if (number != null && !number.isEmpty()) {
                d.phone(number);
            }
            d.scan(); // the Cloud API and Evolution channels are open from the start
        } else if (body.path("qrcode").asBoolean(false)) {
            String digits = digits(number);
            qrcode = d.atomically(x -> newQr(x, digits)); // Evolution waits 5 s for it; the simulator has it at once
        }

        SimDevice.Snapshot s = d.snapshot();
        ObjectNode answer = object();
        ObjectNode instance = answer.putObject("instance");
        instance.put("instanceName", s.id()).put("instanceId", s.instanceId()).put("integration", integration);
        if (BUSINESS.equals(integration)) {
            instance.put("webhookWaBusiness", gatewayUrl() + "/webhook/meta").put("accessTokenWaBusiness", "evolution");
        } else {
            instance.putNull("webhookWaBusiness").put("accessTokenWaBusiness", "");
        }
        instance.put("status", state(s));
        answer.put("hash", s.key());
        ObjectNode hook = answer.putObject("webhook");
        if (webhook != null && webhook.isObject()) {
            copyIfPresent(webhook, "url", hook, "webhookUrl");
            copyIfPresent(webhook, "headers", hook, "webhookHeaders");
            copyIfPresent(webhook, "byEvents", hook, "webhookByEvents");
            copyIfPresent(webhook, "base64", hook, "webhookBase64");
        }
        for (String channel : new String[] {"websocket", "rabbitmq", "nats", "sqs"}) {
            ObjectNode c = answer.putObject(channel);
            JsonNode given = body.get(channel);
            if (given != null && given.isObject()) {
                copyIfPresent(given, "enabled", c, "enabled");
            }
        }
        answer.set("settings", settings);
        if (qrcode != null) {
            answer.set("qrcode", qrcode);
        }
        return json(201, answer);
    }

    /** The instance schema's checks that matter here, with its messages (jsonschema's, {@code instance.} removed). */
    private static List<String> validateCreate(ObjectNode body) {
        List<String> invalid = new ArrayList<>();
        typed(body, "instanceName", "string", invalid);
        typed(body, "token", "string", invalid);
        JsonNode number = body.get("number");
        if (number != null && !number.isTextual()) {
            invalid.add("number is not of a type(s) string");
        } else if (number != null && !NUMBER_REGEX.matcher(number.asText()).find()) {
            invalid.add("number does not match pattern " + Json.string(TextNode.valueOf(NUMBER_PATTERN)));
        }
        typed(body, "businessId", "string", invalid);
        typed(body, "qrcode", "boolean", invalid);
        for (String flag : new String[] {"rejectCall", "groupsIgnore", "alwaysOnline", "readMessages", "readStatus", "syncFullHistory"}) {
            typed(body, flag, "boolean", invalid);
        }
        typed(body, "msgCall", "string", invalid);
        typed(body, "wavoipToken", "string", invalid);
        JsonNode name = body.get("instanceName");
        if (name != null && name.isTextual() && name.asText().isEmpty()) {
            invalid.add("The \"instanceName\" cannot be empty");
        }
        return invalid;
    }

    private static void typed(JsonNode object, String field, String type, List<String> invalid) {
        typed(object, field, field, type, invalid);
    }

    private static void typed(JsonNode object, String field, String path, String type, List<String> invalid) {
        JsonNode v = object.get(field);
        if (v == null) {
            return;
        }
        boolean ok = switch (type) {
            case "string" -> v.isTextual();
            case "boolean" -> v.isBoolean();
            case "object" -> v.isObject();
            case "array" -> v.isArray();
            default -> throw new IllegalArgumentException(type);
        };
        if (!ok) {
            invalid.add(path + " is not of a type(s) " + type);
        }
    }

    /** The create's settings, as Evolution stores them ({@code === true}, {@code || ''}). */
    private static ObjectNode settings(ObjectNode body) {
        ObjectNode s = object();
        s.put("rejectCall", body.path("rejectCall").isBoolean() && body.get("rejectCall").asBoolean());
        String msgCall = Json.text(body, "msgCall");
        s.put("msgCall", msgCall == null ? "" : msgCall);
        for (String flag : new String[] {"groupsIgnore", "alwaysOnline", "readMessages", "readStatus", "syncFullHistory"}) {
            s.put(flag, body.path(flag).isBoolean() && body.get(flag).asBoolean());
        }
        String wavoip = Json.text(body, "wavoipToken");
        s.put("wavoipToken", wavoip == null ? "" : wavoip);
        return s;
    }

    private static void copyIfPresent(JsonNode from, String field, ObjectNode to, String as) {
        if (from.has(field)) {
            to.set(as, from.get(field).deepCopy());
        }
    }

    /**
     * {@code open}: the state; {@code connecting}: the current QR object; {@code close}: a new QR code (with a pairing
     * code when {@code ?number=} is given), or, for a session kept by {@link #closeKeepingSession}, the reconnection
     * without one.
     */
    private SimResponse connect(ApiRequest r, SimDevice d) {
        String number = digits(r.query("number"));
        return ok(d.atomically(x -> {
            SimDevice.Snapshot s = x.snapshot();
            return switch (s.state()) {
                case CONNECTED -> connectionState(s.id(), "open");
                case AWAITING_SCAN -> pending(s) ? newQr(x, x.attribute(PAIRING_NUMBER)) : qrObject(s);
                case SUSPENDED -> noQr(qrCount(s)); // the socket is refused at once: no QR code comes
                case DELETED -> throw new IllegalStateException(x + " was deleted");
                case NEW, DISCONNECTED, EXPIRED -> {
                    if (SESSION_SAVED.equals(s.stateDetail())) {
                        x.scan(); // restored from the saved session
                        yield noQr(qrCount(s));
                    }
                    if (qrDelayed) {
                        keepDisconnection(x, s);
                        x.attribute(QR_PENDING, QR_PENDING_NEXT);
                        x.awaitScan(); // the socket is open, the QR code has not come yet
                        x.attribute(QR_PENDING, x.currentQrToken());
                        x.attribute(PAIRING_NUMBER, number);
                        yield noQr(qrCount(s));
                    }
                    yield newQr(x, number);
                }
            };
        }));
    }

    /**
     * Restart: {@code close} is an error Evolution answers 200 {@code {"error":true,"message":"[object Object]"}} (#992);
     * {@code open} reconnects with the saved session; {@code connecting} opens a new socket, so a new QR code comes.
     */
    private SimResponse restart(ApiRequest r, SimDevice d) {
        return ok(d.atomically(x -> {
            SimDevice.Snapshot s = x.snapshot();
            return switch (state(s)) {
                case "open" -> connectionState(s.id(), "open");
                case "connecting" -> newQr(x, x.attribute(PAIRING_NUMBER));
                default -> object().put("error", true).put("message", NOT_CONNECTED_MESSAGE);
            };
        }));
    }

    private SimResponse logout(ApiRequest r, SimDevice d) {
        boolean loggedOut = d.atomically(x -> logOut(x));
        if (!loggedOut) {
            return failure(400, "The \"" + d.id() + "\" instance is not connected");
        }
        return ok(success("Instance logged out"));
    }

    /** Logs out an open or connecting instance (false if it is close): the session is gone, the database says 401. */
    private static boolean logOut(SimDevice x) {
        SimDevice.Snapshot s = x.snapshot();
        if ("close".equals(state(s))) {
            return false;
        }
        x.changeState(s.everConnected() ? SimState.DISCONNECTED : SimState.NEW, LOGGED_OUT);
        x.attribute(DISCONNECTION, disconnection(401, Instant.now(), "Intentional Logout"));
        x.attribute(PAIRING_QR, null);
        x.attribute(PAIRING_NUMBER, null);
        x.attribute(QR_PENDING, null);
        return true;
    }

    private SimResponse delete(ApiRequest r, SimDevice d) {
        d.atomically(x -> logOut(x)); // Evolution logs a connecting or open instance out first
        d.delete();
        return ok(success("Instance deleted"));
    }

    private static ObjectNode success(String message) {
        ObjectNode o = object().put("status", "SUCCESS").put("error", false);
        o.putObject("response").put("message", message);
        return o;
    }

    private static ObjectNode connectionState(String name, String state) {
        ObjectNode o = object();
        o.putObject("instance").put("instanceName", name).put("state", state);
        return o;
    }

    private SimResponse fetchInstances(ApiRequest r) {
        String key = r.header("apikey");
        String name = blankToNull(r.query("instanceName"));
        String instanceId = blankToNull(r.query("instanceId"));
        String number = blankToNull(r.query("number"));
        List<SimDevice> all = registry().list();
        List<SimDevice> listed;
        if (!SimulatorCredentials.API_KEY.equals(key)) {
            // an instance token lists its own instances, filtered by name and id
            listed = all.stream().filter(d -> key != null && key.equals(d.key())).filter(d -> name == null || name.equals(d.id()))
                    .filter(d -> instanceId == null || instanceId.equals(d.instanceId())).toList();
            if (listed.isEmpty()) {
                return authRefusal(r);
            }
        } else if (instanceId != null || number != null) {
            String wanted = instanceId != null ? instanceId : number;
            listed = all.stream().filter(d -> instanceId != null ? instanceId.equals(d.instanceId()) : number.equals(d.attribute(NUMBER)))
                    .limit(1).toList();
            if (listed.isEmpty()) {
                return failure(404, "Instance \"" + wanted + "\" not found");
            }
        } else if (name != null) {
            SimDevice d = find(name);
            if (d == null) {
                return failure(404, "Instance \"" + name + "\" not found");
            }
            listed = List.of(d);
        } else {
            listed = all;
        }
        ArrayNode rows = Json.array();
        listed.forEach(d -> rows.add(row(d.snapshot())));
        return ok(rows);
    }

    // ------------------------------------------------------------------ webhook routes

    private SimResponse setWebhook(ApiRequest r, SimDevice d) {
        List<String> invalid = validateWebhook(r.json());
        if (!invalid.isEmpty()) {
            return failure(400, invalid.toArray(String[]::new));
        }
        ObjectNode given = (ObjectNode) r.json().get("webhook");
        JsonNode events = given.get("events");
        if (given.get("enabled").asBoolean() && (events == null || events.isNull())) {
            // Evolution reads data.webhook.events.length
            return scriptError(500, "Cannot read properties of " + (events == null ? "undefined" : "null") + " (reading 'length')");
        }
        return json(201, d.atomically(x -> storeWebhook(x, given)));
    }

    private SimResponse findWebhook(ApiRequest r, SimDevice d) {
        String stored = d.attribute(WEBHOOK);
        return ok(stored == null ? JsonNodeFactory.instance.nullNode() : parse(stored));
    }

    /** The webhook schema's checks (jsonschema's messages, {@code instance.} removed). */
    private static List<String> validateWebhook(ObjectNode body) {
        List<String> invalid = new ArrayList<>();
        JsonNode w = body.get("webhook");
        if (w == null) {
            invalid.add("instance requires property \"webhook\"");
            return invalid;
        }
        if (!w.isObject()) {
            invalid.add("webhook is not of a type(s) object");
            return invalid;
        }
        typed(w, "enabled", "webhook.enabled", "boolean", invalid);
        typed(w, "url", "webhook.url", "string", invalid);
        typed(w, "headers", "webhook.headers", "object", invalid);
        typed(w, "byEvents", "webhook.byEvents", "boolean", invalid);
        typed(w, "base64", "webhook.base64", "boolean", invalid);
        typed(w, "events", "webhook.events", "array", invalid);
        JsonNode events = w.get("events");
        if (events != null && events.isArray()) {
            for (int i = 0; i < events.size(); i++) {
                JsonNode e = events.get(i);
                if (!e.isTextual()) {
                    invalid.add("webhook.events[" + i + "] is not of a type(s) string");
                } else if (!EVENTS.contains(e.asText())) {
                    invalid.add("webhook.events[" + i + "] is not one of enum values: " + String.join(",", EVENTS));
                }
            }
        }
        for (String required : new String[] {"enabled", "url"}) {
            if (!w.has(required)) {
                invalid.add("webhook requires property \"" + required + "\"");
            }
        }
        if (w.path("url").isTextual() && w.get("url").asText().isEmpty()) {
            invalid.add("The \"url\" cannot be empty");
        }
        return invalid;
    }

    /**
     * Stores a webhook as Evolution's upsert does (disabled: no events; enabled without events: all events; a field not
     * given keeps its value) and answers the Webhook row.
     */
    private static ObjectNode storeWebhook(SimDevice x, ObjectNode given) {
        String stored = x.attribute(WEBHOOK);
        String now = DATE.format(Instant.now());
        ObjectNode row;
        if (stored == null) {
            row = object().put("id", cuid()).putNull("url").putNull("headers").put("enabled", true).putNull("events")
                    .put("webhookByEvents", false).put("webhookBase64", false).put("createdAt", now);
            row.put("updatedAt", now).put("instanceId", x.instanceId());
        } else {
            row = (ObjectNode) parse(stored);
        }
        boolean enabled = given.path("enabled").asBoolean(false);
        ArrayNode events = Json.array();
        if (enabled) {
            JsonNode listed = given.get("events");
            if (listed.isArray() && listed.isEmpty()) {
                EVENTS.forEach(events::add);
            } else if (listed.isArray()) {
                listed.forEach(events::add);
            }
        }
        if (given.has("url")) {
            row.set("url", given.get("url").deepCopy());
        }
        if (given.has("headers")) {
            row.set("headers", given.get("headers").deepCopy());
        }
        row.put("enabled", enabled);
        row.set("events", events);
        if (given.has("byEvents")) {
            row.set("webhookByEvents", given.get("byEvents").deepCopy());
        }
        if (given.has("base64")) {
            row.set("webhookBase64", given.get("base64").deepCopy());
        }
        row.put("updatedAt", now);
        x.attribute(WEBHOOK, Json.string(row));
        x.webhook(Json.text(row, "url"));
        return row;
    }

    // ------------------------------------------------------------------ callbacks

    /** One webhook delivery: the dotted event name, the subscription that enables it, the data. */
    private record Event(String name, String subscription, JsonNode data) {
    }

    @Override
    protected void onStateChange(SimDevice.Snapshot before, SimDevice.Snapshot after) {
        String stored = after.attribute(WEBHOOK);
        JsonNode hook = stored == null ? null : parse(stored);
        if (hook == null || !hook.path("enabled").asBoolean(false) || !hook.path("url").isTextual()
            || hook.get("url").asText().isEmpty()) {
            return;
        }
        List<Event> events = events(before, after);
        JsonNode subscribed = hook.path("events");
        for (Event e : events) {
            boolean wanted = false;
            for (JsonNode s : subscribed) {
                wanted |= e.subscription().equals(s.asText());
            }
            if (wanted) {
                postCallback(callback(after, hook, e));
            }
        }
    }

    /** What Evolution sends for the change, in its order. */
    private List<Event> events(SimDevice.Snapshot before, SimDevice.Snapshot after) {
        List<Event> events = new ArrayList<>();
        String was = state(before);
        switch (after.state()) {
            case DELETED -> events.add(new Event("remove.instance", "REMOVE_INSTANCE", NullNode.getInstance()));
            case AWAITING_SCAN -> {
                if (!"connecting".equals(was)) {
                    events.add(connectionUpdate(after, "connecting", 200));
                }
                boolean newQr = after.qrToken() != null && !after.qrToken().equals(before.qrToken())
                                && !QR_PENDING_NEXT.equals(after.attribute(QR_PENDING)) && !pending(after);
                if (newQr) {
                    ObjectNode qrcode = object();
                    qrcode.put("instance", after.id());
                    boolean paired = after.attribute(PAIRING_NUMBER) != null && after.pairingCode() != null;
                    qrcode.put("pairingCode", paired ? after.pairingCode().replace("-", "") : null);
                    qrcode.put("code", after.qrToken());
                    qrcode.put("base64", QrCodes.pngDataUri(after.qrToken()));
                    ObjectNode data = object();
                    data.set("qrcode", qrcode);
                    events.add(new Event("qrcode.updated", "QRCODE_UPDATED", data));
                }
            }
            case CONNECTED -> {
                if (!"open".equals(was)) {
                    events.add(connectionUpdate(after, "open", 200));
                }
            }
            case EXPIRED -> {
                events.add(new Event("qrcode.updated", "QRCODE_UPDATED",
                        object().put("message", "QR code limit reached, please login again").put("statusCode", 500)));
                events.add(connectionUpdate(after, "refused", 428));
            }
            case NEW, DISCONNECTED, SUSPENDED -> {
                if (!"close".equals(was) && !SESSION_SAVED.equals(after.stateDetail())) {
                    // 401 (logged out) and 403 (forbidden): Evolution does not reconnect, it logs the instance out
                    events.add(new Event("logout.instance", "LOGOUT_INSTANCE", NullNode.getInstance()));
                    events.add(connectionUpdate(after, "close", after.state() == SimState.SUSPENDED ? 403 : 401));
                }
            }
        }
        return events;
    }

    private static Event connectionUpdate(SimDevice.Snapshot s, String state, int statusReason) {
        ObjectNode data = object().put("instance", s.id());
        if ("open".equals(state) || "refused".equals(state)) {
            data.put("wuid", wuid(s)).put("profileName", s.name());
            if ("open".equals(state)) {
                data.putNull("profilePictureUrl");
            }
        }
        data.put("state", state).put("statusReason", statusReason);
        return new Event("connection.update", "CONNECTION_UPDATE", data);
    }

    private static String wuid(SimDevice.Snapshot s) {
        return s.phone() == null ? null : s.phone() + "@s.whatsapp.net";
    }

    /** The delivery of one event to the webhook: Evolution's envelope, the webhook's headers, its JWT, the retries. */
    private CallbackRequest callback(SimDevice.Snapshot s, JsonNode hook, Event e) {
        String url = hook.get("url").asText();
        ObjectNode body = object();
        body.put("event", e.name());
        body.put("instance", s.id());
        body.set("data", e.data());
        body.put("destination", url);
        body.put("date_time", DATE.format(Instant.now()));
        body.put("sender", wuid(s));
        body.put("server_url", gatewayUrl());
        body.put("apikey", s.key());
        CallbackRequest request = CallbackRequest.json(s.id(), url, Json.string(body));
        JsonNode headers = hook.path("headers");
        if (headers.isObject()) {
            for (var it = headers.fields(); it.hasNext(); ) {
                var h = it.next();
                String value = h.getValue().isTextual() ? h.getValue().asText() : h.getValue().toString();
                if (h.getKey().equals("jwt_key")) {
                    request = request.withHeader("Authorization", "Bearer " + jwt(value, Instant.now().getEpochSecond()));
                } else {
                    request = request.withHeader(h.getKey(), value);
                }
            }
        }
        return retried(request);
    }

    /** The callback with Evolution's retry policy: 10 attempts, 5 s doubling up to 300 s, no retry on 400/401/403/404/422. */
    static CallbackRequest retried(CallbackRequest request) {
        return request.retried(WEBHOOK_ATTEMPTS, WEBHOOK_RETRY_DELAY, WEBHOOK_RETRY_BACKOFF, WEBHOOK_RETRY_MAX_DELAY,
                WEBHOOK_NO_RETRY_STATUSES, CallbackRequest.Acknowledgement.ANY_2XX);
    }

    /** Evolution's webhook JWT: HS256 with the key, header {@code {"alg":"HS256","typ":"JWT"}}, claims {@code {"iat","exp"}}. */
    static String jwt(String key, long iat) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = b64.encodeToString(("{\"iat\":" + iat + ",\"exp\":" + (iat + JWT_LIFETIME_SECONDS) + "}")
                .getBytes(StandardCharsets.UTF_8));
        String signed = header + "." + claims;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return signed + "." + b64.encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException("HmacSHA256 is not available", ex);
        }
    }

    // ------------------------------------------------------------------ QR codes

    /**
     * A new QR code for the instance (Evolution's {@code qr} event), with a pairing code when a number is given; at the
     * limit the QR code is refused instead: the instance is logged out ({@code close}) and its count starts again.
     * Called holding the device.
     */
    private ObjectNode newQr(SimDevice x, String number) {
        SimDevice.Snapshot s = x.snapshot();
        keepDisconnection(x, s);
        int count = qrCount(s);
        x.attribute(QR_PENDING, null);
        if (count >= qrcodeLimit) {
            x.changeState(SimState.EXPIRED, QR_LIMIT);
            x.attribute(QR_COUNT, "0");
            x.attribute(PAIRING_QR, null);
            x.attribute(PAIRING_NUMBER, null);
            return noQr(0);
        }
        x.attribute(QR_COUNT, String.valueOf(count + 1));
        boolean pairing = number != null && !number.isEmpty();
        // the pairing code before the QR code: the qrcode.updated callback of the new QR code carries it
        x.attribute(PAIRING_NUMBER, pairing ? number : null);
        if (pairing) {
            x.issuePairingCode();
        }
        String token = x.issueQr();
        x.attribute(PAIRING_QR, pairing ? token : null);
        return qrObject(x.snapshot());
    }

    /** {@code {"pairingCode":...,"code":"<QR text>","base64":"data:image/png;base64,...","count":N}}. */
    private static ObjectNode qrObject(SimDevice.Snapshot s) {
        ObjectNode o = object();
        boolean paired = s.pairingCode() != null && s.qrToken() != null && s.qrToken().equals(s.attribute(PAIRING_QR));
        o.put("pairingCode", paired ? s.pairingCode().replace("-", "") : null);
        o.put("code", s.qrToken());
        o.put("base64", QrCodes.pngDataUri(s.qrToken()));
        o.put("count", Math.max(1, rawQrCount(s)));
        return o;
    }

    /** The QR object before any QR code of this connection has come: {@code {"count":N}}. */
    private static ObjectNode noQr(int count) {
        return object().put("count", count);
    }

    /** Whether the instance's QR code has not come yet ({@link #qrDelayed(boolean)}). */
    private static boolean pending(SimDevice.Snapshot s) {
        return s.qrToken() != null && s.qrToken().equals(s.attribute(QR_PENDING));
    }

    private static int rawQrCount(SimDevice.Snapshot s) {
        String v = s.attribute(QR_COUNT);
        return v == null ? 0 : Integer.parseInt(v);
    }

    private static int qrCount(SimDevice.Snapshot s) {
        return s.state() == SimState.AWAITING_SCAN && !pending(s) ? Math.max(1, rawQrCount(s)) : rawQrCount(s);
    }

    // ------------------------------------------------------------------ states and rows

    /** The instance's state in memory ({@code connectionState}, {@code connect}): {@code open}, {@code connecting}, {@code close}. */
    static String state(SimDevice.Snapshot s) {
        return switch (s.state()) {
            case CONNECTED -> "open";
            case AWAITING_SCAN -> "connecting";
            case NEW, DISCONNECTED, EXPIRED, SUSPENDED, DELETED -> "close";
        };
    }

    /** The database's {@code connectionStatus}: the state, except that it becomes {@code connecting} only when a QR code comes. */
    static String connectionStatus(SimDevice.Snapshot s) {
        return pending(s) ? "close" : state(s);
    }

    /**
     * The last close written to the database: kept in an attribute by the API (logout), or, for a device the simulator
     * moved to DISCONNECTED (the phone unlinked it: 401) or SUSPENDED (403) without the API, derived from the state.
     */
    private static JsonNode disconnection(SimDevice.Snapshot s) {
        if (s.stateDetail() == null && s.state() == SimState.DISCONNECTED) {
            return parse(disconnection(401, s.updatedAt(), "Stream Errored (conflict)"));
        }
        if (s.stateDetail() == null && s.state() == SimState.SUSPENDED) {
            return parse(disconnection(403, s.updatedAt(), "Connection Failure"));
        }
        String stored = s.attribute(DISCONNECTION);
        return stored == null ? null : parse(stored);
    }

    /** Keeps a derived close in the attribute before the API moves the device out of that state (the database keeps it). */
    private static void keepDisconnection(SimDevice x, SimDevice.Snapshot s) {
        if (s.stateDetail() == null && (s.state() == SimState.DISCONNECTED || s.state() == SimState.SUSPENDED)) {
            x.attribute(DISCONNECTION, Json.string(disconnection(s)));
        }
    }

    private static String disconnection(int code, Instant at, String message) {
        return Json.string(object().put("code", code).put("at", DATE.format(at.truncatedTo(ChronoUnit.MILLIS))).put("message", message));
    }

    /** A fetchInstances row: the Instance table's columns, then the included relations and counts, as Prisma gives them. */
    private static ObjectNode row(SimDevice.Snapshot s) {
        String integration = s.attribute(INTEGRATION) == null ? BAILEYS : s.attribute(INTEGRATION);
        boolean paired = s.everConnected() && BAILEYS.equals(integration);
        JsonNode closed = disconnection(s);
        ObjectNode o = object();
        o.put("id", s.instanceId());
        o.put("name", s.id());
        o.put("connectionStatus", connectionStatus(s));
        o.put("ownerJid", paired && s.phone() != null ? s.phone() + "@s.whatsapp.net" : null);
        o.put("profileName", paired ? s.name() : null);
        o.putNull("profilePicUrl");
        o.put("integration", integration);
        o.put("number", s.attribute(NUMBER));
        o.putNull("businessId");
        o.put("token", s.key());
        o.put("clientName", "evolution");
        if (closed == null) {
            o.putNull("disconnectionReasonCode").putNull("disconnectionObject").putNull("disconnectionAt");
        } else {
            int code = closed.get("code").asInt();
            String at = closed.get("at").asText();
            ObjectNode payload = object().put("statusCode", code).put("error", reason(code)).put("message", closed.get("message").asText());
            ObjectNode error = object().putNull("data").put("isBoom", true).put("isServer", false);
            error.putObject("output").put("statusCode", code).<ObjectNode>set("payload", payload).putObject("headers");
            ObjectNode last = object();
            last.set("error", error);
            last.put("date", at);
            o.put("disconnectionReasonCode", code).put("disconnectionObject", Json.string(last)).put("disconnectionAt", at);
        }
        o.put("createdAt", DATE.format(s.createdAt()));
        o.put("updatedAt", DATE.format(s.updatedAt()));
        for (String relation : new String[] {"Chatwoot", "Proxy", "Rabbitmq", "Nats", "Sqs", "Websocket"}) {
            o.putNull(relation);
        }
        ObjectNode setting = object().put("id", "c" + s.instanceId().replace("-", "").substring(0, 24));
        String stored = s.attribute(SETTINGS);
        setting.setAll(stored == null ? settings(object()) : (ObjectNode) parse(stored));
        setting.put("createdAt", DATE.format(s.createdAt())).put("updatedAt", DATE.format(s.createdAt())).put("instanceId", s.instanceId());
        o.set("Setting", setting);
        o.putObject("_count").put("Message", 0).put("Contact", 0).put("Chat", 0);
        return o;
    }

    // ------------------------------------------------------------------ small things

    private static String digits(String number) {
        if (number == null) {
            return null;
        }
        String digits = number.replaceAll("[^0-9]", "");
        return digits.isEmpty() ? null : digits;
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /** An id in the form of Prisma's {@code cuid()}. */
    private static String cuid() {
        StringBuilder sb = new StringBuilder("c");
        String alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";
        for (int i = 0; i < 24; i++) {
            sb.append(alphabet.charAt(ThreadLocalRandom.current().nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    private static JsonNode parse(String json) {
        try {
            return Json.parse(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored evolution attribute is not JSON: " + json, e);
        }
    }
}
