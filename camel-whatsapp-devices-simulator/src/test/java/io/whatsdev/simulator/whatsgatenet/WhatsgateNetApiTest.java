package io.whatsdev.simulator.whatsgatenet;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import io.whatsdev.simulator.Gateway;
import io.whatsdev.simulator.QrDecoding;
import io.whatsdev.simulator.RecordedRequest;
import io.whatsdev.simulator.SimDevice;
import io.whatsdev.simulator.SimState;
import io.whatsdev.simulator.SimulatorCredentials;
import io.whatsdev.simulator.SimulatorTestSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WhatsgateNetApiTest extends SimulatorTestSupport {

    static final Gateway G = Gateway.of(WhatsgateNetSimulation.ID);
    static final String[] AUTH = {"Access-Token", SimulatorCredentials.TOKEN};

    static JsonNode call(String method, String path, String body) {
        return send(method, base(G) + path, body, AUTH).json(200);
    }

    @Test
    void baseUrl() {
        assertEquals("http://127.0.0.1:" + sim.port() + "/whatsgate-net/api", base(G));
    }

    @Test
    void connectGivesARealQrOfTheToken() {
        sim.createDevice(G, "628111000002", "Sales");
        JsonNode answer = call("GET", "/connect/628111000002", null);
        assertEquals(List.of("success", "qrCode"), fields(answer));
        assertTrue(answer.get("success").asBoolean());
        SimDevice d = sim.device(G, "628111000002");
        assertEquals(SimState.AWAITING_SCAN, d.state());
        assertTrue(d.currentQrToken().startsWith("whatsdev-sim:whatsgate-net:628111000002:"), d.currentQrToken());
        assertEquals(d.currentQrToken(), QrDecoding.pngDataUri(answer.get("qrCode").asText()));

        String first = d.currentQrToken();
        call("GET", "/connect/628111000002", null);
        assertFalse(first.equals(d.currentQrToken()), "a new token per connect");
    }

    @Test
    void connectErrors() {
        assertEquals("{\"success\":false,\"message\":\"device not found!\"}", call("GET", "/connect/999", null).toString());
        sim.createDevice(G, "628111000001", "Support").scan();
        assertEquals("{\"success\":false,\"message\":\"device is already connected\"}", call("GET", "/connect/628111000001", null).toString());
    }

    @Test
    void statusWords() {
        SimDevice d = sim.createDevice(G, "628111000001", "Support");
        assertEquals("not initialized", status());
        d.awaitScan();
        assertEquals("not connected", status());
        d.expireQr();
        assertEquals("not connected", status());
        d.scan();
        assertEquals("connected", status());
        d.unlink();
        assertEquals("disconnected", status());
        d.suspend();
        assertEquals("not initialized", status());
        assertEquals("{\"success\":false,\"message\":\"device not found!\"}", call("GET", "/status/1", null).toString());
    }

    private static String status() {
        JsonNode s = call("GET", "/status/628111000001", null);
        assertTrue(s.get("success").asBoolean());
        return s.get("message").asText();
    }

    @Test
    void delete() {
        sim.createDevice(G, "628111000001", "Support");
        assertEquals("{\"success\":false,\"message\":\"The selected sender device is invalid.\"}",
                call("POST", "/delete", "{\"sender_device\":\"1\"}").toString());
        assertEquals("{\"success\":false,\"message\":\"The selected sender device is invalid.\"}", call("POST", "/delete", "{}").toString());
        assertEquals("{\"success\":true,\"message\":\"Device deleted successfully\"}",
                call("POST", "/delete", "{\"sender_device\":\"628111000001\"}").toString());
        assertTrue(sim.devices(G).isEmpty());
        assertEquals("device not found!", call("GET", "/status/628111000001", null).get("message").asText());
    }

    @Test
    void listWithStatus() {
        sim.createDevice(G, "628111000001", "Support").scan();
        sim.createDevice(G, "628111000002", "Sales");
        sim.createDevice(G, "628111000003", "Gone").delete();
        JsonNode list = call("GET", "/devices/status", null);
        assertEquals(List.of("success", "data", "total"), fields(list));
        assertEquals(2, list.get("total").asInt());
        assertEquals("{\"mobile\":\"628111000001\",\"name\":\"Support\",\"instance\":\"device-instance-628111000001\",\"status\":\"connected\","
                     + "\"connected\":true}", list.get("data").get(0).toString());
        assertEquals("not initialized", list.get("data").get(1).get("status").asText());
        assertFalse(list.get("data").get(1).get("connected").asBoolean());
    }

    @Test
    void wrongOrMissingTokenIs403() {
        sim.createDevice(G, "628111000001", "Support");
        assertEquals("{\"message\":\"invalid Access-Token\"}", get(base(G) + "/devices/status", "Access-Token", "nope").json(403).toString());
        assertEquals("{\"message\":\"invalid Access-Token\"}", get(base(G) + "/status/628111000001").json(403).toString());
    }

    @Test
    void unknownPathAndMethod() {
        assertEquals("{\"success\":false,\"message\":\"Not Found\"}", get(base(G) + "/nothing", AUTH).json(404).toString());
        assertEquals(405, send("DELETE", base(G) + "/devices/status", null, AUTH).status());
    }

    @Test
    void requestsAreRecorded() {
        sim.createDevice(G, "628111000001", "Support");
        call("POST", "/delete", "{\"sender_device\":\"628111000001\"}");
        List<RecordedRequest> log = sim.requests(G);
        assertEquals(1, log.size());
        RecordedRequest r = log.get(0);
        assertEquals("POST", r.method());
        assertEquals("/whatsgate-net/api/delete", r.path());
        assertEquals(SimulatorCredentials.TOKEN, r.header("Access-Token"));
        assertTrue(r.headers().containsKey("access-token"), "lower-case names");
        assertEquals("{\"sender_device\":\"628111000001\"}", r.body());
        assertTrue(sim.requests(Gateway.of("whatspie")).isEmpty());
        sim.clearRequests();
        assertTrue(sim.requests(G).isEmpty());
        assertNull(r.header("x-missing"));
    }
}
