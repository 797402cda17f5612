package io.whatsdev.simulator;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The five gateways' device APIs on one loopback port, with real QR codes, for tests and offline development. Each
 * gateway is served below {@code /<gateway id>} (see {@link #baseUrl(Gateway)}); {@code /_admin} is an HTTP control
 * surface mirroring this class's methods.
 * <p>
 * Devices are created and changed with {@link #createDevice(Gateway, String, String)} and the {@link SimDevice}
 * methods; faults are queued with {@link #faults(Gateway)}. Thread safe; state changes are visible to the next request.
 * <p>
 * Binds to 127.0.0.1 only.
 */
public final class GatewaySimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GatewaySimulator.class);

    public static final int DEFAULT_PORT = 8099;
    public static final long DEFAULT_FAULT_DELAY_MILLIS = 3000;
    public static final int DEFAULT_WHATSPIE_DEVICE_LIMIT = 10;
    private static final int HTTP_THREADS = 8;

    private final HttpServer server;
    private final ExecutorService httpExecutor;
    private final ScheduledExecutorService scheduler;
    private final Map<Gateway, DeviceRegistry> registries = new EnumMap<>(Gateway.class);
    private final Map<Gateway, FaultInjector> faults = new EnumMap<>(Gateway.class);
    private final Map<Gateway, ConcurrentLinkedQueue<RecordedRequest>> requests = new EnumMap<>(Gateway.class);
    private final Map<Gateway, GatewayApi> apis = new EnumMap<>(Gateway.class);
    private final WasslyApi wassly;
    private final AdminApi admin;
    private final String rootUrl;

    private volatile long faultDelayMillis = DEFAULT_FAULT_DELAY_MILLIS;
    private volatile Duration autoScanAfter;
    private volatile int whatspieDeviceLimit = DEFAULT_WHATSPIE_DEVICE_LIMIT;
    private volatile boolean whatspieCreateReturnsDevice = true;
    private volatile boolean witimeUseEnglishKeys;
    private volatile boolean closed;

    private GatewaySimulator(int port) {
        for (Gateway g : Gateway.values()) {
            registries.put(g, new DeviceRegistry());
            faults.put(g, new FaultInjector());
            requests.put(g, new ConcurrentLinkedQueue<>());
        }
        this.wassly = new WasslyApi(this);
        apis.put(Gateway.WHATSGATE_NET, new WhatsgateNetApi(this));
        apis.put(Gateway.WHATSPIE, new WhatspieApi(this));
        apis.put(Gateway.WASSLY, wassly);
        apis.put(Gateway.WHATSGATE_ORG, new WhatsgateOrgApi(this));
        apis.put(Gateway.WITIME, new WitimeApi(this));
        this.admin = new AdminApi(this);
        try {
            this.server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the simulator to 127.0.0.1:" + port, e);
        }
        this.httpExecutor = Executors.newFixedThreadPool(HTTP_THREADS, daemonThreads("whatsdev-sim-http"));
        this.scheduler = Executors.newSingleThreadScheduledExecutor(daemonThreads("whatsdev-sim-autoscan"));
        server.setExecutor(httpExecutor);
        server.createContext("/", this::serve);
        server.start();
        this.rootUrl = "http://127.0.0.1:" + server.getAddress().getPort();
        LOG.debug("gateway simulator listening on {}", rootUrl);
    }

    /** Starts a simulator on a free port of 127.0.0.1. */
    public static GatewaySimulator start() {
        return new GatewaySimulator(0);
    }

    /** Starts a simulator on this port of 127.0.0.1 (0: a free port). */
    public static GatewaySimulator start(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0-65535, was " + port);
        }
        return new GatewaySimulator(port);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
    public String rootUrl() {
        return rootUrl;
    }

    /** The gateway's base URL, to use in place of the real one, e.g. {@code http://127.0.0.1:8099/whatsgate-org/api/v1}. */
    public String baseUrl(Gateway gateway) {
        return rootUrl + gateway.basePath();
    }

    // ------------------------------------------------------------------ devices

    /**
     * A new device in state NEW. whatsgate-net ids are the phone number (digits) and whatspie ids are numeric; for witime
     * the id is the instance's WebID and the key is {@code "wk-" + id} in lower case (see {@link SimDevice#witimeKey(String)});
     * for whatsgate-org the id is the session's {@code unique_id}.
     *
     * @throws IllegalArgumentException if the id is blank, not of the gateway's form, or taken
     */
    public SimDevice createDevice(Gateway gateway, String id, String name) {
        Objects.requireNonNull(gateway, "gateway");
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a device id is required");
        }
        if ((gateway == Gateway.WHATSPIE || gateway == Gateway.WHATSGATE_NET) && !id.matches("[0-9]{1,18}")) {
            throw new IllegalArgumentException(gateway.id() + " device ids are " + (gateway == Gateway.WHATSPIE ? "numeric" : "phone numbers (digits)")
                                               + ", not '" + id + "'");
        }
        DeviceRegistry registry = registry(gateway);
        SimDevice device = new SimDevice(this, gateway, id, registry.nextNumber(), name);
        registry.add(device);
        return device;
    }

    /** The live device with this id; an {@link IllegalArgumentException} if there is none (or it was deleted). */
    public SimDevice device(Gateway gateway, String id) {
        SimDevice d = registry(gateway).find(id);
        if (d == null) {
            throw new IllegalArgumentException("no " + gateway.id() + " device '" + id + "'");
        }
        return d;
    }

    /** The gateway's live devices, in creation order. */
    public List<SimDevice> devices(Gateway gateway) {
        return Collections.unmodifiableList(registry(gateway).list());
    }

    /** The gateway's fault injector. */
    public FaultInjector faults(Gateway gateway) {
        return faults.get(Objects.requireNonNull(gateway, "gateway"));
    }

    /**
     * Removes all devices, faults, recorded requests and wassly login tokens, and restarts the id counters. Settings
     * ({@link #faultDelayMillis(long)}, {@link #autoScanAfter(Duration)}, the whatspie and witime switches) are kept.
     */
    public void reset() {
        for (Gateway g : Gateway.values()) {
            registries.get(g).clear();
            faults.get(g).clear();
            apis.get(g).reset();
        }
        clearRequests();
    }

    /** Every request received for the gateway (its API, QR pages and images), oldest first. */
    public List<RecordedRequest> requests(Gateway gateway) {
        return List.copyOf(requests.get(Objects.requireNonNull(gateway, "gateway")));
    }

    public void clearRequests() {
        requests.values().forEach(ConcurrentLinkedQueue::clear);
    }

    /**
     * Creates the demo devices (as {@code --seed} does): whatsgate-net 628111000001 (CONNECTED) and 628111000002 (NEW);
     * whatspie 2076 (NEW, UNPAIRED) and 5 (CONNECTED); wassly device_id_123 (CONNECTED); whatsgate-org session
     * 6345454545454 (READY); witime instance 6D6307C3-2973-4468-85FA-D047CB8E1F2E (CONNECTED) with key {@code wk-demo}.
     */
    public GatewaySimulator seedDemoDevices() {
        createDevice(Gateway.WHATSGATE_NET, "628111000001", "Support").scan();
        createDevice(Gateway.WHATSGATE_NET, "628111000002", "Sales");
        createDevice(Gateway.WHATSPIE, "2076", "Customer Service").phone("6289510154496");
        createDevice(Gateway.WHATSPIE, "5", "Basic Bot").phone("62895383079050").scan();
        createDevice(Gateway.WASSLY, "device_id_123", "Chrome on Windows").scan();
        createDevice(Gateway.WHATSGATE_ORG, "6345454545454", "My WhatsApp").phone("79999999999")
                .webhook("https://callback.my/script.handler").scan();
        createDevice(Gateway.WITIME, "6D6307C3-2973-4468-85FA-D047CB8E1F2E", "Atendimento Maria").phone("5511987654321")
                .witimeKey("wk-demo").scan();
        return this;
    }

    // ------------------------------------------------------------------ settings

    /** How long {@link Fault#TIMEOUT} waits before answering (default 3000 ms). */
    public GatewaySimulator faultDelayMillis(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("faultDelayMillis must not be negative");
        }
        this.faultDelayMillis = millis;
        return this;
    }

    /**
     * When set, a device that gets a QR code (or a pairing code) from a gateway call is paired automatically after this
     * delay, unless something else happened to it meanwhile. Null or zero turns it off (the default).
     */
    public GatewaySimulator autoScanAfter(Duration delay) {
        this.autoScanAfter = delay == null || delay.isZero() || delay.isNegative() ? null : delay;
        return this;
    }

    /** How many whatspie devices {@code POST /devices} allows before answering 403 "Device limit exceeded" (default 10). */
    public GatewaySimulator whatspieDeviceLimit(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("the device limit must not be negative");
        }
        this.whatspieDeviceLimit = limit;
        return this;
    }

    /**
     * Whether whatspie's {@code POST /devices} answers the new device in {@code data} (default true); false answers
     * {@code {"status":200,"message":"OK"}} only (the documented success body is "TBA").
     */
    public GatewaySimulator whatspieCreateReturnsDevice(boolean returnsDevice) {
        this.whatspieCreateReturnsDevice = returnsDevice;
        return this;
    }

    /** Whether witime answers {@code success} instead of the Portuguese {@code sucesso} (default false). */
    public GatewaySimulator witimeUseEnglishKeys(boolean english) {
        this.witimeUseEnglishKeys = english;
        return this;
    }

    /** Invalidates every wassly token issued by a login, so the next device call gets 401 (the fixed {@code sim-token} stays valid). */
    public void revokeWasslyTokens() {
        wassly.revokeTokens();
    }

    long faultDelayMillis() {
        return faultDelayMillis;
    }

    int whatspieDeviceLimit() {
        return whatspieDeviceLimit;
    }

    boolean whatspieCreateReturnsDevice() {
        return whatspieCreateReturnsDevice;
    }

    boolean witimeUseEnglishKeys() {
        return witimeUseEnglishKeys;
    }

    // ------------------------------------------------------------------ for the devices and APIs

    DeviceRegistry registry(Gateway gateway) {
        return registries.get(Objects.requireNonNull(gateway, "gateway"));
    }

    void deleted(SimDevice device) {
        registry(device.gateway()).deleted(device, device.gateway() == Gateway.WHATSGATE_ORG);
    }

    /** A QR token or pairing code was issued: schedules the auto-pairing, if on. */
    void pairingIssued(SimDevice device, String issued) {
        Duration delay = autoScanAfter;
        if (delay != null && !closed) {
            scheduler.schedule(() -> device.autoScan(issued), delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    // ------------------------------------------------------------------ HTTP

    private void serve(HttpExchange exchange) {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            List<String> segments = segments(path);
            String rawQuery = exchange.getRequestURI().getRawQuery();
            RecordedRequest recorded = new RecordedRequest(exchange.getRequestMethod().toUpperCase(Locale.ROOT),
                    URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8), rawQuery == null ? "" : rawQuery,
                    headers(exchange), new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            SimResponse response;
            if (segments.isEmpty()) {
                response = SimResponse.json(200, index());
            } else if (segments.get(0).equals("_admin")) {
                response = admin.handle(recorded, segments.subList(1, segments.size()));
            } else {
                Gateway gateway = Gateway.find(segments.get(0)).orElse(null);
                if (gateway == null) {
                    ObjectNode body = index().put("error", "nothing at " + recorded.path());
                    response = SimResponse.json(404, body);
                } else {
                    requests.get(gateway).add(recorded);
                    response = apis.get(gateway).handle(recorded, segments.subList(1, segments.size()));
                }
            }
            LOG.debug("{} {} -> {}", recorded.method(), recorded.path(), response.status());
            write(exchange, response);
        } catch (IOException | RuntimeException e) {
            LOG.debug("request failed: {}", e.toString());
        }
    }

    private ObjectNode index() {
        ObjectNode body = Json.object().put("simulator", "whatsdev gateway simulator");
        ObjectNode gateways = body.putObject("gateways");
        for (Gateway g : Gateway.values()) {
            gateways.put(g.id(), baseUrl(g));
        }
        return body.put("admin", rootUrl + "/_admin");
    }

    private static List<String> segments(String rawPath) {
        List<String> out = new ArrayList<>();
        for (String s : rawPath.split("/")) {
            if (!s.isEmpty()) {
                out.add(URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static Map<String, List<String>> headers(HttpExchange exchange) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
        return Collections.unmodifiableMap(out);
    }

    private static void write(HttpExchange exchange, SimResponse response) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", response.contentType());
        response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        byte[] body = response.body();
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(response.status(), head || body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Stops the server and its threads. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.stop(0);
        httpExecutor.shutdownNow();
        scheduler.shutdownNow();
    }
}
