package io.whatsdev.simulator.whatspie;

import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

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
 * Whatspie, base {@code /whatspie}, {@code Authorization: Bearer}, numeric device ids. Successes are
 * {@code {"status":200,"message":"OK","data":...}}, failures {@code {"code":...,"message":...,"error":...}}. QR images
 * for {@code response_type=url} are served at {@code /whatspie/qr-images/<token>.png} without credentials.
 * <p>
 * Switches: {@link #deviceLimit(int)} and {@link #createReturnsDevice(boolean)} (also by name: {@code deviceLimit},
 * {@code createReturnsDevice}).
 */
public final class WhatspieApi extends GatewayApi {

    /** How many devices {@code POST /devices} allows by default. */
    public static final int DEFAULT_DEVICE_LIMIT = 10;
    /** The device attribute that holds the package code. */
    static final String PACKAGE = "package";
    /** The package of a device that was not created with one. */
    static final String DEFAULT_PACKAGE = "STARTUP240K";

    /** The documented package codes and names. */
    static final Map<String, String> PACKAGES = new LinkedHashMap<>();

    static {
        PACKAGES.put("BETA", "Beta Tester");
        PACKAGES.put("STARTER60K", "Starter");
        PACKAGES.put("STARTUP240K", "Startup");
        PACKAGES.put("BUSINESS", "Business");
    }

    /** The first id given to a device created over the API (as in the documentation's example). */
    static final long FIRST_ID = 2076;

    private long nextId = FIRST_ID;
    private volatile int deviceLimit = DEFAULT_DEVICE_LIMIT;
    private volatile boolean createReturnsDevice = true;

    WhatspieApi(GatewaySimulator sim, Gateway gateway) {
        super(sim, gateway);
        route("POST", "devices", this::create);
        route("GET", "devices", this::list);
        route("GET", "devices/{id}", this::get);
        route("GET", "devices/{id}/qr", this::qr);
        publicRoute("GET", "qr-images/{file}", this::qrImage);
        setting("deviceLimit", this::deviceLimit, v -> deviceLimit(intValue("deviceLimit", v, 0)));
        setting("createReturnsDevice", this::createReturnsDevice, v -> createReturnsDevice(booleanValue("createReturnsDevice", v)));
    }

    @Override
    protected synchronized void reset() {
        nextId = FIRST_ID;
    }

