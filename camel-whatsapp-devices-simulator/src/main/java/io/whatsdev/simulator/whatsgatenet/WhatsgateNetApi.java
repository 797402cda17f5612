package io.whatsdev.simulator.whatsgatenet;

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
 * WhatsGate (whatsgate.net), base {@code /whatsgate-net/api}, header {@code Access-Token}; the device id is its phone
 * number. Failures are {@code {"success":false,"message":...}}, with HTTP 200 for the documented device errors.
 */
public final class WhatsgateNetApi extends GatewayApi {

    WhatsgateNetApi(GatewaySimulator sim, Gateway gateway) {
        super(sim, gateway);
        route("GET", "connect/{device}", this::connect);
        route("GET", "status/{device}", this::status);
        route("POST", "delete", this::delete);
        route("GET", "devices/status", this::list);
    }

    @Override
    protected boolean authenticated(ApiRequest r) {
        return SimulatorCredentials.TOKEN.equals(r.header("access-token"));
    }

    @Override
    protected SimResponse authRefusal(ApiRequest r) {
        return json(403, object().put("message", "invalid Access-Token"));
    }

    @Override
    protected ObjectNode errorBody(int status, String message) {
        return failure(message);
    }

    private static ObjectNode failure(String message) {
        return object().put("success", false).put("message", message);
    }

    private SimResponse connect(ApiRequest r) {
        SimDevice d = find(r.param("device"));
        if (d == null) {
            return ok(failure("device not found!"));
        }
        QrIssue issue = issueQr(d, SimState.CONNECTED);
        if (issue.token() == null) {
            return ok(failure("device is already connected"));
        }
        return ok(object().put("success", true).put("qrCode", QrCodes.pngDataUri(issue.token())));
    }

    private SimResponse status(ApiRequest r) {
        SimDevice d = find(r.param("device"));
        if (d == null) {
            return ok(failure("device not found!"));
        }
        return ok(object().put("success", true).put("message", word(d.state())));
    }

    private SimResponse delete(ApiRequest r) {
        SimDevice d = find(r.field("sender_device"));
        if (d == null) {
            return ok(failure("The selected sender device is invalid."));
        }
        d.delete();
        return ok(object().put("success", true).put("message", "Device deleted successfully"));
    }

    private SimResponse list(ApiRequest r) {
        ArrayNode data = Json.array();
        for (SimDevice d : registry().list()) {
            SimDevice.Snapshot s = d.snapshot();
            if (s.state() == SimState.DELETED) {
                continue;
            }
            data.addObject().put("mobile", s.id()).put("name", s.name()).put("instance", s.instanceId()).put("status", word(s.state()))
                    .put("connected", s.state() == SimState.CONNECTED);
        }
        ObjectNode body = object().put("success", true);
        body.set("data", data);
        return ok(body.put("total", data.size()));
    }

    /** The gateway's status word. */
    static String word(SimState state) {
        return switch (state) {
            case CONNECTED -> "connected";
            case DISCONNECTED -> "disconnected";
            case AWAITING_SCAN, EXPIRED -> "not connected";
            case NEW, SUSPENDED, DELETED -> "not initialized";
        };
    }
}
