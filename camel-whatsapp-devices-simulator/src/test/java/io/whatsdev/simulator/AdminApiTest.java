package io.whatsdev.simulator;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.whatsdev.simulator.whatspie.WhatspieApiTest;
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
        assertEquals("Support", sim.device(Gateway.of("whatsgate-net"), "628111000001").name());

        JsonNode awaiting = post(admin("/whatsgate-net/devices/628111000001/await-scan"), null).json(200);
        assertEquals("AWAITING_SCAN", awaiting.get("state").asText());
        assertEquals(sim.device(Gateway.of("whatsgate-net"), "628111000001").currentQrToken(), awaiting.get("qrToken").asText());
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
        assertEquals("wk-abc", d.get("key").asText());
        assertEquals("5511", d.get("phone").asText());
        assertEquals("wk-mine", post(admin("/witime/devices"), "{\"id\":\"DEF\",\"key\":\"wk-mine\"}").json(201).get("key").asText());
        assertFalse(post(admin("/wassly/devices"), "{\"id\":\"w1\"}").json(201).has("key"));
        JsonNode refused = post(admin("/wassly/devices"), "{\"id\":\"w2\",\"key\":\"k\"}").json(409);
        assertTrue(refused.get("error").asText().startsWith("wassly devices have no key"), refused::toString);
    }

    @Test
    void devicesShowTheirStateDetailAndAttributes() {
        JsonNode pie = post(admin("/whatspie/devices"), "{\"id\":\"9\"}").json(201);
        assertEquals("{\"package\":\"STARTUP240K\"}", pie.get("attributes").toString());
        post(admin("/witime/devices"), "{\"id\":\"W\"}").json(201);
        sim.device(Gateway.of("witime"), "W").changeState(SimState.DISCONNECTED, "session closed");
        assertEquals("session closed", get(admin("/witime/devices/W")).json(200).get("stateDetail").asText());
        assertFalse(post(admin("/witime/devices/W/scan"), null).json(200).has("stateDetail"), "a state change clears it");
    }

    @Test
    void settingsByGateway() {
        assertEquals("{\"deviceLimit\":\"10\",\"createReturnsDevice\":\"true\"}", get(admin("/whatspie/settings")).json(200).toString());
        try {
            JsonNode changed = post(admin("/whatspie/settings"), "{\"deviceLimit\":0,\"createReturnsDevice\":false}").json(200);
            assertEquals("{\"deviceLimit\":\"0\",\"createReturnsDevice\":\"false\"}", changed.toString());
            assertEquals(Map.of("deviceLimit", "0", "createReturnsDevice", "false"), sim.settings(Gateway.of("whatspie")));
            assertEquals(403, WhatspieApiTest.call("POST", "/devices", "{\"package\":\"BETA\",\"name\":\"x\"}").status());

            JsonNode bad = post(admin("/whatspie/settings"), "{\"deviceLimit\":5,\"colour\":\"red\"}").json(400);
            assertEquals("unknown whatspie setting 'colour'; known: deviceLimit, createReturnsDevice", bad.get("error").asText());
            assertEquals("0", sim.settings(Gateway.of("whatspie")).get("deviceLimit"), "a refused body changes nothing");
            assertTrue(post(admin("/whatspie/settings"), "{\"deviceLimit\":-1}").json(400).get("error").asText().contains("at least 0"));
            assertTrue(post(admin("/witime/settings"), "{\"useEnglishKeys\":\"yes\"}").json(400).get("error").asText().contains("true or false"));
        } finally {
            sim.setting(Gateway.of("whatspie"), "deviceLimit", "10").setting(Gateway.of("whatspie"), "createReturnsDevice", "true");
        }
        assertEquals("{}", get(admin("/wassly/settings")).json(200).toString());
        assertEquals("{\"useEnglishKeys\":\"false\",\"postBackFormat\":\"JSON\"}", get(admin("/witime/settings")).json(200).toString());
    }

    @Test
    void errors() {
        JsonNode unknownGateway = get(admin("/nope/devices")).json(404);
        assertTrue(unknownGateway.get("error").asText().contains("whatsgate-net, whatspie, wassly, whatsgate-org, witime"));
        assertEquals("unknown gateway 'nope'; known: " + String.join(", ", Gateway.ids()), unknownGateway.get("error").asText());
        assertEquals(Gateway.ids().size(), unknownGateway.get("gateways").size());
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
        sim.createDevice(Gateway.of("whatspie"), "1", "x");
        JsonNode queued = post(admin("/whatspie/faults"), "{\"fault\":\"HTTP_500\",\"times\":2}").json(200);
        assertEquals("{\"gateway\":\"whatspie\",\"fault\":\"HTTP_500\",\"times\":2,\"pending\":2}", queued.toString());
        assertEquals(500, FaultsTest.call(Gateway.of("whatspie")).status());
        assertEquals(200, get(admin("/health")).status(), "admin calls take no fault");
        assertEquals(500, FaultsTest.call(Gateway.of("whatspie")).status());
        assertEquals(200, FaultsTest.call(Gateway.of("whatspie")).status());

        post(admin("/whatspie/faults"), "{\"fault\":\"rate_limited\",\"always\":true}").json(200);
        assertEquals(429, FaultsTest.call(Gateway.of("whatspie")).status());
        assertEquals("{\"gateway\":\"whatspie\",\"faults\":\"cleared\"}", send("DELETE", admin("/whatspie/faults"), null).json(200).toString());
        assertEquals(200, FaultsTest.call(Gateway.of("whatspie")).status());

        JsonNode bad = post(admin("/whatspie/faults"), "{\"fault\":\"EXPLODE\"}").json(400);
        assertTrue(bad.get("error").asText().contains("HTTP_500, HTTP_503, RATE_LIMITED, HTML_ERROR_PAGE, MALFORMED_JSON, TIMEOUT, AUTH_REVOKED"));
    }

    @Test
    void resetAndRequests() {
        sim.createDevice(Gateway.of("wassly"), "w1", "x");
        get(sim.baseUrl(Gateway.of("wassly")) + "/whatsapp-web-devices");
        JsonNode log = get(admin("/wassly/requests")).json(200);
        assertEquals(1, log.size());
        assertEquals("/wassly/api/whatsapp-web-devices", log.get(0).get("path").asText());
        sim.faults(Gateway.of("wassly")).always(Fault.HTTP_500);

        assertEquals("{\"status\":\"reset\"}", post(admin("/reset"), null).json(200).toString());
        assertTrue(sim.devices(Gateway.of("wassly")).isEmpty());
        assertTrue(sim.requests(Gateway.of("wassly")).isEmpty());
        assertEquals(0, sim.faults(Gateway.of("wassly")).pending());
        assertEquals(401, get(sim.baseUrl(Gateway.of("wassly")) + "/whatsapp-web-devices").status(), "the permanent fault is gone too");
    }

    @Test
    void rootListsTheGateways() {
        JsonNode index = get(sim.rootUrl() + "/").json(200);
        assertEquals(sim.baseUrl(Gateway.of("witime")), index.get("gateways").get("witime").asText());
        assertEquals(404, get(sim.rootUrl() + "/elsewhere").status());
    }
}
