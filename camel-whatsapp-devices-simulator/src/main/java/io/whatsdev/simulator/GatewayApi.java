package io.whatsdev.simulator;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One simulated gateway's API, as its {@link SimulatedGateway#createApi plug-in} makes it for a simulator. This class
 * does what all gateways share: routing, faults, authentication, error envelopes, device lookup. A subclass declares
 * its routes (relative to the gateway's base path) in its constructor and says how the gateway authenticates, refuses
 * credentials and shapes an error; it may declare switches ({@link #setting}) and clear run-time state on
 * {@link #reset()}.
 * <p>
 * A request is served in this order: public routes (QR pages and images: no faults, no credentials), then the gateway's
 * base path, the next fault, the credentials, and the route. An {@link ApiRequest.BadRequest} thrown by a route is
 * answered 400, any other exception 500, both in the gateway's {@link #errorBody error envelope}.
 * <p>
 * Called from the simulator's HTTP threads at once: a subclass keeps its own state thread safe.
 */
public abstract class GatewayApi {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayApi.class);

    static final String HTML_502 = "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>";
    static final String TRUNCATED_JSON = "{\"success\":true,\"data\":[{\"mobile\":";

    private static final Map<Integer, String> REASONS = Map.of(400, "Bad Request", 401, "Unauthorized", 403, "Forbidden", 404,
            "Not Found", 405, "Method Not Allowed", 429, "Too Many Requests", 500, "Internal Server Error", 502, "Bad Gateway", 503,
            "Service Unavailable");

    protected final GatewaySimulator sim;
    protected final Gateway gateway;
    /** The base path's segments below {@code /<gateway id>}, e.g. {@code [api, v1]}. */
    private final List<String> baseSegments;
    private final Router routes = new Router();
    private final Router publicRoutes = new Router();
    private final Map<String, Setting> settings = new LinkedHashMap<>();

    /** A switch: its current value as text, and how a text value changes it. */
    private record Setting(Supplier<Object> value, Consumer<String> change) {
    }

    protected GatewayApi(GatewaySimulator sim, Gateway gateway) {
        this.sim = sim;
        this.gateway = gateway;
        List<String> all = List.of(gateway.basePath().substring(1).split("/"));
        this.baseSegments = all.subList(1, all.size());
    }

    // ------------------------------------------------------------------ what a gateway says

    /** Whether the request carries the gateway's credentials. */
    protected abstract boolean authenticated(ApiRequest request);

    /** The gateway's refusal of missing or wrong credentials. */
    protected abstract SimResponse authRefusal(ApiRequest request);

    /** The gateway's error body for an HTTP-level failure (faults, unknown path, bad body). */
    protected abstract ObjectNode errorBody(int status, String message);

    /** Clears gateway-specific run-time state (tokens, counters) on {@link GatewaySimulator#reset()}; switches stay. */
    protected void reset() {
    }

    /**
     * A device of this gateway changed state ({@code before} and {@code after} its change; a new QR code is a change
     * too). Called under the device's lock in the order of its changes, so it must not wait: a gateway that calls back
     * builds its callback from the snapshots and {@link #postCallback posts} it. By default nothing is posted.
     */
    protected void onStateChange(SimDevice.Snapshot before, SimDevice.Snapshot after) {
    }

    /** Posts a callback (asynchronously, in order, with its retries); see {@link GatewaySimulator#callbacks(Gateway)}. */
    protected final void postCallback(CallbackRequest request) {
        sim.callbacks(gateway).post(request);
    }

    // ------------------------------------------------------------------ switches

    /**
     * Declares a switch of this gateway (in the constructor), so that it can be read and set by name:
     * {@link GatewaySimulator#settings(Gateway)}, {@link GatewaySimulator#setting(Gateway, String, String)} and
     * {@code /_admin/<gateway>/settings}. The subclass keeps the value (volatile: read by the HTTP threads) and usually
     * has a typed setter too.
     *
     * @param name   the switch's name, e.g. {@code deviceLimit}
     * @param value  its current value
     * @param change sets it from text; throws an {@link IllegalArgumentException} for a bad value (see
     *               {@link #intValue}, {@link #booleanValue})
     */
    protected final void setting(String name, Supplier<Object> value, Consumer<String> change) {
        settings.put(name, new Setting(value, change));
    }

    /** The switches and their current values as text, in declaration order. */
    public final Map<String, String> settings() {
        Map<String, String> out = new LinkedHashMap<>();
        settings.forEach((name, s) -> out.put(name, String.valueOf(s.value().get())));
        return Collections.unmodifiableMap(out);
    }

    /** Sets a switch from text; an {@link IllegalArgumentException} names the known switches or says what the value must be. */
    public final void setting(String name, String value) {
        Setting s = settings.get(name);
        if (s == null) {
            throw new IllegalArgumentException("unknown " + gateway.id() + " setting '" + name + "'; known: "
                                               + (settings.isEmpty() ? "none" : String.join(", ", settings.keySet())));
        }
        s.change().accept(value);
    }

    /** A whole number of at least {@code min}, for a switch's text value. */
    protected static int intValue(String name, String value, int min) {
        try {
            int n = Integer.parseInt(value == null ? "" : value.trim());
            if (n >= min) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException(name + " must be a whole number of at least " + min + ", was '" + value + "'");
    }

    /** {@code true} or {@code false}, for a switch's text value. */
    protected static boolean booleanValue(String name, String value) {
        if ("true".equalsIgnoreCase(value) || "false".equalsIgnoreCase(value)) {
            return Boolean.parseBoolean(value);
        }
        throw new IllegalArgumentException(name + " must be true or false, was '" + value + "'");
    }

    // ------------------------------------------------------------------ routes

    /**
     * A route below the gateway's base path; {@code pattern} like {@code devices/{id}/qr}, where {@code {id}} matches
     * one segment (read with {@link ApiRequest#param(String)}). Routes are tried in declaration order.
     */
    protected final void route(String method, String pattern, Router.Action action) {
        routes.add(method, pattern, action);
    }

    /** A route below {@code /<gateway id>}, served without credentials or faults (QR pages and images). */
    protected final void publicRoute(String method, String pattern, Router.Action action) {
        publicRoutes.add(method, pattern, action);
    }

    // ------------------------------------------------------------------ serving

    /** Serves a request whose path below {@code /<gateway id>} is {@code segments}. */
    final SimResponse handle(RecordedRequest recorded, List<String> segments) {
        ApiRequest request = new ApiRequest(recorded, segments);
        try {
            Router.Result pub = publicRoutes.dispatch(request);
            if (pub.outcome() == Router.Outcome.SERVED) {
                return pub.response();
            }
            if (segments.size() < baseSegments.size() || !segments.subList(0, baseSegments.size()).equals(baseSegments)) {
                return error(404, "Not Found");
            }
            ApiRequest below = request.below(baseSegments.size());
            Fault fault = sim.faults(gateway).take();
            if (fault != null) {
                SimResponse faulty = faultResponse(fault, below);
                if (faulty != null) {
                    return faulty;
                }
            }
            if (!authenticated(below)) {
                return authRefusal(below);
            }
            Router.Result result = routes.dispatch(below);
            return switch (result.outcome()) {
                case SERVED -> result.response();
                case WRONG_METHOD -> error(405, "Method Not Allowed");
                case NO_PATH -> error(404, "Not Found");
            };
        } catch (ApiRequest.BadRequest e) {
            return error(400, e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("[{}] {} {} failed", gateway.id(), recorded.method(), recorded.path(), e);
            return error(500, "Internal Server Error");
        }
    }

    private SimResponse faultResponse(Fault fault, ApiRequest request) {
        return switch (fault) {
            case HTTP_500 -> error(500, "Internal Server Error");
            case HTTP_503 -> error(503, "Service Unavailable");
            case RATE_LIMITED -> error(429, "Too Many Attempts.").withHeader("Retry-After", "7");
            case HTML_ERROR_PAGE -> SimResponse.text(502, SimResponse.HTML, HTML_502);
            case MALFORMED_JSON -> SimResponse.text(200, SimResponse.JSON, TRUNCATED_JSON);
            case AUTH_REVOKED -> authRefusal(request);
            case TIMEOUT -> {
                sleep(sim.faultDelayMillis());
                yield null; // then answer normally
            }
        };
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------ helpers for the gateways

    /** This gateway's devices on the simulator. */
    protected final DeviceRegistry registry() {
        return sim.registry(gateway);
    }

    /** The live device with this id, or null. */
    protected final SimDevice find(String id) {
        return registry().find(id);
    }

    /** The URL of this gateway's area on the simulator, e.g. {@code http://127.0.0.1:8099/whatspie}. */
    protected final String gatewayUrl() {
        return sim.rootUrl() + "/" + gateway.id();
    }

    /** The outcome of a QR call: the state the device was in, and the new token (null when refused). */
    protected record QrIssue(SimState state, String token) {
    }

    /** Issues a QR code to the device unless it is in one of the refused states; atomically. */
    protected static QrIssue issueQr(SimDevice device, SimState... refused) {
        return device.atomically(d -> {
            SimState state = d.state();
            return new QrIssue(state, Arrays.asList(refused).contains(state) ? null : d.issueQr());
        });
    }

    protected static SimResponse ok(JsonNode body) {
        return SimResponse.json(200, body);
    }

    protected static SimResponse json(int status, JsonNode body) {
        return SimResponse.json(status, body);
    }

    protected final SimResponse error(int status, String message) {
        return SimResponse.json(status, errorBody(status, message));
    }

    protected static String reason(int status) {
        return REASONS.getOrDefault(status, "Error");
    }

    protected static ObjectNode object() {
        return Json.object();
    }
}
