package io.whatsdev.simulator.witime;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import io.whatsdev.simulator.Gateway;
import io.whatsdev.simulator.QrDecoding;
import io.whatsdev.simulator.SimDevice;
import io.whatsdev.simulator.SimState;
import io.whatsdev.simulator.SimulatorTestSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WitimeApiTest extends SimulatorTestSupport {

    static final Gateway G = Gateway.of(WitimeSimulation.ID);
    static final String WEB_ID = "6D6307C3-2973-4468-85FA-D047CB8E1F2E";
    static final String KEY = "wk-6d6307c3-2973-4468-85fa-d047cb8e1f2e";

    static JsonNode get(String command) {
        return SimulatorTestSupport.get(base(G) + "/" + command + "?wid=" + KEY).json(200);
    }

    static JsonNode post(String command, String body) {
        return SimulatorTestSupport.post(base(G) + "/" + command + "?wid=" + KEY, body).json(200);
    }

    static String codeOf(JsonNode status) {
        return status.get("status").asInt() + " " + status.get("statusString").asText();
    }

    SimDevice instance() {
        return sim.createDevice(G, WEB_ID, "Atendimento Maria").phone("5511987654321");
    }

    @Test
    void keyIsDerivedFromTheWebId() {
        assertEquals(KEY, instance().key());
        assertEquals("wk-demo", sim.createDevice(G, "OTHER", "x").key("wk-demo").key());
        assertEquals(null, sim.createDevice(Gateway.of("whatspie"), "1", "x").key());
    }

    @Test
    void statusObjectOfANewInstance() {
        instance();
        JsonNode s = get("status.aspx");
        assertEquals(List.of("status", "statusString", "connected", "ConnectionInfo", "WebID", "Webhook", "UserAgent", "CanRestoreConnection",
                "stats", "storage"), fields(s));
        assertEquals("0 noConnection", codeOf(s));
        assertFalse(s.get("connected").asBoolean());
        assertTrue(s.get("ConnectionInfo").isNull(), "never connected");
        assertEquals(WEB_ID, s.get("WebID").asText());
        assertEquals(List.of("Contacts", "Chats", "SentBytes", "ReceveidBytes"), fields(s.get("stats")));
        assertEquals(List.of("Name", "Bytes", "Files", "Subs"), fields(s.get("storage")));
    }

    @Test
    void generateQrGivesABase64SvgOfARealQr() {
        SimDevice d = instance();
        JsonNode answer = post("generate_qrcode.aspx", "{\"user_agent\":\"Mozilla/5.0 (Macintosh)\"}");
        assertEquals(List.of("qr", "status", "error", "ttl"), fields(answer));
        assertEquals(1, answer.get("status").asInt());
        assertEquals("", answer.get("error").asText());
        assertEquals(20, answer.get("ttl").asInt());
        String svg = new String(Base64.getDecoder().decode(answer.get("qr").asText()), StandardCharsets.UTF_8);
        assertEquals(d.currentQrToken(), QrDecoding.svg(svg));
        JsonNode s = get("status.aspx");
        assertEquals("3 waitForQRAuthentication", codeOf(s));
        assertEquals("Mozilla/5.0 (Macintosh)", s.get("UserAgent").asText());

        d.scan();
        assertEquals("{\"status\":0,\"error\":\"Connection already established\",\"ttl\":0}",
                post("generate_qrcode.aspx", "{\"user_agent\":\"x\"}").toString());
    }

    @Test
    void connectedStatusHasConnectionInfo() {
        instance().scan();
        JsonNode s = get("status.aspx");
        assertEquals("10 WhatsAppAuthenticated", codeOf(s));
        assertTrue(s.get("connected").asBoolean());
        assertTrue(s.get("CanRestoreConnection").asBoolean());
        JsonNode info = s.get("ConnectionInfo");
        assertEquals("Atendimento Maria", info.get("pushname").asText());
        assertEquals("5511987654321@s.whatsapp.net", info.get("wid").asText());
        assertEquals(List.of("lg", "lc", "phone", "battery", "tos", "pushname", "protoVersion", "plugged", "platform", "wid", "connected",
                "isResponse", "binVersion", "locales"), fields(info));
    }

    @Test
    void codesOfTheOtherStates() {
        SimDevice d = instance();
        d.unlink();
        assertEquals("13 WhatsAppNotAuthenticated", codeOf(get("status.aspx")));
        d.expireQr();
        assertEquals("0 noConnection", codeOf(get("status.aspx")));
        d.suspend();
        assertEquals("13 WhatsAppNotAuthenticated", codeOf(get("status.aspx")));
    }

    @Test
    void closeAndRestoreSessionAnswerTheStatusAsAString() {
        SimDevice d = instance().scan();
        JsonNode closed = get("close_session.aspx");
        assertEquals(List.of("sucesso", "Status"), fields(closed));
        assertTrue(closed.get("sucesso").asBoolean());
        assertTrue(closed.get("Status").isTextual());
        JsonNode inner = JSON.valueToTree(parse(closed.get("Status").asText()));
        assertEquals("11 WhatsAppAuthenticatedConnectionClosed", codeOf(inner));
        assertTrue(inner.get("CanRestoreConnection").asBoolean());
        assertEquals(SimState.DISCONNECTED, d.state());
        assertEquals("11 WhatsAppAuthenticatedConnectionClosed", codeOf(get("status.aspx")));

        JsonNode restored = get("restore_session.aspx");
        assertEquals("10 WhatsAppAuthenticated", codeOf(parse(restored.get("Status").asText())));
        assertEquals(SimState.CONNECTED, d.state());

        assertEquals("{\"status\":0,\"error\":\"No session to restore\",\"ttl\":0}", get("restore_session.aspx").toString());
        d.unlink();
        assertEquals("{\"status\":0,\"error\":\"No session to close\",\"ttl\":0}", get("close_session.aspx").toString());
    }

    @Test
    void disconnectIsAFullLogout() {
        SimDevice d = instance().scan();
        JsonNode out = get("disconnect.aspx");
        assertEquals("0 noConnection", codeOf(out));
        assertFalse(out.get("connected").asBoolean());
        assertEquals(SimState.DISCONNECTED, d.state());
        assertEquals("0 noConnection", codeOf(get("status.aspx")));
        assertFalse(get("status.aspx").get("CanRestoreConnection").asBoolean());
        assertEquals("{\"status\":0,\"error\":\"No session to restore\",\"ttl\":0}", get("restore_session.aspx").toString());
    }

    @Test
    void saveClearAndConfig() {
        instance().scan();
        assertEquals("{\"sucesso\":true}", get("save_session.aspx").toString());
        assertEquals("{\"status\":true,\"message\":\"clear ok\"}", get("clear.aspx").toString());
        JsonNode s = post("set_config.aspx",
                "{\"webhook\":\"https://my-system.com/newWebHook\",\"user_agent\":\"Opera\",\"APIVersionCanBulk\":false,\"APIVersion\":\"1.0\"}");
        assertEquals("10 WhatsAppAuthenticated", codeOf(s));
        assertEquals("https://my-system.com/newWebHook", s.get("Webhook").asText());
        assertEquals("Opera", s.get("UserAgent").asText());
        assertEquals("https://my-system.com/newWebHook", sim.device(G, WEB_ID).webhook());
    }

    @Test
    void englishKeys() {
        instance().scan();
        WitimeApi api = sim.api(G, WitimeApi.class);
        api.useEnglishKeys(true);
        try {
            assertEquals("{\"success\":true}", get("save_session.aspx").toString());
            assertTrue(get("close_session.aspx").get("success").asBoolean());
        } finally {
            api.useEnglishKeys(false);
        }
    }

    @Test
    void unknownOrMissingKey() {
        instance();
        String refusal = "{\"status\":0,\"error\":\"Invalid wid\",\"ttl\":0}";
        assertEquals(refusal, SimulatorTestSupport.get(base(G) + "/status.aspx?wid=wk-nope").json(200).toString());
        assertEquals(refusal, SimulatorTestSupport.get(base(G) + "/status.aspx").json(200).toString());
        assertEquals(refusal, SimulatorTestSupport.post(base(G) + "/generate_qrcode.aspx", "{}").json(200).toString());
    }

    @Test
    void theKeySelectsTheInstance() {
        instance();
        sim.createDevice(G, "SECOND", "Other").key("wk-second").scan();
        assertEquals(WEB_ID, get("status.aspx").get("WebID").asText());
        assertEquals("SECOND", SimulatorTestSupport.get(base(G) + "/status.aspx?wid=wk-second").json(200).get("WebID").asText());
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError(json, e);
        }
    }
}
