package io.whatsdev.camel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.whatsdev.camel.model.StatusChange;
import io.whatsdev.simulator.CallbackDelivery;
import io.whatsdev.simulator.CallbackDelivery.Outcome;
import io.whatsdev.simulator.Callbacks;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The simulator calls back like each gateway, and {@code whatsdev:GATEWAY/events} (Camel Main, platform-http, real
 * HTTP on loopback) reads what it sends: a device's state changes in the simulator, the simulator posts the gateway's
 * callback to the consumer, and the route gets the status change (and, for Evolution, the QR code); for whatsgate-org
 * also its retries after a failed
 * exchange, and duplicate and out-of-order deliveries.
 */
class EventsEndToEndTest {

    private static final String SECRET = "e2e-s3cret";
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Gateway WHATSGATE_ORG = Gateway.of("whatsgate-org");
    private static final Gateway WAHA = Gateway.of("waha");
    private static final Gateway WITIME = Gateway.of("witime");
    private static final String WITIME_ID = "6D6307C3-2973-4468-85FA-D047CB8E1F2E";
    private static final Gateway EVOLUTION = Gateway.of("evolution");

    private final List<Exchange> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresToCome = new AtomicInteger();
    private final MemoryStateRepository state = new MemoryStateRepository();
    private GatewaySimulator sim;
    private CallbackHarness harness;
    private Main main;
    private int port;

