package io.whatsdev.camel;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import io.whatsdev.camel.model.Device;
import io.whatsdev.camel.model.DeviceStatus;
import io.whatsdev.camel.model.QrCode;
import io.whatsdev.camel.model.StatusChange;
import io.whatsdev.camel.provider.Callback;
import io.whatsdev.camel.provider.CallbackDecoder;
import io.whatsdev.camel.provider.CallbackEvent;
import io.whatsdev.camel.provider.CallbackRejectedException;
import io.whatsdev.camel.provider.GatewayClient;
import io.whatsdev.camel.provider.GatewayProvider;
import io.whatsdev.camel.provider.GatewayProviders;
import io.whatsdev.camel.provider.MalformedCallbackException;
import io.whatsdev.camel.provider.Support;
import io.whatsdev.camel.provider.Transport;
import io.whatsdev.camel.provider.WireJson;
import io.whatsdev.camel.provider.whatspie.WhatspieProvider;
import io.whatsdev.simulator.Fault;
import io.whatsdev.simulator.Gateway;
import io.whatsdev.simulator.GatewaySimulator;
import io.whatsdev.simulator.SimDevice;
import io.whatsdev.simulator.SimulatorCredentials;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;
import org.apache.camel.support.processor.state.MemoryStateRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code whatsdev:GATEWAY/events} on Camel Main with platform-http (Vert.x), over real HTTP on loopback, with a gateway
 * registered for the test ("pushgate": whatspie's wire for polling, and a small callback format of its own):
 * verification, refusal, acknowledgement, redelivery after a failed exchange, duplicates, out-of-order deliveries, QR
 * events, and push and poll sharing one state.
 */
class EventsConsumerTest {

    private static final String SECRET = "push-s3cret";

    /** pushgate's callbacks: {@code ?secret=}, a JSON body {@code {id, device, status, at, qr}}, answered {@code {"ok":id}}. */
    static final class PushgateCallbacks implements CallbackDecoder {
        @Override
        public void verify(Callback callback, String secret) throws CallbackRejectedException {
            if (!secret.equals(callback.query().get("secret"))) {
                throw new CallbackRejectedException("the callback's secret is missing or wrong");
            }
        }

        @Override
        public List<CallbackEvent> decode(Callback callback) throws MalformedCallbackException {
            try {
                JsonNode b = WireJson.MAPPER.readTree(callback.body());
                if (!b.hasNonNull("device")) {
                    throw new MalformedCallbackException("no device");
                }
                Instant at = b.hasNonNull("at") ? Instant.parse(b.get("at").asText()) : null;
                if (b.hasNonNull("qr")) {
                    QrCode qr = QrCode.ofImage("pushgate", b.get("device").asText(), QrTestSupport.png(b.get("qr").asText()),
                            QrCode.MEDIA_TYPE_PNG, null, null);
                    return List.of(new CallbackEvent(b.path("id").asText(null), b.get("device").asText(), CallbackEvent.Kind.QR,
                            null, null, at, qr, Map.of()));
                }
                DeviceStatus status = DeviceStatus.valueOf(b.get("status").asText());
                return List.of(new CallbackEvent(b.path("id").asText(null), b.get("device").asText(),
                        status == DeviceStatus.DELETED ? CallbackEvent.Kind.REMOVED : CallbackEvent.Kind.STATUS, status,
                        b.get("status").asText(), at, null, Map.of()));
            } catch (MalformedCallbackException e) {
                throw e;
            } catch (Exception e) {
                throw new MalformedCallbackException("not a pushgate callback: " + e.getClass().getSimpleName());
            }
        }

        @Override
        public CallbackAnswer acknowledge(Callback callback, List<CallbackEvent> events) {
            return new CallbackAnswer(200, "{\"ok\":\"" + (events.isEmpty() ? "" : events.get(0).eventId()) + "\"}");
        }
    }

    /** A gateway that pushes: whatspie's wire (to poll the simulator) under another name, with pushgate's callbacks. */
    static final class Pushgate implements GatewayProvider {
        private final GatewayProvider wire = new WhatspieProvider();

        @Override
        public String name() {
            return "pushgate";
        }

        @Override
        public String defaultBaseUrl() {
            return "https://api.pushgate.invalid";
        }

        @Override
        public Map<WhatsDevOperation, Support> operations() {
            return Map.of(WhatsDevOperation.list, Support.NATIVE);
        }

        @Override
        public Map<String, DeviceStatus> statusMapping() {
            return wire.statusMapping();
        }

        @Override
        public void validate(WhatsDevConfiguration configuration) {
            wire.validate(configuration);
        }

        @Override
        public GatewayClient newClient(WhatsDevConfiguration configuration, Transport transport) {
            return wire.newClient(configuration, transport);
        }

        @Override
        public CallbackDecoder callbacks() {
            return new PushgateCallbacks();
        }
    }

    private final Pushgate pushgate = new Pushgate();
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Exchange> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresToCome = new AtomicInteger();
    private final MemoryStateRepository state = new MemoryStateRepository();
    private GatewaySimulator sim;
    private Main main;
    private int port;

    @BeforeEach
    void start() throws Exception {
        GatewayProviders.register(pushgate);
        sim = GatewaySimulator.start();
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        main = new Main();
        main.configure().httpServer().withEnabled(true).withPort(port);
        main.bind("state", state);
        main.configure().addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from("whatsdev:pushgate/events?webhookSecret=RAW(" + SECRET + ")&stateRepository=#state&stateKey=pushgate"
                     + "&maxResponseSize=4096")
                        .routeId("events")
                        .process(e -> {
                            if (failuresToCome.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                                throw new IllegalStateException("the route fails this time");
                            }
                            received.add(e.copy());
                        });
            }
        });
        main.start();
    }

    @AfterEach
    void stop() throws Exception {
        main.stop();
        sim.close();
        GatewayProviders.unregister(pushgate);
    }

    private HttpResponse<String> post(String query, String body) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/whatsdev/pushgate" + query))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.send(r, HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> callback(String id, String device, String status, String at) throws Exception {
        return post("?secret=" + SECRET, "{\"id\":\"" + id + "\",\"device\":\"" + device + "\",\"status\":\"" + status + "\""
                                         + (at == null ? "" : ",\"at\":\"" + at + "\"") + "}");
    }

    private List<String> changes() {
        List<String> out = new ArrayList<>();
        for (Exchange e : received) {
            Object body = e.getMessage().getBody();
            if (body instanceof StatusChange c) {
                out.add(c.getDevice().getId() + ":" + c.getPrevious() + "->" + c.getCurrent());
            } else {
                out.add(e.getMessage().getHeader(WhatsDevConstants.DEVICE_ID) + ":QR");
            }
        }
        return out;
    }

    @Test
    void aVerifiedCallbackIsRoutedAsAStatusChangeThenAcknowledged() throws Exception {
        HttpResponse<String> r = callback("e1", "7", "CONNECTED", null);
        assertEquals(200, r.statusCode());
        assertEquals("{\"ok\":\"e1\"}", r.body());
        assertEquals(List.of("7:UNKNOWN->CONNECTED"), changes());
        Exchange e = received.get(0);
        assertEquals("pushgate", e.getMessage().getHeader(WhatsDevConstants.PROVIDER));
        assertEquals("CONNECTED", e.getMessage().getHeader(WhatsDevConstants.STATUS));
        assertEquals("UNKNOWN", e.getMessage().getHeader(WhatsDevConstants.PREVIOUS_STATUS));
        assertEquals("STATUS", e.getMessage().getHeader(WhatsDevConstants.EVENT_TYPE));
    }

    @Test
    void aCallbackWithoutTheSecretIs401AndEmitsNothing() throws Exception {
        assertEquals(401, post("", "{\"id\":\"e1\",\"device\":\"7\",\"status\":\"CONNECTED\"}").statusCode());
        assertEquals(401, post("?secret=wrong", "{\"id\":\"e1\",\"device\":\"7\",\"status\":\"CONNECTED\"}").statusCode());
        assertTrue(received.isEmpty());
    }

    @Test
    void aMalformedCallbackIs400AndEmitsNothing() throws Exception {
        assertEquals(400, post("?secret=" + SECRET, "<html>").statusCode());
        assertEquals(400, post("?secret=" + SECRET, "{\"status\":\"CONNECTED\"}").statusCode());
        assertTrue(received.isEmpty());
    }

    @Test
    void aCallbackLargerThanMaxResponseSizeIs413AndEmitsNothing() throws Exception {
        String padding = "x".repeat(5000);
        HttpResponse<String> r = post("?secret=" + SECRET,
                "{\"id\":\"e1\",\"device\":\"7\",\"status\":\"CONNECTED\",\"pad\":\"" + padding + "\"}");
        assertEquals(413, r.statusCode());
        assertTrue(received.isEmpty());
    }

    @Test
    void aFailedExchangeIsNotAcknowledgedAndItsRedeliveryIsEmitted() throws Exception {
        failuresToCome.set(1);
        assertEquals(500, callback("e1", "7", "CONNECTED", null).statusCode());
        assertTrue(received.isEmpty());
        // the gateway retries the same event: now it goes through, once
        assertEquals(200, callback("e1", "7", "CONNECTED", null).statusCode());
        assertEquals(List.of("7:UNKNOWN->CONNECTED"), changes());
    }

    @Test
    void aDuplicateDeliveryIsEmittedOnceAndAcknowledgedTwice() throws Exception {
        assertEquals(200, callback("e1", "7", "CONNECTED", null).statusCode());
        assertEquals(200, callback("e1", "7", "CONNECTED", null).statusCode());
        assertEquals(200, callback("e2", "7", "DISCONNECTED", null).statusCode());
        assertEquals(200, callback("e2", "7", "DISCONNECTED", null).statusCode());
        assertEquals(List.of("7:UNKNOWN->CONNECTED", "7:CONNECTED->DISCONNECTED"), changes());
    }

    @Test
    void anOlderCallbackDoesNotRollTheDeviceBack() throws Exception {
        assertEquals(200, callback("e2", "7", "CONNECTED", "2026-12-01T10:00:05Z").statusCode());
        assertEquals(200, callback("e1", "7", "AWAITING_SCAN", "2026-12-01T10:00:01Z").statusCode());
        assertEquals(List.of("7:UNKNOWN->CONNECTED"), changes());
    }

    @Test
    void aPushedQrCodeIsRoutedWithItsEventType() throws Exception {
        assertEquals(200, post("?secret=" + SECRET, "{\"id\":\"q1\",\"device\":\"7\",\"qr\":\"pair-me\"}").statusCode());
        assertEquals(List.of("7:QR"), changes());
        QrCode qr = assertInstanceOf(QrCode.class, received.get(0).getMessage().getBody());
        assertEquals("pair-me", QrTestSupport.decode(qr));
        assertEquals("QR", received.get(0).getMessage().getHeader(WhatsDevConstants.EVENT_TYPE));
    }

    @Test
    void pushAndPollSharingTheStateEmitEachTransitionOnce() throws Exception {
        Gateway whatspie = Gateway.of("whatspie");
        SimDevice d = sim.createDevice(whatspie, "7", "shared").awaitScan();
        List<String> polled = new CopyOnWriteArrayList<>();
        main.getCamelContext().addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("whatsdev:pushgate/devices?baseUrl=" + sim.baseUrl(whatspie) + "&token=" + SimulatorCredentials.TOKEN
                     + "&delay=50&initialDelay=0&emitInitialState=true&stateRepository=#state&stateKey=pushgate")
                        .routeId("poll").process(e -> polled.add(e.getMessage().getBody(StatusChange.class).toString()));
            }
        });
        Await.until(() -> polled.size() == 1, "the poller's initial state", Duration.ofSeconds(10));
        // the phone pairs: the callback tells first, the poll then sees what was already emitted (the poller's list
        // calls fail until the callback was routed, or a poll could see the pairing first)
        sim.faults(whatspie).always(Fault.HTTP_503);
        settlePolls(whatspie); // no poll that read the list before the fault is still in flight
        d.scan();
        assertEquals(200, callback("e1", "7", "CONNECTED", null).statusCode());
        sim.faults(whatspie).clear();
        settlePolls(whatspie);
        // the phone unlinks and the callback is lost: the poller reconciles
        d.unlink();
        Await.until(() -> polled.size() == 2, "the poller's DISCONNECTED", Duration.ofSeconds(10));
        settlePolls(whatspie);
        assertEquals(List.of("7:AWAITING_SCAN->CONNECTED"), changes());
        assertEquals(2, polled.size(), "poll: " + polled);
        assertTrue(polled.get(0).contains("UNKNOWN -> AWAITING_SCAN"), polled.get(0));
        assertTrue(polled.get(1).contains("CONNECTED -> DISCONNECTED"), polled.get(1));
    }

    /** Three more polls reached the simulator: whatever they found has been emitted. */
    private void settlePolls(Gateway g) throws InterruptedException {
        int before = sim.requests(g).size();
        Await.until(() -> sim.requests(g).size() >= before + 3, "three more polls", Duration.ofSeconds(10));
    }

    @Test
    void anEventsEndpointNeedsAPushingGatewayAndASecret() {
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                () -> main.getCamelContext().getEndpoint("whatsdev:whatspie/events?token=t&webhookSecret=s"));
        assertTrue(root(e).contains("whatspie pushes no lifecycle events"), root(e));
        e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                () -> main.getCamelContext().getEndpoint("whatsdev:pushgate/events?token=t"));
        assertTrue(root(e).contains("webhookSecret is required"), root(e));
        e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                () -> main.getCamelContext().getEndpoint("whatsdev:pushgate/events?token=t&webhookSecret=s&registerWebhook=true"
                                                         + "&webhookBaseUrl=https://hooks.example.com"));
        assertTrue(root(e).contains("registerWebhook needs the setWebhook operation"), root(e));
    }

    private static String root(Throwable t) {
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
