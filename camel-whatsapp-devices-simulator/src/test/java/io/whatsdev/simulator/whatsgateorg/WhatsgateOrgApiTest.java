package io.whatsdev.simulator.whatsgateorg;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
import static org.junit.jupiter.api.Assertions.assertTrue;

public class WhatsgateOrgApiTest extends SimulatorTestSupport {

    static final Gateway G = Gateway.of(WhatsgateOrgSimulation.ID);
    static final List<String> SESSION_FIELDS = List.of("id", "name", "unique_id", "status", "callback", "date_add", "qr", "status_name",
            "pushname", "wid", "qr_link");

    static Answer command(String command, String body) {
        return post(base(G) + "/" + command, body, "X-Api-Key", SimulatorCredentials.API_KEY);
    }

    public static JsonNode ok(String command, String body) {
        JsonNode answer = command(command, body).json(200);
        assertEquals("OK", answer.get("result").asText(), answer::toString);
        return answer.get("data");
    }

    @Test
    void createInQrMode() {
        JsonNode answer = command("session-create", "{\"name\":\"My WhatsApp\",\"callback\":\"https://callback.my/script.handler\"}").json(200);
        assertEquals(List.of("result", "data"), fields(answer));
        JsonNode s = answer.get("data");
        assertEquals(SESSION_FIELDS, fields(s));
        assertTrue(s.get("id").isNumber());
        assertEquals("My WhatsApp", s.get("name").asText());
        String uniqueId = s.get("unique_id").asText();
        assertTrue(uniqueId.matches("[1-9][0-9]{12}"), uniqueId);
        assertEquals("PENDING", s.get("status").asText());
        assertEquals("Initialization", s.get("status_name").asText());
        assertEquals("https://callback.my/script.handler", s.get("callback").asText());
        assertTrue(s.get("date_add").asText().matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d"), s.get("date_add").asText());
        assertTrue(s.get("qr").isNull() && s.get("pushname").isNull() && s.get("wid").isNull());
        assertEquals(sim.rootUrl() + "/whatsgate-org/qr/" + uniqueId, s.get("qr_link").asText());
        assertEquals(SimState.NEW, sim.device(G, uniqueId).state());
    }

    @Test
    void createInCodeMode() {
        JsonNode s = ok("session-create", "{\"name\":\"Coded\",\"auth_type\":\"CODE\",\"number\":\"79999999999\"}");
        assertTrue(s.get("code").asText().matches("[A-Z0-9]{4}-[A-Z0-9]{4}"), s.get("code").asText());
        SimDevice d = sim.device(G, s.get("unique_id").asText());
        assertEquals("79999999999", d.phone());
        assertEquals(s.get("code").asText(), d.pairingCode());
        assertFalse(ok("sessions-get", "{}").get(0).has("code"), "listed sessions carry no code");

        assertEquals("{\"result\":\"ERROR\",\"message\":\"number is required for CODE authorization\"}",
                command("session-create", "{\"name\":\"x\",\"auth_type\":\"CODE\"}").json(400).toString());
        assertEquals("{\"result\":\"ERROR\",\"message\":\"name is required\"}", command("session-create", "{}").json(400).toString());
    }

    @Test
    void statuses() {
        SimDevice d = sim.createDevice(G, "6345454545454", "My WhatsApp");
        assertEquals("PENDING/Initialization", status());
        d.awaitScan();
        assertEquals("AUTH/Authorization", status());
        d.expireQr();
        assertEquals("AUTH/Authorization", status());
        d.suspend();
        assertEquals("AUTH/Authorization", status());
        d.scan();
        JsonNode ready = ok("sessions-get", "{\"WhatsappID\":\"6345454545454\"}").get(0);
        assertEquals("READY/Working", ready.get("status").asText() + "/" + ready.get("status_name").asText());
        assertEquals("My WhatsApp", ready.get("pushname").asText());
        assertEquals(d.phone() + "@c.us", ready.get("wid").asText(), "the phone that scanned");
        d.phone("79999999999");
        assertEquals("79999999999@c.us", ok("sessions-get", "{}").get(0).get("wid").asText());
        d.unlink();
        assertEquals("AUTH/Authorization", status());
    }

    private static String status() {
        JsonNode s = ok("sessions-get", "{\"WhatsappID\":\"6345454545454\"}").get(0);
        return s.get("status").asText() + "/" + s.get("status_name").asText();
    }

    @Test
    void sessionsGetFiltersAndPages() {
        for (int i = 1; i <= 5; i++) {
            sim.createDevice(G, "100000000000" + i, i % 2 == 0 ? "even" : "odd");
        }
        sim.device(G, "1000000000003").scan();
        assertEquals(5, ok("sessions-get", "{}").size());
        assertEquals(3, ok("sessions-get", "{\"name\":\"odd\"}").size());
        assertEquals("1000000000003", ok("sessions-get", "{\"status\":\"READY\"}").get(0).get("unique_id").asText());
        assertEquals(1, ok("sessions-get", "{\"WhatsappID\":1000000000002}").size(), "a number is accepted too");
        JsonNode page2 = ok("sessions-get", "{\"page_cnt\":2,\"page\":2}");
        assertEquals(List.of("1000000000003", "1000000000004"), List.of(page2.get(0).get("unique_id").asText(), page2.get(1).get("unique_id").asText()));
        assertEquals(1, ok("sessions-get", "{\"page_cnt\":2,\"page\":3}").size());
        assertEquals(0, ok("sessions-get", "{\"page_cnt\":2,\"page\":4}").size());
    }

    @Test
    void deleteShowsDestroyingOnce() {
        sim.createDevice(G, "6345454545454", "My WhatsApp").scan();
        JsonNode deleted = ok("session-delete", "{\"WhatsappID\":\"6345454545454\"}");
        assertEquals(SESSION_FIELDS, fields(deleted));
        assertEquals("DESTROYING", deleted.get("status").asText());
        assertTrue(sim.devices(G).isEmpty());
        JsonNode listed = ok("sessions-get", "{}");
        assertEquals(1, listed.size());
        assertEquals("DESTROYING/Destroying", listed.get(0).get("status").asText() + "/" + listed.get(0).get("status_name").asText());
        assertEquals(0, ok("sessions-get", "{}").size());
        assertEquals("{\"result\":\"ERROR\",\"message\":\"Session not found\"}",
                command("session-delete", "{\"WhatsappID\":\"6345454545454\"}").json(200).toString());
    }

    @Test
    void javaDeleteIsAlsoReportedOnce() {
        sim.createDevice(G, "6345454545454", "My WhatsApp").delete();
        assertEquals("DESTROYING", ok("sessions-get", "{}").get(0).get("status").asText());
        assertEquals(0, ok("sessions-get", "{}").size());
    }

    @Test
    void setHook() {
        sim.createDevice(G, "6345454545454", "My WhatsApp");
        JsonNode s = ok("set-hook", "{\"WhatsappID\":\"6345454545454\",\"callback\":\"https://new.example/hook\"}");
        assertEquals("https://new.example/hook", s.get("callback").asText());
        assertEquals("https://new.example/hook", sim.device(G, "6345454545454").webhook());
        assertEquals("{\"result\":\"ERROR\",\"message\":\"Session not found\"}",
                command("set-hook", "{\"WhatsappID\":\"1\",\"callback\":\"https://x\"}").json(200).toString());
    }

    @Test
    void badCredentialsAreHttp500Unauthorized() {
        String expected = "{\"name\":\"Unauthorized\",\"message\":\"Your request was made with invalid credentials.\",\"code\":0,\"status\":401}";
        assertEquals(expected, post(base(G) + "/sessions-get", "{}", "X-Api-Key", "wrong").json(500).toString());
        assertEquals(expected, post(base(G) + "/sessions-get", "{}").json(500).toString());
    }

    @Test
    void everyCommandIsAPost() {
        JsonNode e = get(base(G) + "/sessions-get", "X-Api-Key", SimulatorCredentials.API_KEY).json(405);
        assertEquals("{\"name\":\"Method Not Allowed\",\"message\":\"Method Not Allowed\",\"code\":0,\"status\":405}", e.toString());
        assertEquals(404, command("nothing", "{}").status());
        assertEquals(400, command("sessions-get", "{not json").status());
    }

    private static final Pattern SVG = Pattern.compile("<svg.*</svg>", Pattern.DOTALL);

    @Test
    void qrPageShowsARealQrAndMovesTheSessionToAuth() {
        JsonNode s = ok("session-create", "{\"name\":\"My WhatsApp\"}");
        Answer page = get(s.get("qr_link").asText()); // no credentials
        assertEquals(200, page.status());
        assertEquals("text/html; charset=utf-8", page.contentType());
        assertTrue(page.text().contains("postMessage({module:'qr',message:'qr'}"), page.text());
        SimDevice d = sim.device(G, s.get("unique_id").asText());
        assertEquals(SimState.AWAITING_SCAN, d.state());
        Matcher m = SVG.matcher(page.text());
        assertTrue(m.find());
        assertEquals(d.currentQrToken(), QrDecoding.svg("<?xml version=\"1.0\"?>" + m.group()));
        String token = d.currentQrToken();
        get(s.get("qr_link").asText());
        assertEquals(token, d.currentQrToken(), "the page shows the same code while it waits");

        d.scan();
        assertTrue(get(s.get("qr_link").asText()).text().contains("message:'success'"));
        Answer broken = get(sim.rootUrl() + "/whatsgate-org/qr/1");
        assertEquals(404, broken.status());
        assertTrue(broken.text().contains("message:'broken'"));
    }
}
