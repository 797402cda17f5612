package io.whatsdev.simulator.evolution;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.whatsdev.simulator.Fault;
import io.whatsdev.simulator.Gateway;
import io.whatsdev.simulator.QrDecoding;
import io.whatsdev.simulator.SimDevice;
import io.whatsdev.simulator.SimState;
import io.whatsdev.simulator.SimulatorCredentials;
import io.whatsdev.simulator.SimulatorTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Evolution API v2 over HTTP: every route, the guards in Evolution's order, the lifecycle, QR and pairing codes, faults. */
class EvolutionApiTest extends SimulatorTestSupport {

    static final Gateway G = Gateway.of(EvolutionSimulation.ID);
    static final String KEY = SimulatorCredentials.API_KEY;
    static final String UNAUTHORIZED = "{\"status\":401,\"error\":\"Unauthorized\",\"response\":{\"message\":\"Unauthorized\"}}";
    static final List<String> ROW_FIELDS = List.of("id", "name", "connectionStatus", "ownerJid", "profileName", "profilePicUrl",
            "integration", "number", "businessId", "token", "clientName", "disconnectionReasonCode", "disconnectionObject",
            "disconnectionAt", "createdAt", "updatedAt", "Chatwoot", "Proxy", "Rabbitmq", "Nats", "Sqs", "Websocket", "Setting", "_count");
    static final String ISO = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z";

    @AfterEach
    void defaultSwitches() {
        sim.api(G, EvolutionApi.class).qrcodeLimit(EvolutionApi.DEFAULT_QRCODE_LIMIT).qrDelayed(false);
    }

    /** A call with the given {@code apikey} (null: none); path below the base, e.g. {@code /instance/fetchInstances}. */
    static Answer call(String method, String path, String body, String apikey) {
        return apikey == null ? send(method, base(G) + path, body) : send(method, base(G) + path, body, "apikey", apikey);
    }

    /** A call with the global key. */
    static Answer call(String method, String path, String body) {
        return call(method, path, body, KEY);
    }

    static JsonNode create(String body) {
        return call("POST", "/instance/create", body).json(201);
    }

    static String state(String instance) {
        JsonNode s = call("GET", "/instance/connectionState/" + instance, null).json(200);
        assertEquals(instance, s.get("instance").get("instanceName").asText());
        return s.get("instance").get("state").asText();
    }

    static JsonNode row(String instance) {
        JsonNode rows = call("GET", "/instance/fetchInstances?instanceName=" + instance, null).json(200);
        assertEquals(1, rows.size(), rows::toString);
        return rows.get(0);
    }

    static String error(int status, String reason, String message) {
        return "{\"status\":" + status + ",\"error\":\"" + reason + "\",\"response\":{\"message\":[\"" + message.replace("\"", "\\\"") + "\"]}}";
    }

    // ------------------------------------------------------------------ create

    @Test
    void createAnswersTheInstanceAndItsHash() {
        JsonNode created = create("{\"instanceName\":\"i1\",\"integration\":\"WHATSAPP-BAILEYS\"}");
        assertEquals(List.of("instance", "hash", "webhook", "websocket", "rabbitmq", "nats", "sqs", "settings"), fields(created),
                "no qrcode without qrcode:true");
        JsonNode instance = created.get("instance");
        assertEquals(List.of("instanceName", "instanceId", "integration", "webhookWaBusiness", "accessTokenWaBusiness", "status"), fields(instance));
        SimDevice d = sim.device(G, "i1");
        assertEquals("i1", instance.get("instanceName").asText());
        assertEquals(d.instanceId(), instance.get("instanceId").asText());
        assertTrue(d.instanceId().matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}"), d.instanceId());
        assertEquals("WHATSAPP-BAILEYS", instance.get("integration").asText());
        assertTrue(instance.get("webhookWaBusiness").isNull());
        assertEquals("", instance.get("accessTokenWaBusiness").asText());
        assertEquals("close", instance.get("status").asText());
        String hash = created.get("hash").asText();
        assertTrue(hash.matches("[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[0-9A-F]{4}-[0-9A-F]{12}"), hash);
        assertEquals(hash, d.key());
        assertEquals("{}", created.get("webhook").toString());
        assertEquals("{}", created.get("websocket").toString());
        assertEquals("{\"rejectCall\":false,\"msgCall\":\"\",\"groupsIgnore\":false,\"alwaysOnline\":false,\"readMessages\":false,"
                     + "\"readStatus\":false,\"syncFullHistory\":false,\"wavoipToken\":\"\"}", created.get("settings").toString());
        assertEquals(SimState.NEW, d.state());
        assertEquals("close", state("i1"));
    }

