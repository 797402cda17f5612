package io.whatsdev.simulator.whatspie;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import io.whatsdev.simulator.Gateway;
import io.whatsdev.simulator.QrDecoding;
import io.whatsdev.simulator.SimDevice;
import io.whatsdev.simulator.SimState;
import io.whatsdev.simulator.SimulatorCredentials;
import io.whatsdev.simulator.SimulatorTestSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

public class WhatspieApiTest extends SimulatorTestSupport {

    static final Gateway G = Gateway.of(WhatspieSimulation.ID);
    static final String[] AUTH = {"Authorization", "Bearer " + SimulatorCredentials.TOKEN};

    public static Answer call(String method, String path, String body) {
        return send(method, base(G) + path, body, AUTH);
    }

    @Test
    void createGivesNumericIdsAndTheDocumentedDevice() {
        JsonNode created = call("POST", "/devices", "{\"package\":\"STARTUP240K\",\"name\":\"Customer Service\"}").json(200);
        assertEquals(List.of("status", "message", "data"), fields(created));
        assertEquals(200, created.get("status").asInt());
        assertEquals("OK", created.get("message").asText());
        JsonNode d = created.get("data");
        assertEquals(List.of("id", "phone", "webhook_url", "status", "version", "paired_status", "created_at", "updated_at", "server",
                "package", "subscription"), fields(d));
        assertTrue(d.get("id").isNumber());
        assertEquals(2076, d.get("id").asInt());
        assertTrue(d.get("phone").isNull());
        assertEquals("ACTIVE", d.get("status").asText());
        assertEquals("multidevice", d.get("version").asText());
        assertEquals("UNPAIRED", d.get("paired_status").asText());
        assertTrue(d.get("created_at").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), d.get("created_at").asText());
        Instant.parse(d.get("updated_at").asText());
        assertEquals(List.of("name", "status"), fields(d.get("server")));
        assertEquals("{\"code\":\"STARTUP240K\",\"name\":\"Startup\"}", d.get("package").toString());
        assertEquals(List.of("quote_available", "quote_used"), fields(d.get("subscription")));
        assertTrue(d.get("subscription").get("quote_available").isTextual());

