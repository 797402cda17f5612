package io.whatsdev.simulator.fakegate;

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

/**
 * The made-up gateway's API: {@code GET devices} and {@code POST devices/{id}/qr} with the header {@code X-Fake-Key};
 * answers {@code {"ok":true,...}}, failures {@code {"ok":false,"error":...}}. One switch, {@code listLimit}.
 */
public final class FakegateApi extends GatewayApi {

    static final String TIER = "tier";

    private volatile int listLimit = 100;

    FakegateApi(GatewaySimulator sim, Gateway gateway) {
        super(sim, gateway);
        route("GET", "devices", this::list);
        route("POST", "devices/{id}/qr", this::qr);
        setting("listLimit", () -> listLimit, v -> listLimit = intValue("listLimit", v, 0));
    }

    @Override
    protected boolean authenticated(ApiRequest request) {
        return FakegateSimulation.API_KEY.equals(request.header(FakegateSimulation.KEY_HEADER));
    }

    @Override
    protected SimResponse authRefusal(ApiRequest request) {
        return error(401, "bad key");
    }

    @Override
    protected ObjectNode errorBody(int status, String message) {
        return object().put("ok", false).put("error", message);
    }

    private SimResponse list(ApiRequest r) {
        ArrayNode devices = Json.array();
        registry().list().stream().limit(listLimit).map(SimDevice::snapshot).forEach(s -> devices.addObject().put("id", s.id())
                .put("name", s.name()).put("state", s.state().name()).put("tier", s.attribute(TIER)));
        ObjectNode body = object().put("ok", true);
        body.set("devices", devices);
        return ok(body);
    }

    private SimResponse qr(ApiRequest r) {
        SimDevice d = find(r.param("id"));
        if (d == null) {
            return error(404, "no device " + r.param("id"));
        }
        QrIssue issue = issueQr(d, SimState.CONNECTED);
        return issue.token() == null ? error(409, "already paired") : ok(object().put("ok", true).put("qr", QrCodes.pngDataUri(issue.token())));
    }
}