    @Test
    void createWithTokenWebhookSettingsAndQrcode() {
        JsonNode created = create("{\"instanceName\":\"i1\",\"integration\":\"WHATSAPP-BAILEYS\",\"token\":\"my-token\",\"qrcode\":true,"
                                  + "\"rejectCall\":true,\"msgCall\":\"busy\",\"websocket\":{\"enabled\":false},"
                                  + "\"webhook\":{\"enabled\":true,\"url\":\"https://x/evo\",\"byEvents\":false,\"base64\":false,"
                                  + "\"headers\":{\"authorization\":\"Bearer y\"},\"events\":[\"QRCODE_UPDATED\",\"CONNECTION_UPDATE\",\"LOGOUT_INSTANCE\"]}}");
        assertEquals(List.of("instance", "hash", "webhook", "websocket", "rabbitmq", "nats", "sqs", "settings", "qrcode"), fields(created));
        assertEquals("my-token", created.get("hash").asText());
        assertEquals("connecting", created.get("instance").get("status").asText());
        assertEquals("{\"webhookUrl\":\"https://x/evo\",\"webhookHeaders\":{\"authorization\":\"Bearer y\"},\"webhookByEvents\":false,"
                     + "\"webhookBase64\":false}", created.get("webhook").toString());
        assertEquals("{\"enabled\":false}", created.get("websocket").toString());
        assertTrue(created.get("settings").get("rejectCall").asBoolean());
        assertEquals("busy", created.get("settings").get("msgCall").asText());

        JsonNode qr = created.get("qrcode");
        assertEquals(List.of("pairingCode", "code", "base64", "count"), fields(qr));
        assertTrue(qr.get("pairingCode").isNull());
        assertEquals(1, qr.get("count").asInt());
        SimDevice d = sim.device(G, "i1");
        assertEquals(d.currentQrToken(), qr.get("code").asText());
        assertEquals(qr.get("code").asText(), QrDecoding.pngDataUri(qr.get("base64").asText()));
        assertEquals("connecting", state("i1"));
        assertEquals("https://x/evo", d.webhook());

        JsonNode hook = call("GET", "/webhook/find/i1", null).json(200);
        assertEquals(List.of("id", "url", "headers", "enabled", "events", "webhookByEvents", "webhookBase64", "createdAt", "updatedAt",
                "instanceId"), fields(hook));
        assertTrue(hook.get("enabled").asBoolean());
        assertEquals("[\"QRCODE_UPDATED\",\"CONNECTION_UPDATE\",\"LOGOUT_INSTANCE\"]", hook.get("events").toString());
        assertEquals(d.instanceId(), hook.get("instanceId").asText());

        JsonNode setting = row("i1").get("Setting");
        assertTrue(setting.get("rejectCall").asBoolean());
        assertEquals("busy", setting.get("msgCall").asText());
        assertEquals(d.instanceId(), setting.get("instanceId").asText());
    }

    @Test
    void createWithNumberAndQrcodeGivesAPairingCode() {
        JsonNode created = create("{\"instanceName\":\"i1\",\"integration\":\"WHATSAPP-BAILEYS\",\"qrcode\":true,\"number\":\"5511999999999\"}");
        String code = created.get("qrcode").get("pairingCode").asText();
        assertTrue(code.matches("[A-Z0-9]{8}"), code);
        SimDevice d = sim.device(G, "i1");
        assertEquals(d.pairingCode().replace("-", ""), code);
        assertEquals("5511999999999", row("i1").get("number").asText());
        assertNull(d.phone(), "the number is the database's, not yet the paired phone");
    }

    @Test
    void otherIntegrationsAreOpenAtOnce() {
        JsonNode business = create("{\"instanceName\":\"b1\",\"integration\":\"WHATSAPP-BUSINESS\",\"token\":\"meta-token\",\"number\":\"1234567\"}");
        assertEquals("open", business.get("instance").get("status").asText());
        assertEquals(base(G) + "/webhook/meta", business.get("instance").get("webhookWaBusiness").asText());
        assertEquals("evolution", business.get("instance").get("accessTokenWaBusiness").asText());
        assertEquals("open", state("b1"));
        assertEquals("open", create("{\"instanceName\":\"e1\",\"integration\":\"EVOLUTION\",\"qrcode\":true}").get("instance").get("status").asText());
        assertTrue(row("e1").get("ownerJid").isNull(), "only a Baileys instance has an owner from pairing");
    }