    @BeforeEach
    void start() throws Exception {
        harness = CallbackHarness.start();
        sim = harness.sim;
        port = harness.port;
        main = harness.newMain();
        main.bind("state", state);
        main.configure().addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from("whatsdev:whatsgate-org/events?webhookSecret=RAW(" + SECRET + ")&apiKey=" + SimulatorCredentials.API_KEY
                     + "&baseUrl=" + sim.baseUrl(WHATSGATE_ORG) + "&stateRepository=#state&stateKey=whatsgate-org")
                        .routeId("whatsgate-org").process(e -> receive(e));
                from("whatsdev:waha/events?webhookSecret=RAW(" + SECRET + ")&apiKey=" + SimulatorCredentials.API_KEY
                     + "&baseUrl=" + sim.baseUrl(WAHA) + "&stateRepository=#state&stateKey=waha")
                        .routeId("waha").process(e -> receive(e));
                from("whatsdev:witime/events?webhookSecret=RAW(" + SECRET + ")&token=RAW(wk-e2e)&baseUrl=" + sim.baseUrl(WITIME)
                     + "&stateRepository=#state&stateKey=witime")
                        .routeId("witime").process(e -> receive(e));
                from("whatsdev:evolution/events?webhookSecret=RAW(" + SECRET + ")&apiKey=" + SimulatorCredentials.API_KEY
                     + "&baseUrl=" + sim.baseUrl(EVOLUTION) + "&stateRepository=#state&stateKey=evolution")
                        .routeId("evolution").process(e -> receive(e));
            }
        });
        main.start();
    }

    private void receive(Exchange e) {
        if (failuresToCome.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IllegalStateException("the route fails this time");
        }
        received.add(e.copy());
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    private String consumerUrl(String gateway, String query) {
        return "http://127.0.0.1:" + port + "/whatsdev/" + gateway + query;
    }

    private List<String> changes() {
        List<String> out = new ArrayList<>();
        for (Exchange e : received) {
            if (e.getMessage().getBody() instanceof StatusChange c) {
                out.add(c.getDevice().getId() + ":" + c.getPrevious() + "->" + c.getCurrent());
            } else {
                out.add(e.getMessage().getHeader(WhatsDevConstants.DEVICE_ID) + ":QR");
            }
        }
        return out;
    }

    /** Waits until every delivery so far was acknowledged and there are {@code count} of them. */
    private static List<CallbackDelivery> acknowledged(Callbacks callbacks, int count) {
        return callbacks.await(d -> d.stream().filter(x -> x.outcome() == Outcome.ACKNOWLEDGED).count() >= count, WAIT);
    }

    private static void nextSecond() throws InterruptedException {
        // whatsgate-org's event_date has whole seconds: a later event must fall in a later second to be seen as later
        long second = java.time.Instant.now().getEpochSecond();
        Await.until(() -> java.time.Instant.now().getEpochSecond() > second, "the next second", java.time.Duration.ofSeconds(3));
    }

    // ------------------------------------------------------------------ whatsgate-org

    private SimDevice whatsgateOrgDevice(String id) {
        return sim.createDevice(WHATSGATE_ORG, id, "Vasya").webhook(consumerUrl("whatsgate-org", "?secret=" + SECRET));
    }

    @Test
    void whatsgateOrgReadyAndDisconnect() throws Exception {
        SimDevice d = whatsgateOrgDevice("1910000000001");
        d.issueQr();
        d.scan();
        acknowledged(sim.callbacks(WHATSGATE_ORG), 1);
        assertEquals(List.of("1910000000001:UNKNOWN->CONNECTED"), changes());
        assertEquals("ready", received.get(0).getMessage().getHeader(WhatsDevConstants.RAW_STATUS));
        nextSecond();
        d.delete();
        List<CallbackDelivery> all = acknowledged(sim.callbacks(WHATSGATE_ORG), 2);
        assertEquals(List.of("1910000000001:UNKNOWN->CONNECTED", "1910000000001:CONNECTED->DELETED"), changes());
        assertEquals(2, all.size(), all::toString);
        assertTrue(all.get(1).answer().matches("\\{\"result\":\"OK\",\"id\":2}"), all.get(1).answer());
    }

    @Test
    void whatsgateOrgRetriesAFailedExchangeUntilAcknowledged() {
        failuresToCome.set(2);
        whatsgateOrgDevice("1910000000002").scan();
        List<CallbackDelivery> all = acknowledged(sim.callbacks(WHATSGATE_ORG), 1);
        assertEquals(List.of(Outcome.NOT_ACKNOWLEDGED, Outcome.NOT_ACKNOWLEDGED, Outcome.ACKNOWLEDGED),
                all.stream().map(CallbackDelivery::outcome).toList());
        assertEquals(List.of(500, 500, 200), all.stream().map(CallbackDelivery::status).toList());
        assertEquals(List.of("1910000000002:UNKNOWN->CONNECTED"), changes());
    }

    @Test
    void whatsgateOrgDuplicateIsRoutedOnce() throws Exception {
        sim.callbacks(WHATSGATE_ORG).duplicateNext();
        whatsgateOrgDevice("1910000000003").scan();
        List<CallbackDelivery> all = acknowledged(sim.callbacks(WHATSGATE_ORG), 2);
        assertEquals(all.get(0).text(), all.get(1).text());
        // acknowledged means routed: the consumer answers after the exchange
        assertEquals(List.of("1910000000003:UNKNOWN->CONNECTED"), changes());
    }

    @Test
    void whatsgateOrgOutOfOrderDoesNotRollBack() throws Exception {
        SimDevice d = whatsgateOrgDevice("1910000000004");
        sim.callbacks(WHATSGATE_ORG).reorderNextTwo();
        d.scan(); // held
        nextSecond();
        d.delete(); // sent first, then the held ready
        List<CallbackDelivery> all = acknowledged(sim.callbacks(WHATSGATE_ORG), 2);
        assertTrue(all.get(0).text().contains("\"disconnect\"") && all.get(1).text().contains("\"ready\""), all::toString);
        assertEquals(List.of("1910000000004:UNKNOWN->DELETED"), changes());
    }

    @Test
    void whatsgateOrgWrongSecretIsRefusedAndRetried() {
        sim.createDevice(WHATSGATE_ORG, "1910000000005", "x").webhook(consumerUrl("whatsgate-org", "?secret=wrong")).scan();
        List<CallbackDelivery> all = sim.callbacks(WHATSGATE_ORG).await(4, WAIT);
        assertTrue(all.stream().allMatch(x -> x.status() == 401), all::toString);
        assertEquals(List.of(), changes());
    }

    // ------------------------------------------------------------------ WAHA

    /** A session whose config has one webhook for session.status, signed with this hmac key. */
    private SimDevice wahaSession(String id, String hmacKey) {
        return sim.createDevice(WAHA, id, "Vasya").attribute("config", "{\"metadata\":{\"k\":\"v\"},\"webhooks\":[{\"url\":\""
                + consumerUrl("waha", "") + "\",\"events\":[\"message\",\"session.status\"],\"hmac\":{\"key\":\"" + hmacKey
                + "\"},\"retries\":{\"attempts\":2,\"delaySeconds\":2}}]}");
    }

    @Test
    void wahaSessionStatusSignedWithTheHmacKey() throws Exception {
        SimDevice d = wahaSession("e2e-1", SECRET);
        d.issueQr();
        acknowledged(sim.callbacks(WAHA), 1);
        d.scan();
        acknowledged(sim.callbacks(WAHA), 2);
        d.unlink();
        List<CallbackDelivery> all = acknowledged(sim.callbacks(WAHA), 3);
        assertEquals(List.of("e2e-1:UNKNOWN->AWAITING_SCAN", "e2e-1:AWAITING_SCAN->CONNECTED", "e2e-1:CONNECTED->DISCONNECTED"),
                changes());
        assertEquals("sha512", all.get(0).headers().get("X-Webhook-Hmac-Algorithm"));
        assertEquals(128, all.get(0).headers().get("X-Webhook-Hmac").length());
        assertTrue(all.get(1).text().contains("\"status\":\"WORKING\""), all.get(1).text());
        assertEquals(3, all.size(), all::toString);
    }

    @Test
    void wahaWithAnotherKeyIsRefused() {
        wahaSession("e2e-2", "another-key").issueQr();
        List<CallbackDelivery> all = sim.callbacks(WAHA).await(1, WAIT);
        assertEquals(401, all.get(0).status());
        assertEquals(List.of(), changes());
    }

    // ------------------------------------------------------------------ witime

    private SimDevice witimeInstance() {
        return sim.createDevice(WITIME, WITIME_ID, "Maria").webhook(consumerUrl("witime", "?secret=" + SECRET));
    }

    @Test
    void witimePostBacksInEachForm() {
        SimDevice d = witimeInstance();
        d.issueQr();
        List<CallbackDelivery> first = acknowledged(sim.callbacks(WITIME), 1);
        assertTrue(first.get(0).url().endsWith("?secret=" + SECRET + "&wid=" + d.key()), first.get(0).url());
        assertTrue(first.get(0).text().startsWith("{\"status\":3,"), first.get(0).text());
        sim.setting(WITIME, "postBackFormat", "BULK");
        d.scan();
        List<CallbackDelivery> second = acknowledged(sim.callbacks(WITIME), 2);
        assertTrue(second.get(1).text().startsWith("BULK,[\""), second.get(1).text());
        sim.setting(WITIME, "postBackFormat", "BULKGZ");
        d.unlink();
        List<CallbackDelivery> all = acknowledged(sim.callbacks(WITIME), 3);
        assertTrue(all.get(2).text().startsWith("BULKGZ,"), all.get(2).text());
        assertEquals(3, all.size(), all::toString);
        assertEquals(List.of(WITIME_ID + ":UNKNOWN->AWAITING_SCAN", WITIME_ID + ":AWAITING_SCAN->CONNECTED",
                WITIME_ID + ":CONNECTED->DISCONNECTED"), changes());
    }

    // ------------------------------------------------------------------ Evolution

    /** An instance whose webhook (as Evolution stores it) goes to the consumer, with this jwt_key. */
    private SimDevice evolutionInstance(String id, String jwtKey) {
        return sim.createDevice(EVOLUTION, id, "Vasya").attribute("webhook", "{\"url\":\"" + consumerUrl("evolution", "")
                + "\",\"headers\":{\"jwt_key\":\"" + jwtKey + "\"},\"enabled\":true,\"events\":[\"CONNECTION_UPDATE\","
                + "\"QRCODE_UPDATED\",\"LOGOUT_INSTANCE\",\"REMOVE_INSTANCE\"]}");
    }

    @Test
    void evolutionLifecycleWithTheJwt() throws Exception {
        SimDevice d = evolutionInstance("e2e-evo-1", SECRET);
        d.issueQr();
        List<CallbackDelivery> qr = acknowledged(sim.callbacks(EVOLUTION), 2);
        assertTrue(qr.get(0).headers().get("Authorization").startsWith("Bearer "), qr.get(0).headers()::toString);
        assertEquals(List.of("e2e-evo-1:UNKNOWN->STARTING", "e2e-evo-1:QR"), changes());
        assertEquals("QR", received.get(1).getMessage().getHeader(WhatsDevConstants.EVENT_TYPE));
        assertEquals("STATUS", received.get(0).getMessage().getHeader(WhatsDevConstants.EVENT_TYPE));
        d.scan();
        acknowledged(sim.callbacks(EVOLUTION), 3);
        java.net.http.HttpResponse<String> logout = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                .newBuilder(java.net.URI.create(sim.baseUrl(EVOLUTION) + "/instance/logout/e2e-evo-1"))
                .header("apikey", SimulatorCredentials.API_KEY).DELETE().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, logout.statusCode(), logout.body());
        acknowledged(sim.callbacks(EVOLUTION), 5); // logout.instance, then connection.update close
        d.delete();
        List<CallbackDelivery> all = acknowledged(sim.callbacks(EVOLUTION), 6);
        assertEquals(List.of("e2e-evo-1:UNKNOWN->STARTING", "e2e-evo-1:QR", "e2e-evo-1:STARTING->CONNECTED",
                "e2e-evo-1:CONNECTED->DISCONNECTED", "e2e-evo-1:DISCONNECTED->DELETED"), changes());
        assertEquals("logout.instance", received.get(3).getMessage().getHeader(WhatsDevConstants.RAW_STATUS));
        assertEquals(6, sim.callbacks(EVOLUTION).awaitIdle(WAIT).size(), all::toString);
    }

    /** Refused with 401, each callback is posted once: like the real Evolution, the simulator does not retry a 401. */
    @Test
    void evolutionWithAnotherJwtKeyIsRefused() {
        evolutionInstance("e2e-evo-2", "another-key").issueQr();
        List<CallbackDelivery> all = sim.callbacks(EVOLUTION).awaitIdle(WAIT);
        assertEquals(2, all.size(), all::toString); // connection.update connecting and qrcode.updated, one attempt each
        assertTrue(all.stream().allMatch(x -> x.attempt() == 1 && x.status() == 401 && x.outcome() == Outcome.NOT_ACKNOWLEDGED),
                all::toString);
        assertEquals(List.of(), changes());
    }
}
