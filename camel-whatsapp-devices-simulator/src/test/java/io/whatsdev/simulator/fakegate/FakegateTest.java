package io.whatsdev.simulator.fakegate;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.whatsdev.simulator.Fault;
import io.whatsdev.simulator.Gateway;
import io.whatsdev.simulator.GatewaySimulator;
import io.whatsdev.simulator.QrDecoding;
import io.whatsdev.simulator.SimDevice;
import io.whatsdev.simulator.SimState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A gateway plug-in that only a test-only {@code META-INF/services} line registers is served like the built-in ones:
 * its API over HTTP with faults and credentials, its id rule, device defaults, demo devices, switches and the admin
 * surface. Uses the simulator's public API only, as a third party would.
 */
class FakegateTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static GatewaySimulator sim;
    private static Gateway gateway;

    @BeforeAll
    static void start() {
        sim = GatewaySimulator.start();
        gateway = Gateway.of(FakegateSimulation.ID);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @BeforeEach
    void reset() {
        sim.reset();
    }

    @Test
    void isRegisteredByItsServicesLineAlone() throws Exception {
        assertTrue(Gateway.ids().contains("fakegate"), Gateway.ids()::toString);
        assertEquals("/fakegate/v2", gateway.basePath());
        assertEquals("http://127.0.0.1:" + sim.port() + "/fakegate/v2", sim.baseUrl(gateway));
        assertEquals(sim.baseUrl(gateway), call("GET", sim.rootUrl() + "/", null, false).body().get("gateways").get("fakegate").asText());
    }

    @Test
    void itsApiIsServedOverHttp() throws Exception {
        SimDevice d = sim.createDevice(gateway, "fk-1", "One");
        assertEquals("fake-fk-1", d.key());
        assertEquals("free", d.attribute("tier"));

        assertEquals("{\"ok\":true,\"devices\":[{\"id\":\"fk-1\",\"name\":\"One\",\"state\":\"NEW\",\"tier\":\"free\"}]}",
                call("GET", api("/devices"), null, true).expect(200).toString());
        String qr = call("POST", api("/devices/fk-1/qr"), "{}", true).expect(200).get("qr").asText();
        assertEquals(SimState.AWAITING_SCAN, d.state());
        assertEquals(d.currentQrToken(), QrDecoding.pngDataUri(qr));
        assertTrue(d.currentQrToken().startsWith("whatsdev-sim:fakegate:fk-1:"), d.currentQrToken());

        assertEquals("{\"ok\":false,\"error\":\"bad key\"}", call("GET", api("/devices"), null, false).expect(401).toString());
        assertEquals("{\"ok\":false,\"error\":\"no device fk-9\"}", call("POST", api("/devices/fk-9/qr"), "{}", true).expect(404).toString());
        assertEquals("{\"ok\":false,\"error\":\"Not Found\"}", call("GET", api("/elsewhere"), null, true).expect(404).toString());
        assertEquals(5, sim.requests(gateway).size(), "every call to the gateway is recorded");
    }

    @Test
    void faultsIdRuleDemoDevicesSwitchesAndAdmin() throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sim.createDevice(gateway, "x", "bad"));
        assertEquals("fakegate device ids start with 'fk-', not 'x'", e.getMessage());

        sim.faults(gateway).next(Fault.HTTP_503);
        assertEquals("{\"ok\":false,\"error\":\"Service Unavailable\"}", call("GET", api("/devices"), null, true).expect(503).toString());

        sim.seedDemoDevices();
        assertEquals(SimState.CONNECTED, sim.device(gateway, "fk-demo").state());
        JsonNode created = call("POST", sim.rootUrl() + "/_admin/fakegate/devices", "{\"id\":\"fk-2\"}", false).expect(201);
        assertEquals("fake-fk-2", created.get("key").asText());
        assertEquals("{\"tier\":\"free\"}", created.get("attributes").toString());

        assertEquals("{\"listLimit\":\"1\"}", call("POST", sim.rootUrl() + "/_admin/fakegate/settings", "{\"listLimit\":1}", false).expect(200)
                .toString());
        assertEquals(Map.of("listLimit", "1"), sim.settings(gateway));
        assertEquals(1, call("GET", api("/devices"), null, true).expect(200).get("devices").size());
        sim.setting(gateway, "listLimit", "100");
        assertEquals(2, call("GET", api("/devices"), null, true).expect(200).get("devices").size());
    }

    private static String api(String path) {
        return sim.baseUrl(gateway) + path;
    }

    /** An answer's status and JSON body. */
    private record Answer(int status, JsonNode body) {
        JsonNode expect(int expected) {
            assertEquals(expected, status, body::toString);
            return body;
        }
    }

    private static Answer call(String method, String url, String body, boolean withKey) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (withKey) {
            b.header(FakegateSimulation.KEY_HEADER, FakegateSimulation.API_KEY);
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), JSON.readTree(r.body()));
    }
}