    @Test
    void createRefusals() {
        create("{\"instanceName\":\"i1\",\"integration\":\"WHATSAPP-BAILEYS\"}");
        String taken = error(403, "Forbidden", "This name \"i1\" is already in use.");
        assertEquals(taken, call("POST", "/instance/create", "{\"instanceName\":\"i1\",\"integration\":\"WHATSAPP-BAILEYS\"}").json(403).toString());
        assertEquals(taken, call("POST", "/instance/create", "{\"instanceName\":\"i1\"}", null).json(403).toString(), "403 before the key");
        assertEquals(UNAUTHORIZED, call("POST", "/instance/create", "{\"instanceName\":\"i2\"}", null).json(401).toString());
        String token = sim.device(G, "i1").key();
        assertEquals(UNAUTHORIZED, call("POST", "/instance/create", "{\"instanceName\":\"i2\",\"integration\":\"WHATSAPP-BAILEYS\"}", token)
                .json(401).toString(), "create needs the global key");

        assertEquals(error(400, "Bad Request", "Invalid integration"), call("POST", "/instance/create", "{\"instanceName\":\"i2\"}").json(400).toString());
        assertEquals(error(400, "Bad Request", "Invalid integration"),
                call("POST", "/instance/create", "{\"instanceName\":\"i2\",\"integration\":\"WHATSAPP\"}").json(400).toString());
        assertEquals(error(400, "Bad Request", "The \"instanceName\" cannot be empty"),
                call("POST", "/instance/create", "{\"instanceName\":\"\",\"integration\":\"WHATSAPP-BAILEYS\"}").json(400).toString());
        JsonNode schema = call("POST", "/instance/create", "{\"instanceName\":\"i2\",\"integration\":\"WHATSAPP-BAILEYS\",\"number\":\"+55\",\"qrcode\":\"yes\"}")
                .json(400).get("response").get("message");
        assertEquals(2, schema.size(), schema::toString);
        assertTrue(schema.get(0).asText().startsWith("number does not match pattern"), schema::toString);
        assertEquals("qrcode is not of a type(s) boolean", schema.get(1).asText());
        assertEquals(error(400, "Bad Request", "token is required"),
                call("POST", "/instance/create", "{\"instanceName\":\"i2\",\"integration\":\"WHATSAPP-BUSINESS\"}").json(400).toString());
        assertEquals(error(400, "Bad Request", "Cannot read properties of undefined (reading 'length')"),
                call("POST", "/instance/create", "{\"instanceName\":\"i2\",\"integration\":\"WHATSAPP-BAILEYS\",\"webhook\":{\"url\":\"https://x\"}}")
                        .json(400).toString(), "Evolution reads the create webhook's events.length");
        assertEquals(1, sim.devices(G).size(), "no refused create left an instance");
    }

    @Test
    void numberPatternMessageIsJsonschemas() {
        JsonNode message = call("POST", "/instance/create", "{\"instanceName\":\"i2\",\"integration\":\"WHATSAPP-BAILEYS\",\"number\":\"+55\"}")
                .json(400).get("response").get("message");
        assertEquals("number does not match pattern \"^\\\\d+[\\\\.@\\\\w-]+\"", message.get(0).asText());
    }

    // ------------------------------------------------------------------ connect, QR, pairing code, states

    @Test
    void connectionStateThroughTheLifecycle() {
        create("{\"instanceName\":\"i1\",\"integration\":\"WHATSAPP-BAILEYS\"}");
        assertEquals("close", state("i1"));
        JsonNode qr = call("GET", "/instance/connect/i1", null).json(200);
        assertEquals("connecting", state("i1"));
        SimDevice d = sim.device(G, "i1");
        assertEquals(SimState.AWAITING_SCAN, d.state());
        assertEquals(d.currentQrToken(), QrDecoding.pngDataUri(qr.get("base64").asText()));
        assertEquals(qr, call("GET", "/instance/connect/i1", null).json(200), "connecting: the current QR object");

        d.scan();
        assertEquals("open", state("i1"));
        assertEquals("{\"instance\":{\"instanceName\":\"i1\",\"state\":\"open\"}}", call("GET", "/instance/connect/i1", null).json(200).toString());

        assertEquals("{\"status\":\"SUCCESS\",\"error\":false,\"response\":{\"message\":\"Instance logged out\"}}",
                call("DELETE", "/instance/logout/i1", null).json(200).toString());
        assertEquals("close", state("i1"));
        assertEquals(SimState.DISCONNECTED, d.state());

        JsonNode again = call("GET", "/instance/connect/i1", null).json(200);
        assertEquals(2, again.get("count").asInt(), "the count goes on after a logout");
        assertNotEquals(qr.get("code").asText(), again.get("code").asText());
        d.unlink();
        assertEquals("close", state("i1"));
    }

