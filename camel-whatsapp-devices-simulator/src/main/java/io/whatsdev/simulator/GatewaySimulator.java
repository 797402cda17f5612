package io.whatsdev.simulator;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registered gateways' device APIs ({@link Gateway#all()}, each a {@link SimulatedGateway} plug-in) on one loopback
 * port, with real QR codes, for tests and offline development. Each gateway is served below {@code /<gateway id>} (see
 * {@link #baseUrl(Gateway)}); {@code /_admin} is an HTTP control surface mirroring this class's methods.
 * <p>
 * Devices are created and changed with {@link #createDevice(Gateway, String, String)} and the {@link SimDevice}
 * methods; faults are queued with {@link #faults(Gateway)}; a gateway's own switches are set on its API
 * ({@link #api(Gateway, Class)}) or by name ({@link #setting(Gateway, String, String)}). Thread safe; state changes are
 * visible to the next request.
 * <p>
 * Binds to 127.0.0.1 only.
 */
public final class GatewaySimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GatewaySimulator.class);

    public static final int DEFAULT_PORT = 8099;
    public static final long DEFAULT_FAULT_DELAY_MILLIS = 3000;
    /**
     * Requests served at once, at most: as many as a client with a large connection pool sends (whatsdev polls up to
     * pollConcurrency witime instances at once), so that the simulator does not cap what a test would observe. Idle
     * threads end after a while.
     */
    static final int HTTP_THREADS = 128;

    /** What the simulator keeps for one gateway. */
    private record Area(SimulatedGateway plugin, GatewayApi api, DeviceRegistry registry, FaultInjector faults,
                        ConcurrentLinkedQueue<RecordedRequest> requests, Callbacks callbacks) {
    }

    private final HttpServer server;
    private final ExecutorService httpExecutor;
    private final ScheduledExecutorService scheduler;
    /** Posts the gateways' callbacks, one at a time, in order. */
    private final ScheduledExecutorService callbackSender;
    private final HttpClient callbackClient;
    /** Filled in the constructor and never changed after: in registration order, read without locks. */
    private final Map<Gateway, Area> areas = new LinkedHashMap<>();
    private final AdminApi admin;
    private final String rootUrl;

    private volatile long faultDelayMillis = DEFAULT_FAULT_DELAY_MILLIS;
    private volatile Duration autoScanAfter;
    private volatile long callbackRetryDelayMillis = -1;
    private volatile boolean closed;
    /** Gateway requests being served now, and the most served at once since the last {@link #clearRequests()}. */
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();

    private GatewaySimulator(int port) {
        this.callbackSender = Executors.newSingleThreadScheduledExecutor(daemonThreads("whatsdev-sim-callbacks"));
        this.callbackClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (Gateway g : Gateway.all()) {
            GatewayApi api = g.plugin().createApi(this, g);
            areas.put(g, new Area(g.plugin(), api, new DeviceRegistry(), new FaultInjector(), new ConcurrentLinkedQueue<>(),
                    new Callbacks(g, callbackSender, callbackClient, () -> callbackRetryDelayMillis)));
        }
        this.admin = new AdminApi(this);
        try {
            this.server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the simulator to 127.0.0.1:" + port, e);
        }
        ThreadPoolExecutor http = new ThreadPoolExecutor(HTTP_THREADS, HTTP_THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), daemonThreads("whatsdev-sim-http"));
        http.allowCoreThreadTimeOut(true);
        this.httpExecutor = http;
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
     * A new device in state NEW. The gateway's plug-in checks the id ({@link SimulatedGateway#checkDeviceId(String)}:
     * e.g. whatspie ids are numeric) and says what the device starts with ({@link SimulatedGateway#newDevice(String)}:
     * e.g. a witime device's key is {@code "wk-" + id} in lower case).
     *
     * @throws IllegalArgumentException if the id is blank, not of the gateway's form, or taken
     */
    public SimDevice createDevice(Gateway gateway, String id, String name) {
        Area area = area(gateway);
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a device id is required");
        }
        area.plugin().checkDeviceId(id);
        DeviceRegistry registry = area.registry();
        SimDevice device = new SimDevice(this, gateway, id, registry.nextNumber(), name, area.plugin().newDevice(id));
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
        return area(gateway).faults();
    }

    /**
     * The gateway's outgoing callbacks: every delivery attempt, and the controls that drop, duplicate or reorder the next
     * ones. A gateway API posts a callback when one of its devices changes state and the gateway calls back for it (see
     * the gateway's class), to the URL the device's webhook configuration gives.
     */
    public Callbacks callbacks(Gateway gateway) {
        return area(gateway).callbacks();
    }

    /**
     * Removes all devices, faults, recorded requests and the gateways' run-time state (e.g. wassly login tokens), and
     * restarts the id counters. Settings ({@link #faultDelayMillis(long)}, {@link #autoScanAfter(Duration)}, the
     * gateways' switches) are kept.
     */
    public void reset() {
        for (Area a : areas.values()) {
            a.registry().clear();
            a.faults().clear();
            a.api().reset();
            a.callbacks().clear();
        }
        clearRequests();
    }

    /** Every request received for the gateway (its API, QR pages and images), oldest first. */
    public List<RecordedRequest> requests(Gateway gateway) {
        return List.copyOf(area(gateway).requests());
    }

    public void clearRequests() {
        areas.values().forEach(a -> a.requests().clear());
        maxInFlight.set(inFlight.get());
    }

    /**
     * The most requests to the gateways' APIs that were being served at the same moment, since the simulator started
     * or requests were last cleared ({@link #reset()}, {@link #clearRequests()}): how many connections a client really
     * used at once. A request delayed by {@link Fault#TIMEOUT} counts for its whole delay.
     */
    public int maxRequestsInFlight() {
        return maxInFlight.get();
    }

    /**
     * Creates every gateway's demo devices (as {@code --seed} does), as its plug-in says
     * ({@link SimulatedGateway#seedDemoDevices}); e.g. whatspie 2076 (NEW) and 5 (CONNECTED), witime instance
     * 6D6307C3-2973-4468-85FA-D047CB8E1F2E with key {@code wk-demo}.
     */
    public GatewaySimulator seedDemoDevices() {
        areas.forEach((g, a) -> a.plugin().seedDemoDevices(this, g));
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

    /**
     * The delay between the first and the second attempt of an unacknowledged callback, for every gateway; negative (the
     * default): each gateway's documented delays (e.g. whatsgate-org's 20 s, Evolution's 5, 10, 20, ... s). Tests set a few
     * milliseconds. The override replaces the gateway's first delay and scales its whole schedule by the same factor: a
     * constant delay becomes the override, a backoff still multiplies it and its maximum is scaled alike (Evolution with
     * 50: 50, 100, 200, ... ms, at most 3000 ms), see {@link CallbackRequest#delayMillisBefore(int, long)}.
     */
    public GatewaySimulator callbackRetryDelayMillis(long millis) {
        this.callbackRetryDelayMillis = millis;
        return this;
    }

    /** The gateway's API on this simulator (for its own switches and actions, see {@link #api(Gateway, Class)}). */
    public GatewayApi api(Gateway gateway) {
        return area(gateway).api();
    }

    /**
     * The gateway's API as its own class, for the gateway's typed switches and actions, e.g.
     * {@code sim.api(Gateway.of("whatspie"), WhatspieApi.class).deviceLimit(1)}.
     *
     * @throws IllegalArgumentException if the gateway's API is not of that class
     */
    public <T extends GatewayApi> T api(Gateway gateway, Class<T> type) {
        GatewayApi api = api(gateway);
        if (!type.isInstance(api)) {
            throw new IllegalArgumentException(gateway.id() + "'s API is a " + api.getClass().getName() + ", not a " + type.getName());
        }
        return type.cast(api);
    }

    /** The gateway's switches by name, with their current values as text (e.g. whatspie's {@code deviceLimit}). */
    public Map<String, String> settings(Gateway gateway) {
        return api(gateway).settings();
    }

    /**
     * Sets one of the gateway's switches by name, from text (as {@code POST /_admin/<gateway>/settings} does).
     *
     * @throws IllegalArgumentException for an unknown switch or a bad value
     */
    public GatewaySimulator setting(Gateway gateway, String name, String value) {
        api(gateway).setting(name, value);
        return this;
    }

    long faultDelayMillis() {
        return faultDelayMillis;
    }

    // ------------------------------------------------------------------ for the devices and APIs

    DeviceRegistry registry(Gateway gateway) {
        return area(gateway).registry();
    }

    void deleted(SimDevice device) {
        Area area = area(device.gateway());
        area.registry().deleted(device, area.plugin().keepsDeletedDevices());
    }

    private Area area(Gateway gateway) {
        Area area = areas.get(Objects.requireNonNull(gateway, "gateway"));
        if (area == null) {
            // cannot happen with gateways from Gateway.of/all; kept for a clear message all the same
            throw new IllegalArgumentException("this simulator does not serve " + gateway.id());
        }
        return area;
    }

    /** A device changed state (called under the device's lock, in the order of its changes): its API may call back. */
    void stateChanged(SimDevice.Snapshot before, SimDevice.Snapshot after) {
        if (closed) {
            return;
        }
        try {
            area(after.gateway()).api().onStateChange(before, after);
        } catch (RuntimeException e) {
            LOG.warn("[{}] the callback for {} -> {} of {} failed", after.gateway().id(), before.state(), after.state(), after.id(), e);
        }
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
                Area area = Gateway.find(segments.get(0)).map(areas::get).orElse(null);
                if (area == null) {
                    ObjectNode body = index().put("error", "nothing at " + recorded.path());
                    response = SimResponse.json(404, body);
                } else {
                    area.requests().add(recorded);
                    maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                    try {
                        response = area.api().handle(recorded, segments.subList(1, segments.size()));
                    } finally {
                        inFlight.decrementAndGet();
                    }
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
        for (Gateway g : areas.keySet()) {
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
        callbackSender.shutdownNow();
    }
}