        assertEquals(2077, call("POST", "/devices", "{\"package\":\"BETA\",\"name\":\"two\"}").json(200).get("data").get("id").asInt());
        assertEquals(SimState.NEW, sim.device(G, "2077").state());
        assertEquals("two", sim.device(G, "2077").name());
    }

    @Test
    void createErrors() {
        assertEquals("{\"code\":400,\"message\":\"Invalid package type\",\"error\":\"Package 'INVALID_PACKAGE' is not available\"}",
                call("POST", "/devices", "{\"package\":\"INVALID_PACKAGE\",\"name\":\"x\"}").json(400).toString());
        WhatspieApi api = sim.api(G, WhatspieApi.class);
        api.deviceLimit(1);
        try {
            call("POST", "/devices", "{\"package\":\"BETA\",\"name\":\"one\"}").json(200);
            assertEquals("{\"code\":403,\"message\":\"Device limit exceeded\",\"error\":\"Maximum number of devices reached for your plan\"}",
                    call("POST", "/devices", "{\"package\":\"BETA\",\"name\":\"two\"}").json(403).toString());
        } finally {
            api.deviceLimit(WhatspieApi.DEFAULT_DEVICE_LIMIT);
        }
        assertEquals(1, sim.devices(G).size());
    }

    @Test
    void createWithoutDeviceInTheAnswer() {
        sim.api(G, WhatspieApi.class).createReturnsDevice(false);
        try {
            assertEquals("{\"status\":200,\"message\":\"OK\"}",
                    call("POST", "/devices", "{\"package\":\"BUSINESS\",\"name\":\"Enterprise Bot\"}").json(200).toString());
            assertEquals("Enterprise Bot", sim.devices(G).get(0).name());
        } finally {
            sim.api(G, WhatspieApi.class).createReturnsDevice(true);
        }
    }

    @Test
    void listAndGet() {
        sim.createDevice(G, "5", "Bot").phone("62895383079050").scan();
        sim.createDevice(G, "6", "Other");
        JsonNode list = call("GET", "/devices", null).json(200);
        assertEquals(2, list.get("data").size());
        JsonNode one = call("GET", "/devices/5", null).json(200);
        assertEquals(5, one.get("data").get("id").asInt());
        assertEquals("62895383079050", one.get("data").get("phone").asText());
        assertEquals("PAIRED", one.get("data").get("paired_status").asText());
        assertEquals("{\"code\":404,\"message\":\"Device not found\",\"error\":\"Device with ID 999 does not exist\"}",
                call("GET", "/devices/999", null).json(404).toString());
    }

    @Test
    void pairedStatusAndAccountStatus() {
        SimDevice d = sim.createDevice(G, "5", "Bot");
        assertEquals("UNPAIRED", paired());
        d.awaitScan();
        assertEquals("UNPAIRED", paired());
        d.scan();
        assertEquals("PAIRED", paired());
        d.unlink();
        assertEquals("UNPAIRED", paired());
        d.expireQr();
        assertEquals("EXPIRED", paired());
        d.suspend();
        assertEquals("SUSPENDED", paired());
        assertEquals("INACTIVE", call("GET", "/devices/5", null).json(200).get("data").get("status").asText());
    }

    private static String paired() {
        return call("GET", "/devices/5", null).json(200).get("data").get("paired_status").asText();
    }

    @Test
    void qrAsUrlServesARealPng() {
        sim.createDevice(G, "5", "Bot");
        JsonNode answer = call("GET", "/devices/5/qr?response_type=url", null).json(200);
        assertEquals(List.of("status", "message", "data"), fields(answer));
        String url = answer.get("data").get("qr").asText();
        SimDevice d = sim.device(G, "5");
        assertEquals(SimState.AWAITING_SCAN, d.state());
        assertEquals(base(G) + "/qr-images/" + d.currentQrToken() + ".png", url);
        Answer image = get(url); // no credentials needed
        assertEquals(200, image.status());
        assertEquals("image/png", image.contentType());
        assertEquals(d.currentQrToken(), QrDecoding.png(image.bytes()));

        d.scan();
        assertEquals(404, get(url).status(), "a used QR code is gone");
    }

    @Test
    void qrAsDataUri() {
        sim.createDevice(G, "5", "Bot");
        String qr = call("GET", "/devices/5/qr", null).json(200).get("data").get("qr").asText();
        assertEquals(sim.device(G, "5").currentQrToken(), QrDecoding.pngDataUri(qr));
    }

    @Test
    void qrErrors() {
        SimDevice d = sim.createDevice(G, "5", "Bot").scan();
        assertEquals("{\"code\":200,\"message\":\"Device connected\"}", call("GET", "/devices/5/qr?response_type=url", null).json(200).toString());
        d.suspend();
        assertEquals("{\"code\":500,\"message\":\"QR code generation failed\"}",
                call("GET", "/devices/5/qr?response_type=url", null).json(500).toString());
        assertEquals(404, call("GET", "/devices/77/qr", null).json(404).get("code").asInt());
    }

    @Test
    void authRefusal() {
        assertEquals("{\"code\":401,\"message\":\"Unauthenticated\"}", get(base(G) + "/devices").json(401).toString());
        assertEquals("{\"code\":401,\"message\":\"Unauthenticated\"}", get(base(G) + "/devices", "Authorization", "Bearer nope").json(401).toString());
        assertEquals(200, get(base(G) + "/devices", "Authorization", "bearer " + SimulatorCredentials.TOKEN).status());
    }

    @Test
    void javaCreatedIdsMustBeNumeric() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> sim.createDevice(G, "abc", "x"));
        assertTrue(e.getMessage().contains("numeric"), e.getMessage());
        sim.createDevice(G, "2076", "taken");
        assertEquals(2077, call("POST", "/devices", "{\"package\":\"BETA\",\"name\":\"next\"}").json(200).get("data").get("id").asInt());
        assertNotNull(sim.device(G, "2077"));
        assertFalse(sim.devices(G).isEmpty());
    }
}