    @Test
    void connectQrObject() {
        sim.createDevice(G, "i1", null);
        JsonNode qr = call("GET", "/instance/connect/i1", null).json(200);
        assertEquals(List.of("pairingCode", "code", "base64", "count"), fields(qr));
        assertTrue(qr.get("pairingCode").isNull());
        assertTrue(qr.get("base64").asText().startsWith("data:image/png;base64,"));
        assertEquals(1, qr.get("count").asInt());
        assertEquals(qr.get("code").asText(), QrDecoding.pngDataUri(qr.get("base64").asText()));
        assertTrue(qr.get("code").asText().startsWith("whatsdev-sim:evolution:i1:"), qr.get("code").asText());
    }

    @Test
    void connectWithNumberGivesAPairingCode() {
        SimDevice d = sim.createDevice(G, "i1", null);
        JsonNode qr = call("GET", "/instance/connect/i1?number=5511999999999", null).json(200);
        String code = qr.get("pairingCode").asText();
        assertTrue(code.matches("[A-Z0-9]{8}"), code);
        assertEquals(d.pairingCode().replace("-", ""), code);
        assertEquals(d.currentQrToken(), QrDecoding.pngDataUri(qr.get("base64").asText()), "the QR code comes too");
        assertEquals(code, call("GET", "/instance/connect/i1?number=5511888888888", null).json(200).get("pairingCode").asText(),
                "connecting: the number is not used");

        JsonNode restarted = call("POST", "/instance/restart/i1", null).json(200);
        String next = restarted.get("pairingCode").asText();
        assertTrue(next.matches("[A-Z0-9]{8}"), "a restart keeps pairing by code: " + restarted);
        assertEquals(2, restarted.get("count").asInt());

        d.scan();
        assertEquals("open", state("i1"));
    }

    @Test
    void restart() {
        SimDevice d = sim.createDevice(G, "i1", null);
        assertEquals("{\"error\":true,\"message\":\"[object Object]\"}", call("POST", "/instance/restart/i1", null).json(200).toString(),
                "close: the error Evolution catches, as 200");
        JsonNode first = call("GET", "/instance/connect/i1", null).json(200);
        JsonNode second = call("POST", "/instance/restart/i1", null).json(200);
        assertEquals(2, second.get("count").asInt(), "connecting: a new socket, a new QR code");
        assertNotEquals(first.get("code"), second.get("code"));
        assertEquals(d.currentQrToken(), second.get("code").asText());
        d.scan();
        assertEquals("{\"instance\":{\"instanceName\":\"i1\",\"state\":\"open\"}}", call("POST", "/instance/restart/i1", null).json(200).toString());
        assertEquals(SimState.CONNECTED, d.state(), "reconnected with the saved session");

        assertEquals(error(404, "Not Found", "Cannot PUT /instance/restart/i1"), call("PUT", "/instance/restart/i1", null).json(404).toString(),
                "restart is a POST (#2223)");
        assertEquals(error(404, "Not Found", "Cannot PUT /instance/restart/i1"), call("PUT", "/instance/restart/i1", null, null).json(404)
                .toString(), "no route: 404 before the key");
    }

    @Test
    void qrcodeLimit() {
        sim.setting(G, "qrcodeLimit", "2");
        SimDevice d = sim.createDevice(G, "i1", null);
        assertEquals(1, call("GET", "/instance/connect/i1", null).json(200).get("count").asInt());
        assertEquals(2, call("POST", "/instance/restart/i1", null).json(200).get("count").asInt());
        assertEquals("{\"count\":0}", call("POST", "/instance/restart/i1", null).json(200).toString(), "the limit: refused, logged out");
        assertEquals("close", state("i1"));
        assertEquals(SimState.EXPIRED, d.state());
        assertEquals(1, call("GET", "/instance/connect/i1", null).json(200).get("count").asInt(), "the count starts again");
        assertEquals("2", sim.settings(G).get("qrcodeLimit"));
        assertThrows(IllegalArgumentException.class, () -> sim.setting(G, "qrcodeLimit", "0"));
    }

    @Test
    void qrDelayedAnswersCountOnlyUntilTheQrComes() {
        sim.api(G, EvolutionApi.class).qrDelayed(true);
        SimDevice d = sim.createDevice(G, "i1", null);
        assertEquals("{\"count\":0}", call("GET", "/instance/connect/i1?number=5511999999999", null).json(200).toString(), "#2385");
        assertEquals("connecting", state("i1"));
        assertEquals("close", row("i1").get("connectionStatus").asText(), "the database says connecting once a QR code came");
        JsonNode qr = call("GET", "/instance/connect/i1", null).json(200);
        assertEquals(1, qr.get("count").asInt());
        assertTrue(qr.get("pairingCode").asText().matches("[A-Z0-9]{8}"), "the number of the first call: " + qr);
        assertEquals(d.currentQrToken(), QrDecoding.pngDataUri(qr.get("base64").asText()));
        assertEquals("connecting", row("i1").get("connectionStatus").asText());
    }

