package io.whatsdev.examples.customgateway.sim;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.whatsdev.simulator.ApiRequest;
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
 * Tinygate's API on the simulator, as its (made-up) docs say: header {@code X-Tinygate-Key}, {@code GET /phones},
 * {@code GET /phones/{id}}, {@code POST /phones/{id}/qr}; failures {@code {"error":"..."}}.
 */
final class TinygateApi extends GatewayApi {

    TinygateApi(GatewaySimulator sim, Gateway gateway) {
        super(sim, gateway);
        route("GET", "phones", this::list);
        route("GET", "phones/{id}", this::phone);
        route("POST", "phones/{id}/qr", this::qr);
    }

    @Override
    protected boolean authenticated(ApiRequest r) {
        return SimulatorCredentials.API_KEY.equals(r.header("x-tinygate-key"));
    }

    @Override
    protected SimResponse authRefusal(ApiRequest r) {
        return error(401, "unknown key");
    }

    @Override
    protected ObjectNode errorBody(int status, String message) {
        return object().put("error", message);
    }

    private SimResponse list(ApiRequest r) {
        ObjectNode body = object();
        ArrayNode phones = body.putArray("phones");
        for (SimDevice d : registry().list()) {
            if (d.state() != SimState.DELETED) {
                phones.add(phone(d.snapshot()));
            }
        }
        return ok(body);
    }

    private SimResponse phone(ApiRequest r) {
        SimDevice d = find(r.param("id"));
        if (d == null) {
            return error(404, "no phone " + r.param("id"));
        }
        ObjectNode body = object();
        body.set("phone", phone(d.snapshot()));
        return ok(body);
    }

    private SimResponse qr(ApiRequest r) {
        SimDevice d = find(r.param("id"));
        if (d == null) {
            return error(404, "no phone " + r.param("id"));
        }
        QrIssue issue = issueQr(d, SimState.CONNECTED, SimState.SUSPENDED);
        if (issue.token() == null) {
            return error(409, "phone " + d.id() + " is " + state(issue.state()));
        }
        return ok(object().put("qr", QrCodes.pngDataUri(issue.token())));
    }

    private static ObjectNode phone(SimDevice.Snapshot s) {
        ObjectNode p = Json.object().put("id", s.id()).put("label", s.name()).put("state", state(s.state()));
        return s.phone() == null ? p : p.put("number", s.phone());
    }

    /** Tinygate's word for the simulator's state. */
    static String state(SimState state) {
        return switch (state) {
            case CONNECTED -> "online";
            case AWAITING_SCAN -> "pairing";
            case NEW -> "booting";
            default -> "offline";
        };
    }
}
