package io.whatsdev.simulator.wassly;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.whatsdev.simulator.ApiRequest;
import io.whatsdev.simulator.Gateway;
import io.whatsdev.simulator.GatewayApi;
import io.whatsdev.simulator.GatewaySimulator;
import io.whatsdev.simulator.Json;
import io.whatsdev.simulator.SimDevice;
import io.whatsdev.simulator.SimResponse;
import io.whatsdev.simulator.SimState;
import io.whatsdev.simulator.SimulatorCredentials;

/**
 * Wassly, base {@code /wassly/api}: {@code POST /login} (header {@code apikey}, e-mail and password) issues the Bearer
 * token that {@code GET /whatsapp-web-devices} needs besides the {@code apikey}. Failures are
 * {@code {"success":false,"message":...}}. {@link #revokeTokens()} makes the issued tokens invalid.
 */
public final class WasslyApi extends GatewayApi {

    private final Set<String> tokens = ConcurrentHashMap.newKeySet();
    private final AtomicInteger logins = new AtomicInteger();

    WasslyApi(GatewaySimulator sim, Gateway gateway) {
        super(sim, gateway);
        route("POST", "login", this::login);
        route("GET", "whatsapp-web-devices", this::devices);
    }

    @Override
    protected void reset() {
        tokens.clear();
        logins.set(0);
    }

    /**
     * Invalidates every token issued by a login, so the next device call with one gets 401 (the fixed
     * {@link SimulatorCredentials#TOKEN} stays valid).
     */
    public void revokeTokens() {
        tokens.clear();
    }

    @Override
    protected boolean authenticated(ApiRequest r) {
        if (!SimulatorCredentials.API_KEY.equals(r.header("apikey"))) {
            return false;
        }
        if (r.segments().equals(List.of("login"))) {
            return true; // the login carries the e-mail and password instead of a token
        }
        String auth = r.header("authorization");
        if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        String token = auth.substring(7).trim();
        return SimulatorCredentials.TOKEN.equals(token) || tokens.contains(token);
    }

    @Override
    protected SimResponse authRefusal(ApiRequest r) {
        return error(401, "Unauthenticated");
    }

    @Override
    protected ObjectNode errorBody(int status, String message) {
        return object().put("success", false).put("message", message);
    }

    private SimResponse login(ApiRequest r) {
        if (!SimulatorCredentials.USERNAME.equals(r.field("email")) || !SimulatorCredentials.PASSWORD.equals(r.field("password"))) {
            return error(401, "Invalid credentials");
        }
        String token = "wassly-token-" + logins.incrementAndGet();
        tokens.add(token);
        ObjectNode body = object().put("success", true).put("message", "Login Successfully");
        body.putObject("data").put("id", 1).put("name", "Demo").put("email", SimulatorCredentials.USERNAME).put("token", token);
        return ok(body);
    }

    private SimResponse devices(ApiRequest r) {
        ArrayNode devices = Json.array();
        for (SimDevice d : registry().list()) {
            SimDevice.Snapshot s = d.snapshot();
            devices.addObject().put("id", s.id()).put("name", s.name()).put("status", status(s.state()))
                    .put("lastActive", DateTimeFormatter.ISO_INSTANT.format(s.updatedAt())).put("instance_id", s.instanceId());
        }
        ObjectNode body = object().put("success", true);
        body.set("devices", devices);
        return ok(body);
    }

    static String status(SimState state) {
        return switch (state) {
            case CONNECTED -> "connected";
            case SUSPENDED -> "suspended";
            default -> "disconnected";
        };
    }
}