    @Test
    void closeKeepingSessionReconnectsWithoutAQr() {
        SimDevice d = sim.createDevice(G, "i1", null).phone("5511999999999");
        call("GET", "/instance/connect/i1", null).json(200);
        d.scan();
        sim.api(G, EvolutionApi.class).closeKeepingSession("i1");
        assertEquals("close", state("i1"));
        assertEquals("5511999999999@s.whatsapp.net", row("i1").get("ownerJid").asText());
        assertEquals("{\"error\":true,\"message\":\"[object Object]\"}", call("POST", "/instance/restart/i1", null).json(200).toString());
        assertEquals("{\"count\":0}", call("GET", "/instance/connect/i1", null).json(200).toString());
        assertEquals("open", state("i1"));
        assertThrows(IllegalArgumentException.class, () -> sim.api(G, EvolutionApi.class).closeKeepingSession("nope"));
        d.unlink();
        assertThrows(IllegalArgumentException.class, () -> sim.api(G, EvolutionApi.class).closeKeepingSession("i1"));
    }

    @Test
    void suspendedGetsNoQr() {
        SimDevice d = sim.createDevice(G, "i1", null).phone("5511999999999").scan().suspend();
        assertEquals("close", state("i1"));
        assertEquals("{\"count\":0}", call("GET", "/instance/connect/i1", null).json(200).toString());
        assertEquals(SimState.SUSPENDED, d.state());
        assertEquals(403, row("i1").get("disconnectionReasonCode").asInt());
    }

    // ------------------------------------------------------------------ logout and delete

    @Test
    void logoutAndDelete() {
        SimDevice d = sim.createDevice(G, "i1", null);
        assertEquals(error(400, "Bad Request", "The \"i1\" instance is not connected"), call("DELETE", "/instance/logout/i1", null).json(400).toString());
        call("GET", "/instance/connect/i1", null).json(200);
        assertEquals(200, call("DELETE", "/instance/logout/i1", null).status(), "connecting can be logged out");
        assertEquals(SimState.NEW, d.state(), "never paired: close without an owner");
        assertTrue(row("i1").get("ownerJid").isNull());
        assertEquals(401, row("i1").get("disconnectionReasonCode").asInt());

        call("GET", "/instance/connect/i1", null).json(200);
        assertEquals("{\"status\":\"SUCCESS\",\"error\":false,\"response\":{\"message\":\"Instance deleted\"}}",
                call("DELETE", "/instance/delete/i1", null).json(200).toString(), "a connecting instance is logged out, then deleted");
        assertEquals(SimState.DELETED, d.state());
        assertEquals(error(404, "Not Found", "The \"i1\" instance does not exist"), call("GET", "/instance/connectionState/i1", null).json(404).toString());
        assertEquals(error(404, "Not Found", "The \"i1\" instance does not exist"), call("DELETE", "/instance/delete/i1", null).json(404).toString());
        assertEquals("[]", call("GET", "/instance/fetchInstances", null).json(200).toString());

        sim.createDevice(G, "i2", null).scan();
        assertEquals(200, call("DELETE", "/instance/delete/i2", null).status(), "an open instance too");
        assertTrue(sim.devices(G).isEmpty());
    }

    // ------------------------------------------------------------------ fetchInstances