    /** How many devices {@code POST /devices} allows before answering 403 "Device limit exceeded" (default 10). */
    public WhatspieApi deviceLimit(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("the device limit must not be negative");
        }
        this.deviceLimit = limit;
        return this;
    }

    public int deviceLimit() {
        return deviceLimit;
    }

    /**
     * Whether {@code POST /devices} answers the new device in {@code data} (default true); false answers
     * {@code {"status":200,"message":"OK"}} only (the documented success body is "TBA").
     */
    public WhatspieApi createReturnsDevice(boolean returnsDevice) {
        this.createReturnsDevice = returnsDevice;
        return this;
    }

    public boolean createReturnsDevice() {
        return createReturnsDevice;
    }

    @Override
    protected boolean authenticated(ApiRequest r) {
        String auth = r.header("authorization");
        return auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)
               && SimulatorCredentials.TOKEN.equals(auth.substring(7).trim());
    }

    @Override
    protected SimResponse authRefusal(ApiRequest r) {
        return error(401, "Unauthenticated");
    }

    @Override
    protected ObjectNode errorBody(int status, String message) {
        return object().put("code", status).put("message", message);
    }

    private SimResponse failure(int status, String message, String error) {
        return json(status, errorBody(status, message).put("error", error));
    }

    private static ObjectNode envelope() {
        return object().put("status", 200).put("message", "OK");
    }

    private SimResponse notFound(String id) {
        return failure(404, "Device not found", "Device with ID " + id + " does not exist");
    }

    private synchronized SimResponse create(ApiRequest r) {
        String pkg = r.field("package");
        if (pkg == null || !PACKAGES.containsKey(pkg)) {
            return failure(400, "Invalid package type", "Package '" + (pkg == null ? "" : pkg) + "' is not available");
        }
        if (registry().size() >= deviceLimit) {
            return failure(403, "Device limit exceeded", "Maximum number of devices reached for your plan");
        }
        while (registry().contains(String.valueOf(nextId))) {
            nextId++;
        }
        SimDevice d = sim.createDevice(gateway, String.valueOf(nextId++), r.field("name"));
        d.attribute(PACKAGE, pkg);
        ObjectNode body = envelope();
        if (createReturnsDevice) {
            body.set("data", device(d.snapshot()));
        }
        return ok(body);
    }

    private SimResponse list(ApiRequest r) {
        ArrayNode data = Json.array();
        registry().list().forEach(d -> data.add(device(d.snapshot())));
        ObjectNode body = envelope();
        body.set("data", data);
        return ok(body);
    }

    private SimResponse get(ApiRequest r) {
        SimDevice d = find(r.param("id"));
        if (d == null) {
            return notFound(r.param("id"));
        }
        ObjectNode body = envelope();
        body.set("data", device(d.snapshot()));
        return ok(body);
    }

    private SimResponse qr(ApiRequest r) {
        SimDevice d = find(r.param("id"));
        if (d == null) {
            return notFound(r.param("id"));
        }
        QrIssue issue = issueQr(d, SimState.CONNECTED, SimState.SUSPENDED);
        if (issue.state() == SimState.CONNECTED) {
            return ok(errorBody(200, "Device connected"));
        }
        if (issue.token() == null) {
            return error(500, "QR code generation failed");
        }
        String token = issue.token();
        String qr = "url".equalsIgnoreCase(r.query("response_type")) ? gatewayUrl() + "/qr-images/" + token + ".png"
                : QrCodes.pngDataUri(token);
        ObjectNode body = envelope();
        body.putObject("data").put("qr", qr);
        return ok(body);
    }

    /** The PNG of a QR token issued to a device and not yet used. */
    private SimResponse qrImage(ApiRequest r) {
        String file = r.param("file");
        String token = file.endsWith(".png") ? file.substring(0, file.length() - 4) : file;
        boolean current = registry().list().stream().anyMatch(d -> token.equals(d.currentQrToken()));
        if (!current) {
            return failure(404, "QR code not found", "The QR code expired or was never issued");
        }
        return SimResponse.bytes(200, SimResponse.PNG, QrCodes.png(token)).withHeader("Cache-Control", "no-store");
    }

    /** A device exactly as the documentation's example shows it. */
    private static ObjectNode device(SimDevice.Snapshot s) {
        ObjectNode d = object();
        d.put("id", Long.parseLong(s.id()));
        d.put("phone", s.phone());
        d.put("webhook_url", s.webhook());
        d.put("status", s.state() == SimState.SUSPENDED ? "INACTIVE" : "ACTIVE");
        d.put("version", "multidevice");
        d.put("paired_status", pairedStatus(s.state()));
        d.put("created_at", DateTimeFormatter.ISO_INSTANT.format(s.createdAt()));
        d.put("updated_at", DateTimeFormatter.ISO_INSTANT.format(s.updatedAt()));
        d.putObject("server").put("name", "ASIA (IDN1)").put("status", "ACTIVE");
        String pkg = s.attribute(PACKAGE) == null ? DEFAULT_PACKAGE : s.attribute(PACKAGE).toUpperCase(Locale.ROOT);
        d.putObject("package").put("code", pkg).put("name", PACKAGES.getOrDefault(pkg, pkg));
        d.putObject("subscription").put("quote_available", "-1").put("quote_used", "0");
        return d;
    }

    static String pairedStatus(SimState state) {
        return switch (state) {
            case CONNECTED -> "PAIRED";
            case EXPIRED -> "EXPIRED";
            case SUSPENDED -> "SUSPENDED";
            default -> "UNPAIRED";
        };
    }
}
