package io.whatsdev.simulator.wassly;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import io.whatsdev.simulator.Gateway;
import io.whatsdev.simulator.SimDevice;
import io.whatsdev.simulator.SimulatorCredentials;
import io.whatsdev.simulator.SimulatorTestSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WasslyApiTest extends SimulatorTestSupport {

    static final Gateway G = Gateway.of(WasslySimulation.ID);
    static final String LOGIN = "{\"email\":\"" + SimulatorCredentials.USERNAME + "\",\"password\":\"" + SimulatorCredentials.PASSWORD + "\"}";

    static String login() {
        JsonNode answer = post(base(G) + "/login", LOGIN, "apikey", SimulatorCredentials.API_KEY).json(200);
        return answer.get("data").get("token").asText();
    }

    static Answer devices(String token) {
        return get(base(G) + "/whatsapp-web-devices", "apikey", SimulatorCredentials.API_KEY, "Authorization", "Bearer " + token);
    }

    @Test
    void loginIssuesIncreasingTokens() {
        JsonNode answer = post(base(G) + "/login", LOGIN, "apikey", SimulatorCredentials.API_KEY).json(200);
        assertEquals("{\"success\":true,\"message\":\"Login Successfully\",\"data\":{\"id\":1,\"name\":\"Demo\",\"email\":\""
                     + SimulatorCredentials.USERNAME + "\",\"token\":\"wassly-token-1\"}}", answer.toString());
        assertEquals("wassly-token-2", login());
    }

    @Test
    void loginRefusals() {
        assertEquals("{\"success\":false,\"message\":\"Invalid credentials\"}",
                post(base(G) + "/login", "{\"email\":\"demo@whatsdev.test\",\"password\":\"wrong\"}", "apikey", SimulatorCredentials.API_KEY)
                        .json(401).toString());
        assertEquals("{\"success\":false,\"message\":\"Unauthenticated\"}", post(base(G) + "/login", LOGIN, "apikey", "wrong").json(401).toString());
        assertEquals("{\"success\":false,\"message\":\"Unauthenticated\"}", post(base(G) + "/login", LOGIN).json(401).toString());
    }

    @Test
    void listsDevicesWithStableInstanceIds() {
        SimDevice chrome = sim.createDevice(G, "device_id_123", "Chrome on Windows").scan();
        sim.createDevice(G, "device_id_456", "Firefox on Linux");
        sim.createDevice(G, "device_id_789", "Edge").suspend();
        sim.createDevice(G, "device_id_000", "Gone").delete();
        JsonNode answer = devices(login()).json(200);
        assertEquals(List.of("success", "devices"), fields(answer));
        JsonNode first = answer.get("devices").get(0);
        assertEquals(List.of("id", "name", "status", "lastActive", "instance_id"), fields(first));
        assertEquals("device_id_123", first.get("id").asText());
        assertEquals("Chrome on Windows", first.get("name").asText());
        assertEquals("connected", first.get("status").asText());
        Instant.parse(first.get("lastActive").asText());
        assertEquals(chrome.instanceId(), first.get("instance_id").asText());
        assertTrue(chrome.instanceId().matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), chrome.instanceId());
        assertEquals("disconnected", answer.get("devices").get(1).get("status").asText());
        assertEquals("suspended", answer.get("devices").get(2).get("status").asText());
        assertEquals(3, answer.get("devices").size());

        sim.reset();
        assertEquals(chrome.instanceId(), sim.createDevice(G, "device_id_123", "again").instanceId(), "derived from the id");
    }

    @Test
    void tokensAndRevocation() {
        sim.createDevice(G, "device_id_123", "Chrome");
        String token = login();
        assertEquals(200, devices(token).status());
        assertEquals(200, devices(SimulatorCredentials.TOKEN).status(), "the fixed token is accepted");
        assertEquals("{\"success\":false,\"message\":\"Unauthenticated\"}", devices("made-up").json(401).toString());
        assertEquals(401, get(base(G) + "/whatsapp-web-devices", "Authorization", "Bearer " + token).status(), "apikey missing");
        assertEquals(401, get(base(G) + "/whatsapp-web-devices", "apikey", SimulatorCredentials.API_KEY).status(), "token missing");

        sim.api(G, WasslyApi.class).revokeTokens();
        assertEquals(401, devices(token).status());
        assertEquals(200, devices(SimulatorCredentials.TOKEN).status());
        assertEquals(200, devices(login()).status());
    }
}