    @Test
    void fetchInstancesRows() {
        SimDevice fresh = sim.createDevice(G, "fresh", null);
        SimDevice paired = sim.createDevice(G, "paired", "Maria").phone("5511987654321").scan();
        JsonNode rows = call("GET", "/instance/fetchInstances", null).json(200);
        assertEquals(2, rows.size());
        JsonNode f = rows.get(0);
        assertEquals(ROW_FIELDS, fields(f));
        assertEquals(fresh.instanceId(), f.get("id").asText());
        assertEquals("fresh", f.get("name").asText());
        assertEquals("close", f.get("connectionStatus").asText());
        assertTrue(f.get("ownerJid").isNull() && f.get("profileName").isNull(), "never paired");
        assertTrue(f.get("disconnectionReasonCode").isNull() && f.get("disconnectionAt").isNull() && f.get("disconnectionObject").isNull());
        assertEquals("WHATSAPP-BAILEYS", f.get("integration").asText());
        assertEquals(fresh.key(), f.get("token").asText());
        assertEquals(EvolutionSimulation.derivedToken("fresh"), fresh.key());
        assertEquals("evolution", f.get("clientName").asText());
        assertTrue(f.get("createdAt").asText().matches(ISO), f.get("createdAt").asText());
        assertEquals("{\"Message\":0,\"Contact\":0,\"Chat\":0}", f.get("_count").toString());
        assertEquals(List.of("id", "rejectCall", "msgCall", "groupsIgnore", "alwaysOnline", "readMessages", "readStatus", "syncFullHistory",
                "wavoipToken", "createdAt", "updatedAt", "instanceId"), fields(f.get("Setting")));

        JsonNode p = rows.get(1);
        assertEquals("open", p.get("connectionStatus").asText());
        assertEquals("5511987654321@s.whatsapp.net", p.get("ownerJid").asText());
        assertEquals("Maria", p.get("profileName").asText());

        call("DELETE", "/instance/logout/paired", null).json(200);
        JsonNode out = row("paired");
        assertEquals("close", out.get("connectionStatus").asText());
        assertEquals("5511987654321@s.whatsapp.net", out.get("ownerJid").asText(), "a disconnected instance keeps its owner");
        assertEquals(401, out.get("disconnectionReasonCode").asInt());
        assertTrue(out.get("disconnectionAt").asText().matches(ISO), out.toString());
        JsonNode object = parse(out.get("disconnectionObject").asText());
        assertEquals(401, object.get("error").get("output").get("statusCode").asInt());
        assertEquals("Intentional Logout", object.get("error").get("output").get("payload").get("message").asText());

        call("GET", "/instance/connect/paired", null).json(200);
        paired.scan();
        assertEquals(401, row("paired").get("disconnectionReasonCode").asInt(), "the database keeps the last close");
        paired.unlink();
        assertEquals(401, row("paired").get("disconnectionReasonCode").asInt(), "the phone unlinked it");
    }

    @Test
    void fetchInstancesFilters() {
        SimDevice one = sim.createDevice(G, "one", null);
        SimDevice two = sim.createDevice(G, "two", null);
        create("{\"instanceName\":\"three\",\"integration\":\"WHATSAPP-BAILEYS\",\"number\":\"5511999999999\",\"token\":\"" + one.key() + "\"}");
        assertEquals(3, call("GET", "/instance/fetchInstances", null).json(200).size());
        assertEquals("two", row("two").get("name").asText());
        assertEquals(error(404, "Not Found", "Instance \"nope\" not found"), call("GET", "/instance/fetchInstances?instanceName=nope", null).json(404).toString());
        assertEquals("two", call("GET", "/instance/fetchInstances?instanceId=" + two.instanceId(), null).json(200).get(0).get("name").asText());
        assertEquals(error(404, "Not Found", "Instance \"x\" not found"), call("GET", "/instance/fetchInstances?instanceId=x", null).json(404).toString());
        assertEquals("three", call("GET", "/instance/fetchInstances?number=5511999999999", null).json(200).get(0).get("name").asText());

        JsonNode own = call("GET", "/instance/fetchInstances", null, one.key()).json(200);
        assertEquals(List.of("one", "three"), List.of(own.get(0).get("name").asText(), own.get(1).get("name").asText()),
                "an instance token lists the instances with that token");
        assertEquals(1, call("GET", "/instance/fetchInstances?instanceName=three", null, one.key()).json(200).size());
        assertEquals(UNAUTHORIZED, call("GET", "/instance/fetchInstances?instanceName=two", null, one.key()).json(401).toString());
        assertEquals(UNAUTHORIZED, call("GET", "/instance/fetchInstances", null, "not-a-token").json(401).toString());
    }

    // ------------------------------------------------------------------ auth

