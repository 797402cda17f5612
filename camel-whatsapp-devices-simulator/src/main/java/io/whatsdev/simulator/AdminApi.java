package io.whatsdev.simulator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The simulator's HTTP control surface below {@code /_admin}: health, devices and what happens to them, faults, the
 * gateways' switches, the request log, reset. Errors are {@code {"error":"..."}}. Never subject to faults or credentials.
 * Every registered gateway has the same resources, below {@code /_admin/<gateway id>}.
 */
final class AdminApi {

    /** The device actions, by their path name. */
    static final Map<String, UnaryOperator<SimDevice>> ACTIONS = new LinkedHashMap<>();

    static {
        ACTIONS.put("scan", SimDevice::scan);
        ACTIONS.put("unlink", SimDevice::unlink);
        ACTIONS.put("expire", SimDevice::expireQr);
        ACTIONS.put("suspend", SimDevice::suspend);
        ACTIONS.put("delete", SimDevice::delete);
        ACTIONS.put("await-scan", SimDevice::awaitScan);
    }

    static final List<String> ACTION_NAMES = List.copyOf(ACTIONS.keySet());

    /** A failure answered as {@code {"error":...}} with its status. */
    private static final class AdminError extends RuntimeException {
        final int status;
        final transient JsonNode extra;

        AdminError(int status, String message, JsonNode extra) {
            super(message, null, false, false);
            this.status = status;
            this.extra = extra;
        }
    }

    private final GatewaySimulator sim;
    private final Router router = new Router();

    AdminApi(GatewaySimulator sim) {
        this.sim = sim;
        router.add("GET", "health", r -> ok(Json.object().put("status", "UP")));
        router.add("POST", "reset", this::reset);
        router.add("GET", "{gateway}/devices", this::devices);
        router.add("POST", "{gateway}/devices", this::create);
        router.add("GET", "{gateway}/devices/{id}", r -> ok(json(device(r))));
        router.add("POST", "{gateway}/devices/{id}/{action}", this::action);
        router.add("POST", "{gateway}/faults", this::addFault);
        router.add("DELETE", "{gateway}/faults", this::clearFaults);
        router.add("GET", "{gateway}/requests", this::requests);
        router.add("GET", "{gateway}/settings", r -> ok(settings(gateway(r))));
        router.add("POST", "{gateway}/settings", this::changeSettings);
    }

    SimResponse handle(RecordedRequest recorded, List<String> segments) {
        try {
            Router.Result result = router.dispatch(new ApiRequest(recorded, segments));
            return switch (result.outcome()) {
                case SERVED -> result.response();
                case WRONG_METHOD -> error(405, "method " + recorded.method() + " not allowed on " + recorded.path(), null);
                case NO_PATH -> error(404, "no admin resource at " + recorded.path(), null);
            };
        } catch (AdminError e) {
            return error(e.status, e.getMessage(), e.extra);
        } catch (ApiRequest.BadRequest | IllegalArgumentException e) {
            return error(400, e.getMessage(), null);
        } catch (IllegalStateException e) {
            return error(409, e.getMessage(), null);
        }
    }

    private SimResponse reset(ApiRequest r) {
        sim.reset();
        return ok(Json.object().put("status", "reset"));
    }

    private SimResponse devices(ApiRequest r) {
        ArrayNode list = Json.array();
        sim.devices(gateway(r)).forEach(d -> list.add(json(d)));
        return ok(list);
    }

    private SimResponse create(ApiRequest r) {
        Gateway g = gateway(r);
        String id = r.field("id");
        if (id == null || id.isBlank()) {
            throw new AdminError(400, "id is required", null);
        }
        if (sim.registry(g).contains(id)) {
            throw new AdminError(409, g.id() + " device '" + id + "' already exists", null);
        }
        SimDevice d = sim.createDevice(g, id, r.field("name"));
        if (r.field("phone") != null) {
            d.phone(r.field("phone"));
        }
        if (r.field("key") != null) {
            d.key(r.field("key"));
        }
        return SimResponse.json(201, json(d));
    }

    private SimResponse action(ApiRequest r) {
        String name = r.param("action");
        UnaryOperator<SimDevice> action = ACTIONS.get(name);
        if (action == null) {
            ObjectNode extra = Json.object();
            extra.set("allowed", strings(ACTION_NAMES));
            throw new AdminError(400, "unknown action '" + name + "'; allowed: " + String.join(", ", ACTION_NAMES), extra);
        }
        return ok(json(action.apply(device(r))));
    }

