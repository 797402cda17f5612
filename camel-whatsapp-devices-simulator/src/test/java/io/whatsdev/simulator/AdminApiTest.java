package io.whatsdev.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AdminApiTest extends SimulatorTestSupport {

    static String admin(String path) {
        return sim.rootUrl() + "/_admin" + path;
    }

    @Test
    void health() {
        assertEquals("{\"status\":\"UP\"}", get(admin("/health")).json(200).toString());
    }

    @Test
    void createListAndAct() {
        JsonNode created = post(admin("/whatsgate-net/devices"), "{\"id\":\"628111000001\",\"name\":\"Support\"}").json(201);
        assertEquals("628111000001", created.get("id").asText());
        assertEquals("NEW", created.get("state").asText());
        assertEquals("628111000001", created.get("phone").asText());
        assertEquals("Support", sim.device(Gateway.WHATSGATE_NET, "628111000001").name());

        JsonNode awaiting = post(admin("/whatsgate-net/devices/628111000001/await-scan"), null).json(200);
        assertEquals("AWAITING_SCAN", awaiting.get("state").asText());
        assertEquals(sim.device(Gateway.WHATSGATE_NET, "628111000001").currentQrToken(), awaiting.get("qrToken").asText());
        assertEquals("CONNECTED", post(admin("/whatsgate-net/devices/628111000001/scan"), null).json(200).get("state").asText());
        assertFalse(get(admin("/whatsgate-net/devices/628111000001")).json(200).has("qrToken"));
        assertEquals("DISCONNECTED", post(admin("/whatsgate-net/devices/628111000001/unlink"), null).json(200).get("state").asText());
        assertEquals("EXPIRED", post(admin("/whatsgate-net/devices/628111000001/expire"), null).json(200).get("state").asText());
        assertEquals("SUSPENDED", post(admin("/whatsgate-net/devices/628111000001/suspend"), null).json(200).get("state").asText());

        JsonNode list = get(admin("/whatsgate-net/devices")).json(200);
        assertEquals(1, list.size());
        assertEquals("SUSPENDED", list.get(0).get("state").asText());

        assertEquals("DELETED", post(admin("/whatsgate-net/devices/628111000001/delete"), null).json(200).get("state").asText());
        assertEquals(0, get(admin("/whatsgate-net/devices")).json(200).size());
    }

    @Test
    void witimeDevicesShowTheirKey() {
        JsonNode d = post(admin("/witime/devices"), "{\"id\":\"ABC\",\"name\":\"x\",\"phone\":\"5511\"}").json(201);
        assertEquals("wk-abc", d.get("witimeKey").asText());
        assertEquals("5511", d.get("phone").asText());
        assertEquals("wk-mine", post(admin("/witime/devices"), "{\"id\":\"DEF\",\"witimeKey\":\"wk-mine\"}").json(201).get("witimeKey").asText());
        assertFalse(post(admin("/wassly/devices"), "{\"id\":\"w1\"}").json(201).has("witimeKey"));
    }

    @Test
    void errors() {
        JsonNode unknownGateway = get(admin("/nope/devices")).json(404);
        assertTrue(unknownGateway.get("error").asText().contains("whatsgate-net, whatspie, wassly, whatsgate-org, witime"));
        assertEquals(5, unknownGateway.get("gateways").size());
        assertTrue(post(admin("/whatspie/devices/9/scan"), null).json(404).has("error"));
        post(admin("/whatspie/devices"), "{\"id\":\"9\"}").json(201);
        JsonNode badAction = post(admin("/whatspie/devices/9/fly"), null).json(400);
        assertEquals("unknown action 'fly'; allowed: scan, unlink, expire, suspend, delete, await-scan", badAction.get("error").asText());
        assertEquals(409, post(admin("/whatspie/devices"), "{\"id\":\"9\"}").status());
        assertTrue(post(admin("/whatspie/devices"), "{\"id\":\"not-numeric\"}").json(400).get("error").asText().contains("numeric"));
        assertEquals(400, post(admin("/whatspie/devices"), "{}").status());
        assertEquals(404, get(admin("/nothing")).status());
        assertEquals(405, send("PUT", admin("/health"), null).status());
    }

    @Test
    void faults() {
        sim.createDevice(Gateway.WHATSPIE, "1", "x");
        JsonNode queued = post(admin("/whatspie/faults"), "{\"fault\":\"HTTP_500\",\"times\":2}").json(200);
        assertEquals("{\"gateway\":\"whatspie\",\"fault\":\"HTTP_500\",\"times\":2,\"pending\":2}", queued.toString());
        assertEquals(500, FaultsTest.call(Gateway.WHATSPIE).status());
        assertEquals(200, get(admin("/health")).status(), "admin calls take no fault");
        assertEquals(500, FaultsTest.call(Gateway.WHATSPIE).status());
        assertEquals(200, FaultsTest.call(Gateway.WHATSPIE).status());

        post(admin("/whatspie/faults"), "{\"fault\":\"rate_limited\",\"always\":true}").json(200);
        assertEquals(429, FaultsTest.call(Gateway.WHATSPIE).status());
        assertEquals("{\"gateway\":\"whatspie\",\"faults\":\"cleared\"}", send("DELETE", admin("/whatspie/faults"), null).json(200).toString());
        assertEquals(200, FaultsTest.call(Gateway.WHATSPIE).status());

        JsonNode bad = post(admin("/whatspie/faults"), "{\"fault\":\"EXPLODE\"}").json(400);
        assertTrue(bad.get("error").asText().contains("HTTP_500, HTTP_503, RATE_LIMITED, HTML_ERROR_PAGE, MALFORMED_JSON, TIMEOUT, AUTH_REVOKED"));
    }

    @Test
    void resetAndRequests() {
        sim.createDevice(Gateway.WASSLY, "w1", "x");
        get(sim.baseUrl(Gateway.WASSLY) + "/whatsapp-web-devices");
        JsonNode log = get(admin("/wassly/requests")).json(200);
        assertEquals(1, log.size());
        assertEquals("/wassly/api/whatsapp-web-devices", log.get(0).get("path").asText());
        sim.faults(Gateway.WASSLY).always(Fault.HTTP_500);

        assertEquals("{\"status\":\"reset\"}", post(admin("/reset"), null).json(200).toString());
        assertTrue(sim.devices(Gateway.WASSLY).isEmpty());
        assertTrue(sim.requests(Gateway.WASSLY).isEmpty());
        assertEquals(0, sim.faults(Gateway.WASSLY).pending());
        assertEquals(401, get(sim.baseUrl(Gateway.WASSLY) + "/whatsapp-web-devices").status(), "the permanent fault is gone too");
    }

    @Test
    void rootListsTheGateways() {
        JsonNode index = get(sim.rootUrl() + "/").json(200);
        assertEquals(sim.baseUrl(Gateway.WITIME), index.get("gateways").get("witime").asText());
        assertEquals(404, get(sim.rootUrl() + "/elsewhere").status());
    }
}