    @Test
    void authInEvolutionsGuardOrder() {
        SimDevice one = sim.createDevice(G, "one", null);
        SimDevice two = sim.createDevice(G, "two", null);
        assertEquals(UNAUTHORIZED, call("GET", "/instance/connectionState/one", null, null).json(401).toString());
        assertEquals(UNAUTHORIZED, call("GET", "/instance/connectionState/one", null, "wrong").json(401).toString());
        assertEquals(UNAUTHORIZED, call("GET", "/instance/connectionState/one", null, "").json(401).toString());
        assertEquals(UNAUTHORIZED, call("GET", "/instance/fetchInstances", null, null).json(401).toString());
        assertEquals("close", call("GET", "/instance/connectionState/one", null, one.key()).json(200).get("instance").get("state").asText(),
                "an instance's token opens its own routes");
        assertEquals(UNAUTHORIZED, call("GET", "/instance/connectionState/two", null, one.key()).json(401).toString(), "not another's");
        assertEquals(200, call("GET", "/instance/connect/two", null, two.key()).status());
        assertEquals(201, call("POST", "/webhook/set/two", "{\"webhook\":{\"enabled\":false,\"url\":\"https://x\"}}", two.key()).status());
        assertEquals(error(404, "Not Found", "The \"nope\" instance does not exist"),
                call("GET", "/instance/connectionState/nope", null, null).json(404).toString(), "404 before the key");
        assertEquals(error(404, "Not Found", "Cannot GET /instance/nothing"), call("GET", "/instance/nothing", null, null).json(404).toString());
        assertEquals(error(404, "Not Found", "Cannot GET /instance/connect"), call("GET", "/instance/connect", null).json(404).toString());
        sim.createDevice(G, "three", null).key("chosen");
        assertEquals(200, call("GET", "/instance/connectionState/three", null, "chosen").status());
    }

    // ------------------------------------------------------------------ webhooks

    @Test
    void webhookSetAndFind() {
        SimDevice d = sim.createDevice(G, "i1", null);
        assertEquals("null", call("GET", "/webhook/find/i1", null).json(200).toString());
        JsonNode set = call("POST", "/webhook/set/i1", "{\"webhook\":{\"enabled\":true,\"url\":\"https://x/evo\",\"events\":[\"CONNECTION_UPDATE\"],"
                                                        + "\"byEvents\":true,\"headers\":{\"jwt_key\":\"k\"}}}").json(201);
        assertEquals(List.of("id", "url", "headers", "enabled", "events", "webhookByEvents", "webhookBase64", "createdAt", "updatedAt",
                "instanceId"), fields(set));
        assertTrue(set.get("id").asText().matches("c[0-9a-z]{24}"), set.get("id").asText());
        assertEquals("https://x/evo", set.get("url").asText());
        assertEquals("{\"jwt_key\":\"k\"}", set.get("headers").toString());
        assertEquals("[\"CONNECTION_UPDATE\"]", set.get("events").toString());
        assertTrue(set.get("webhookByEvents").asBoolean());
        assertFalse(set.get("webhookBase64").asBoolean());
        assertEquals(d.instanceId(), set.get("instanceId").asText());
        assertEquals(set, call("GET", "/webhook/find/i1", null).json(200));
        assertEquals("https://x/evo", d.webhook());

        JsonNode all = call("POST", "/webhook/set/i1", "{\"webhook\":{\"enabled\":true,\"url\":\"https://y\",\"events\":[]}}").json(201);
        assertEquals(EvolutionApi.EVENTS.size(), all.get("events").size(), "no events: all events");
        assertEquals(set.get("id"), all.get("id"), "the same row, updated");
        assertTrue(all.get("webhookByEvents").asBoolean(), "a field not given keeps its value");
        assertEquals("[]", call("POST", "/webhook/set/i1", "{\"webhook\":{\"enabled\":false,\"url\":\"https://y\",\"events\":[\"CALL\"]}}")
                .json(201).get("events").toString(), "disabled: no events");
    }

    @Test
    void webhookRefusals() {
        sim.createDevice(G, "i1", null);
        assertEquals(error(400, "Bad Request", "instance requires property \"webhook\""), call("POST", "/webhook/set/i1", "{}").json(400).toString());
        assertEquals("[\"webhook.enabled is not of a type(s) boolean\",\"webhook requires property \\\"url\\\"\"]",
                call("POST", "/webhook/set/i1", "{\"webhook\":{\"enabled\":\"yes\"}}").json(400).get("response").get("message").toString());
        assertEquals(error(400, "Bad Request", "The \"url\" cannot be empty"),
                call("POST", "/webhook/set/i1", "{\"webhook\":{\"enabled\":true,\"url\":\"\",\"events\":[]}}").json(400).toString());
        assertTrue(call("POST", "/webhook/set/i1", "{\"webhook\":{\"enabled\":true,\"url\":\"https://x\",\"events\":[\"NOPE\"]}}").json(400)
                .get("response").get("message").get(0).asText().startsWith("webhook.events[0] is not one of enum values: APPLICATION_STARTUP,"));
        assertEquals("{\"status\":500,\"error\":\"Internal Server Error\",\"response\":{\"message\":\"Cannot read properties of undefined (reading 'length')\"}}",
                call("POST", "/webhook/set/i1", "{\"webhook\":{\"enabled\":true,\"url\":\"https://x\"}}").json(500).toString(),
                "enabled without events: Evolution reads events.length");
        assertEquals(error(404, "Not Found", "The \"nope\" instance does not exist"), call("GET", "/webhook/find/nope", null).json(404).toString());
        assertEquals(error(400, "Bad Request", "the request body is not valid JSON"), call("POST", "/webhook/set/i1", "{").json(400).toString());
    }