    private SimResponse addFault(ApiRequest r) {
        Gateway g = gateway(r);
        String name = r.field("fault");
        List<String> allowed = Arrays.stream(Fault.values()).map(Fault::name).toList();
        if (name == null || !allowed.contains(name.toUpperCase(Locale.ROOT))) {
            ObjectNode extra = Json.object();
            extra.set("allowed", strings(allowed));
            throw new AdminError(400, "unknown fault '" + name + "'; allowed: " + String.join(", ", allowed), extra);
        }
        Fault fault = Fault.valueOf(name.toUpperCase(Locale.ROOT));
        ObjectNode answer = Json.object().put("gateway", g.id()).put("fault", fault.name());
        if (r.json().path("always").asBoolean(false)) {
            sim.faults(g).always(fault);
            answer.put("always", true);
        } else {
            int times = r.json().path("times").asInt(1);
            sim.faults(g).next(fault, times);
            answer.put("times", times);
        }
        return ok(answer.put("pending", sim.faults(g).pending()));
    }

    private SimResponse clearFaults(ApiRequest r) {
        Gateway g = gateway(r);
        sim.faults(g).clear();
        return ok(Json.object().put("gateway", g.id()).put("faults", "cleared"));
    }

    /** Sets the switches named in the body ({@code {"deviceLimit":3}}), all or none, and answers them all. */
    private SimResponse changeSettings(ApiRequest r) {
        Gateway g = gateway(r);
        Map<String, String> before = sim.settings(g);
        List<String> names = new ArrayList<>();
        r.json().fieldNames().forEachRemaining(names::add);
        try {
            names.forEach(name -> sim.setting(g, name, Json.text(r.json(), name)));
        } catch (IllegalArgumentException e) {
            before.forEach((name, value) -> sim.setting(g, name, value)); // a refused body changes nothing
            throw e;
        }
        return ok(settings(g));
    }

    private ObjectNode settings(Gateway g) {
        ObjectNode o = Json.object();
        sim.settings(g).forEach(o::put);
        return o;
    }

    private SimResponse requests(ApiRequest r) {
        ArrayNode list = Json.array();
        for (RecordedRequest q : sim.requests(gateway(r))) {
            ObjectNode o = list.addObject().put("method", q.method()).put("path", q.path()).put("query", q.query());
            o.set("headers", Json.MAPPER.valueToTree(q.headers()));
            o.put("body", q.body());
        }
        return ok(list);
    }

    private static Gateway gateway(ApiRequest r) {
        String id = r.param("gateway");
        return Gateway.find(id).orElseThrow(() -> {
            ObjectNode extra = Json.object();
            extra.set("gateways", strings(Gateway.ids()));
            return new AdminError(404, "unknown gateway '" + id + "'; known: " + String.join(", ", Gateway.ids()), extra);
        });
    }

    private SimDevice device(ApiRequest r) {
        Gateway g = gateway(r);
        SimDevice d = sim.registry(g).find(r.param("id"));
        if (d == null) {
            throw new AdminError(404, "no " + g.id() + " device '" + r.param("id") + "'", null);
        }
        return d;
    }

    /**
     * A device for the admin surface: id, name, phone, state, and stateDetail, key, qrToken, instanceId, webhook,
     * pairingCode, attributes where set.
     */
    static ObjectNode json(SimDevice device) {
        SimDevice.Snapshot s = device.snapshot();
        ObjectNode o = Json.object().put("gateway", s.gateway().id()).put("id", s.id()).put("name", s.name()).put("phone", s.phone())
                .put("state", s.state().name());
        putIfSet(o, "stateDetail", s.stateDetail());
        putIfSet(o, "key", s.key());
        putIfSet(o, "qrToken", s.qrToken());
        putIfSet(o, "instanceId", s.instanceId());
        putIfSet(o, "webhook", s.webhook());
        putIfSet(o, "pairingCode", s.pairingCode());
        if (!s.attributes().isEmpty()) {
            ObjectNode attributes = o.putObject("attributes");
            s.attributes().forEach(attributes::put);
        }
        return o;
    }

    private static void putIfSet(ObjectNode o, String field, String value) {
        if (value != null) {
            o.put(field, value);
        }
    }

    private static ArrayNode strings(List<String> values) {
        ArrayNode a = Json.array();
        values.forEach(a::add);
        return a;
    }

    private static SimResponse ok(JsonNode body) {
        return SimResponse.json(200, body);
    }

    private static SimResponse error(int status, String message, JsonNode extra) {
        ObjectNode body = Json.object().put("error", message);
        if (extra != null) {
            body.setAll((ObjectNode) extra);
        }
        return SimResponse.json(status, body);
    }
}