    // ------------------------------------------------------------------ faults

    @Test
    void faults() {
        sim.createDevice(G, "i1", null);
        sim.faults(G).next(Fault.HTTP_500).next(Fault.HTTP_503).next(Fault.RATE_LIMITED).next(Fault.AUTH_REVOKED).next(Fault.HTML_ERROR_PAGE)
                .next(Fault.MALFORMED_JSON).next(Fault.TIMEOUT);
        assertEquals(error(500, "Internal Server Error", "Internal Server Error"), call("GET", "/instance/fetchInstances", null).json(500).toString());
        assertEquals(error(503, "Service Unavailable", "Service Unavailable"), call("GET", "/instance/fetchInstances", null).json(503).toString());
        Answer limited = call("GET", "/instance/fetchInstances", null);
        assertEquals("7", limited.retryAfter());
        assertEquals(error(429, "Too Many Requests", "Too Many Attempts."), limited.json(429).toString());
        assertEquals(UNAUTHORIZED, call("GET", "/instance/fetchInstances", null).json(401).toString());
        Answer html = call("GET", "/instance/fetchInstances", null);
        assertEquals(502, html.status());
        assertTrue(html.contentType().startsWith("text/html"), html.contentType());
        assertThrows(AssertionError.class, call("GET", "/instance/fetchInstances", null)::json);
        long start = System.nanoTime();
        assertEquals(200, call("GET", "/instance/fetchInstances", null).status());
        assertTrue((System.nanoTime() - start) / 1_000_000 >= 290, "delayed");
        assertEquals(200, call("GET", "/instance/fetchInstances", null).status());
    }

    // ------------------------------------------------------------------ the plug-in

    @Test
    void plugin() {
        EvolutionSimulation p = new EvolutionSimulation();
        assertEquals("/evolution", G.basePath());
        assertEquals("http://127.0.0.1:" + sim.port() + "/evolution", sim.baseUrl(G));
        assertEquals("instance-3", p.sampleDeviceId(3));
        assertEquals("apiKey=sim-apikey", p.whatsdevOptions(List.of()));
        assertEquals("apikey: sim-apikey", p.credentials());
        assertEquals("instance-1", sim.createDevice(G, p.sampleDeviceId(1), null).id());
        assertEquals("my instance ü", sim.createDevice(G, "my instance ü", null).id());
        assertEquals("{\"instance\":{\"instanceName\":\"my instance ü\",\"state\":\"close\"}}",
                call("GET", "/instance/connectionState/my%20instance%20%C3%BC", null).json(200).toString(), "the name URL-decoded");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sim.createDevice(G, "a/b", null));
        assertTrue(e.getMessage().startsWith("evolution instance names are 1-255 characters without '/'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> sim.createDevice(G, "x".repeat(256), null));
        assertThrows(IllegalArgumentException.class, () -> sim.createDevice(G, "tab\there", null));
        assertEquals(error(400, "Bad Request", e.getMessage().replace("a/b", "c/d")),
                call("POST", "/instance/create", "{\"instanceName\":\"c/d\",\"integration\":\"WHATSAPP-BAILEYS\"}").json(400).toString());
        assertEquals("{\"qrcodeLimit\":\"30\",\"qrDelayed\":\"false\"}",
                get(sim.rootUrl() + "/_admin/evolution/settings").json(200).toString());
        JsonNode admin = post(sim.rootUrl() + "/_admin/evolution/devices", "{\"id\":\"adm\",\"key\":\"adm-token\"}").json(201);
        assertEquals("adm-token", admin.get("key").asText());
        assertEquals(200, call("GET", "/instance/connectionState/adm", null, "adm-token").status());
    }

    @Test
    void demoDevices() {
        sim.seedDemoDevices();
        assertEquals("open", state("sales"));
        assertEquals("5511987654321@s.whatsapp.net", row("sales").get("ownerJid").asText());
        assertEquals("connecting", state("support"));
        JsonNode qr = call("GET", "/instance/connect/support", null).json(200);
        assertEquals(1, qr.get("count").asInt());
        assertEquals(sim.device(G, "support").currentQrToken(), QrDecoding.pngDataUri(qr.get("base64").asText()));
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError(json, e);
        }
    }
}
