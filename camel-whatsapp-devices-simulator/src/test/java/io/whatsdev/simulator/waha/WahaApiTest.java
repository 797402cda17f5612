package io.whatsdev.simulator.waha;

import java.time.Duration;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import io.whatsdev.simulator.Fault;
import io.whatsdev.simulator.Gateway;
import io.whatsdev.simulator.GatewaySimulator;
import io.whatsdev.simulator.QrDecoding;
import io.whatsdev.simulator.SimDevice;
import io.whatsdev.simulator.SimState;
import io.whatsdev.simulator.SimulatorCredentials;
import io.whatsdev.simulator.SimulatorTestSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * WAHA's session API on the simulator, over HTTP: every route, its refusals, and that every answer with a schema in
 * WAHA's OpenAPI spec ({@value #SPEC_RESOURCE}, a byte-for-byte copy of devlikeapro/waha-docs at 1a6f1c4d,
 * {@code static/swagger/openapi.json}, version 2026.7.1) validates against it and carries no field the spec lacks
 * but {@code engine}.
 */
class WahaApiTest extends SimulatorTestSupport {

    static final String SPEC_RESOURCE = "/waha/waha-openapi.json";

    /**
     * WAHA's spec, with what WAHA's wire does beyond it, each from WAHA's own sources: {@code me} is null until the
     * session works (docs, "Response" of Create Session; source, manager.core.ts), {@code presence} is null
     * (manager.core.ts), and webhook events are strings (the providers' README erratum; docs and source).
     */
    static final OpenApiSchema SPEC = OpenApiSchema.load(SPEC_RESOURCE).allowNull("SessionInfo.me").allowNull("SessionInfo.presence")
            .override("WebhookConfig.events", OpenApiSchemaTest.json("{\"type\":\"array\",\"items\":{\"type\":\"string\"}}"));

    static final Gateway G = Gateway.of(WahaSimulation.ID);
    static final List<String> SESSION_FIELDS = List.of("name", "status", "me", "presence", "timestamps");
    static final List<String> DETAILED_FIELDS = List.of("name", "status", "me", "presence", "timestamps", "engine");
    static final String FULL_CONFIG = "{\"metadata\":{\"user.id\":\"123\"},\"webhooks\":[{\"url\":\"https://x/h\",\"events\":[\"session.status\"],"
                                      + "\"hmac\":{\"key\":\"sec\"},\"retries\":{\"policy\":\"exponential\",\"delaySeconds\":2,\"attempts\":5},"
                                      + "\"customHeaders\":[{\"name\":\"X-A\",\"value\":\"1\"}]}]}";

    // ------------------------------------------------------------------ calls

    static Answer call(String method, String path, String body) {
        return send(method, base(G) + path, body, "X-Api-Key", SimulatorCredentials.API_KEY);
    }

    /** A call whose body must itself be valid for the spec's request schema of the operation. */
    static Answer valid(String method, String specPath, String path, String body) {
        assertEquals(List.of(), SPEC.errors(OpenApiSchemaTest.json(body), SPEC.request(method.toLowerCase(), specPath)), body);
        return call(method, path, body);
    }

    /**
     * The JSON answer of a session operation: its status, validity against the spec's answer schema, and no field
     * beyond SessionInfo's but {@code engine} (the answers that WAHA renders as its SessionDetailedInfo).
     */
    static JsonNode session(Answer a, String method, String specPath, int status, boolean detailed) {
        JsonNode body = a.json(status);
        assertValid(body, method, specPath, status);
        assertEquals(detailed ? List.of("$.engine") : List.of(), SPEC.undeclared(body, SPEC.component("SessionInfo")), body::toString);
        return body;
    }

    static void assertValid(JsonNode body, String method, String specPath, int status) {
        JsonNode schema = SPEC.response(method, specPath, status, "application/json");
        assertEquals(List.of(), SPEC.errors(body, schema), body::toString);
        if (!method.equals("get") || !specPath.equals("/api/sessions/{session}")) {
            return;
        }
        assertEquals(List.of(), SPEC.errors(body, SPEC.component("SessionInfo")), "SessionInfo");
    }

    static JsonNode getSession(String name) {
        return session(call("GET", "/api/sessions/" + name, null), "get", "/api/sessions/{session}", 200, true);
    }

    static JsonNode list(String query) {
        JsonNode list = call("GET", "/api/sessions" + query, null).json(200);
        assertValid(list, "get", "/api/sessions", 200);
        assertEquals(List.of(), SPEC.undeclared(list, SPEC.response("get", "/api/sessions", 200, "application/json")), list::toString);
        return list;
    }

    static JsonNode action(String name, String action) {
        return session(call("POST", "/api/sessions/" + name + "/" + action, null), "post", "/api/sessions/{session}/" + action, 201, true);
    }

    static JsonNode create(String body) {
        return session(valid("POST", "/api/sessions", "/api/sessions", body), "post", "/api/sessions", 201, true);
    }

    static String status(JsonNode session) {
        return session.get("status").asText();
    }

    static List<String> names(JsonNode list) {
        return java.util.stream.StreamSupport.stream(list.spliterator(), false).map(s -> s.get("name").asText() + "/" + status(s)).toList();
    }

    static SimDevice scanning(String name) {
        create("{\"name\":\"" + name + "\",\"start\":true}");
        assertEquals("SCAN_QR_CODE", status(getSession(name)));
        return sim.device(G, name);
    }

    static SimDevice working(String name, String pushName, String phone) {
        return sim.createDevice(G, name, pushName).phone(phone).scan();
    }

    static String expectedError(int status, String error, String message) {
        return "{\"message\":" + JSON.valueToTree(message) + ",\"error\":\"" + error + "\",\"statusCode\":" + status + "}";
    }

    // ------------------------------------------------------------------ sessions

    @Test
    void createStartsTheSessionWhichMovesOnToScanQrCode() {
        JsonNode created = create("{\"name\":\"s1\",\"start\":true,\"config\":" + FULL_CONFIG + "}");
        assertEquals(List.of("name", "status", "config", "me", "presence", "timestamps", "engine"), fields(created));
        assertEquals("s1", created.get("name").asText());
        assertEquals("STARTING", status(created));
        assertEquals(OpenApiSchemaTest.json(FULL_CONFIG), created.get("config"), "the config is kept and echoed");
        assertTrue(created.get("me").isNull() && created.get("presence").isNull());
        assertEquals("{\"activity\":null}", created.get("timestamps").toString());
        assertEquals("{\"engine\":\"NOWEB\"}", created.get("engine").toString());

        JsonNode read = getSession("s1");
        assertEquals("SCAN_QR_CODE", status(read));
        assertEquals(OpenApiSchemaTest.json(FULL_CONFIG), read.get("config"));
        SimDevice d = sim.device(G, "s1");
        assertEquals(SimState.AWAITING_SCAN, d.state());
        assertTrue(d.currentQrToken() != null);
        assertEquals(List.of("STARTING", "SCAN_QR_CODE"), WahaApi.statuses(d).stream().map(WahaApi.StatusChange::status).toList());
    }

    @Test
    void createWithoutStartIsStoppedAndListedOnlyWithAll() {
        JsonNode created = create("{\"name\":\"s1\",\"start\":false}");
        assertEquals(DETAILED_FIELDS, fields(created), "no config: none shown");
        assertEquals("STOPPED", status(created));
        assertEquals("{}", created.get("engine").toString(), "a stopped session has no engine");
        create("{\"name\":\"s2\",\"start\":true}");
        working("default", "WAHA", "11111111111");

        assertEquals(List.of("s2/SCAN_QR_CODE", "default/WORKING"), names(list("")));
        assertEquals(List.of("s2/SCAN_QR_CODE", "default/WORKING"), names(list("?all=false")));
        assertEquals(List.of("s1/STOPPED", "s2/SCAN_QR_CODE", "default/WORKING"), names(list("?all=true")));
        assertEquals(3, list("?all=1").size());
        JsonNode item = list("?all=true").get(0);
        assertEquals(SESSION_FIELDS, fields(item), "list items have no engine");
        assertEquals(expectedError(400, "Bad Request", "x").replace("\"x\"", "[\"all must be a boolean value\"]"),
                call("GET", "/api/sessions?all=maybe", null).json(400).toString());
    }

    @Test
    void createGeneratesANameAndStartsByDefault() {
        JsonNode created = create("{}");
        assertTrue(created.get("name").asText().matches("session_[0-9a-f]{32}"), created::toString);
        assertEquals("STARTING", status(created));
        assertEquals("STARTING", status(create("{\"name\":\"\"}")), "an empty name is generated too");
        WahaApi api = sim.api(G, WahaApi.class);
        try {
            api.startByDefault(false);
            assertEquals("STOPPED", status(create("{\"name\":\"s1\"}")));
            assertEquals("false", sim.settings(G).get("startByDefault"));
        } finally {
            api.startByDefault(true);
        }
    }

    @Test
    void createWithATakenNameIs422() {
        create("{\"name\":\"s1\",\"start\":false}");
        assertEquals(expectedError(422, "Unprocessable Entity", "Session 's1' already exists. Use PUT to update it."),
                call("POST", "/api/sessions", "{\"name\":\"s1\"}").json(422).toString());
    }

    @Test
    void createRefusesBadBodiesAsWahasValidationDoes() {
        String longName = "x".repeat(55);
        assertEquals("{\"message\":[\"name must be shorter than or equal to 54 characters\",\"start must be a boolean value\"],"
                     + "\"error\":\"Bad Request\",\"statusCode\":400}",
                call("POST", "/api/sessions", "{\"name\":\"" + longName + "\",\"start\":\"yes\"}").json(400).toString());
        assertEquals("[\"name must contain only letters, digits, '_' and '-'\"]",
                call("POST", "/api/sessions", "{\"name\":\"a b\"}").json(400).get("message").toString());
        assertEquals("[\"config.webhooks.0.url must be a string\",\"config.webhooks.0.events must be an array\"]",
                call("POST", "/api/sessions", "{\"config\":{\"webhooks\":[{\"events\":\"x\"}]}}").json(400).get("message").toString());
        assertEquals("[\"config.webhooks.0.retries.policy must be one of the following values: linear, exponential, constant\"]",
                call("POST", "/api/sessions", "{\"config\":{\"webhooks\":[{\"url\":\"u\",\"events\":[],\"retries\":{\"policy\":\"x\"}}]}}")
                        .json(400).get("message").toString());
        assertEquals(expectedError(400, "Bad Request", "the request body is not valid JSON"),
                call("POST", "/api/sessions", "{nope").json(400).toString());
        assertTrue(sim.devices(G).isEmpty(), "nothing was created");
    }

    @Test
    void unknownConfigFieldsAreDroppedAsWahaDoes() {
        JsonNode created = create("{\"name\":\"s1\",\"start\":false,\"config\":{\"debug\":true,\"proxy\":{\"server\":\"localhost:3128\"}}}");
        assertEquals("{\"debug\":true,\"proxy\":{\"server\":\"localhost:3128\"}}", created.get("config").toString());
        JsonNode odd = call("POST", "/api/sessions", "{\"name\":\"s2\",\"start\":false,\"config\":{\"colour\":\"red\",\"webhooks\":[{\"url\":\"u\","
                                                     + "\"events\":[\"*\"],\"extra\":1}]}}").json(201);
        assertEquals("{\"webhooks\":[{\"url\":\"u\",\"events\":[\"*\"]}]}", odd.get("config").toString());
    }

    @Test
    void unknownSessionsAre404() {
        String notFound = expectedError(404, "Not Found", "Session not found");
        assertEquals(notFound, call("GET", "/api/sessions/nope", null).json(404).toString());
        assertEquals(notFound, call("PUT", "/api/sessions/nope", "{}").json(404).toString());
        for (String action : List.of("start", "stop", "restart", "logout")) {
            assertEquals(notFound, call("POST", "/api/sessions/nope/" + action, null).json(404).toString(), action);
        }
    }

    @Test
    void aWorkingSessionShowsItsAccount() {
        working("default", "WAHA", "11111111111");
        JsonNode s = getSession("default");
        assertEquals("WORKING", status(s));
        assertEquals("{\"id\":\"11111111111@c.us\",\"pushName\":\"WAHA\"}", s.get("me").toString());
        assertTrue(s.get("timestamps").get("activity").isNumber());
        assertEquals("{\"engine\":\"NOWEB\"}", s.get("engine").toString());
        sim.createDevice(G, "anonymous", null).scan();
        JsonNode anonymous = getSession("anonymous");
        assertEquals("~", anonymous.get("me").get("pushName").asText(), "no push name");
        assertEquals(sim.device(G, "anonymous").phone() + "@c.us", anonymous.get("me").get("id").asText(), "the phone that scanned");
    }

    @Test
    void unlinkedExpiredAndSuspendedSessionsHaveFailed() {
        SimDevice d = working("default", "WAHA", "11111111111");
        d.unlink();
        assertEquals("FAILED", status(getSession("default")));
        assertTrue(getSession("default").get("me").isNull());
        d.expireQr();
        assertEquals("FAILED", status(getSession("default")), "QR codes exhausted");
        d.suspend();
        assertEquals("FAILED", status(getSession("default")));
        d.awaitScan();
        assertEquals("SCAN_QR_CODE", status(getSession("default")));
    }

    @Test
    void aSessionsLife() {
        SimDevice d = scanning("s1");
        String firstQr = d.currentQrToken();
        d.scan();
        assertEquals("WORKING", status(getSession("s1")));

        JsonNode stopped = action("s1", "stop");
        assertEquals("STOPPED", status(stopped));
        assertTrue(stopped.get("me").isNull());
        assertEquals("{}", stopped.get("engine").toString());
        assertEquals("STOPPED", status(action("s1", "stop")), "stop is idempotent");
        assertEquals(List.of(), names(list("")));
        assertEquals(List.of("s1/STOPPED"), names(list("?all=true")));

        assertEquals("STARTING", status(action("s1", "start")));
        JsonNode restored = getSession("s1");
        assertEquals("WORKING", status(restored), "stop keeps the auth: no new QR code");
        assertEquals(d.phone() + "@c.us", restored.get("me").get("id").asText());
        assertEquals("WORKING", status(action("s1", "start")), "start is idempotent");

        assertEquals("STARTING", status(action("s1", "logout")), "a running session starts again without auth");
        assertEquals("SCAN_QR_CODE", status(getSession("s1")));
        assertNotEquals(firstQr, d.currentQrToken());

        String secondQr = d.currentQrToken();
        assertEquals("STARTING", status(action("s1", "restart")));
        assertEquals("SCAN_QR_CODE", status(getSession("s1")));
        assertNotEquals(secondQr, d.currentQrToken(), "a restart shows a new QR code");

        Answer deleted = call("DELETE", "/api/sessions/s1", null);
        assertEquals(200, deleted.status());
        assertEquals(0, deleted.bytes().length, "no body");
        assertEquals(SimState.DELETED, d.state());
        assertEquals(404, call("GET", "/api/sessions/s1", null).status());
        assertEquals(200, call("DELETE", "/api/sessions/s1", null).status(), "delete is idempotent");
        assertEquals(0, list("?all=true").size());
        assertEquals("STARTING", status(create("{\"name\":\"s1\"}")), "the name is free again");
    }

    @Test
    void logoutOfAStoppedSessionKeepsItStoppedWithoutAuth() {
        working("s1", "WAHA", "11111111111");
        action("s1", "stop");
        assertEquals("STOPPED", status(action("s1", "logout")));
        assertEquals("STARTING", status(action("s1", "start")));
        assertEquals("SCAN_QR_CODE", status(getSession("s1")), "the auth is gone: a QR code to scan");
    }

    @Test
    void anUnlinkedSessionFailsAgainOnRestartUntilLoggedOut() {
        working("s1", "WAHA", "11111111111").unlink();
        assertEquals("FAILED", status(getSession("s1")));
        assertEquals("STARTING", status(action("s1", "restart")));
        assertEquals("FAILED", status(getSession("s1")), "its auth is no longer valid");
        action("s1", "stop");
        action("s1", "start");
        assertEquals("FAILED", status(getSession("s1")));
        assertEquals("STARTING", status(action("s1", "logout")));
        assertEquals("SCAN_QR_CODE", status(getSession("s1")));
    }

    @Test
    void anExpiredSessionRestartsWithANewQrCode() {
        scanning("s1").expireQr();
        assertEquals("FAILED", status(getSession("s1")));
        action("s1", "restart");
        assertEquals("SCAN_QR_CODE", status(getSession("s1")));
    }

    @Test
    void updateReplacesTheConfigAndRestartsARunningSession() {
        create("{\"name\":\"s1\",\"start\":false,\"config\":{\"metadata\":{\"a\":\"1\"}}}");
        JsonNode stopped = session(valid("PUT", "/api/sessions/{session}", "/api/sessions/s1", "{\"config\":" + FULL_CONFIG + "}"), "put",
                "/api/sessions/{session}", 200, true);
        assertEquals("STOPPED", status(stopped), "a stopped session stays stopped");
        assertEquals(OpenApiSchemaTest.json(FULL_CONFIG), stopped.get("config"));

        working("s2", "WAHA", "11111111111");
        JsonNode restarted = session(valid("PUT", "/api/sessions/{session}", "/api/sessions/s2", "{\"config\":{\"debug\":true}}"), "put",
                "/api/sessions/{session}", 200, true);
        assertEquals("STARTING", status(restarted));
        assertEquals("{\"debug\":true}", restarted.get("config").toString());
        assertEquals("WORKING", status(getSession("s2")), "restarted with its auth");

        JsonNode cleared = call("PUT", "/api/sessions/s1", "{}").json(200);
        assertEquals(DETAILED_FIELDS, fields(cleared), "the full new config is none");
        assertEquals("[\"config must be an object\"]", call("PUT", "/api/sessions/s1", "{\"config\":[]}").json(400).get("message").toString());
    }

    @Test
    void statusHistoryKeepsTheLastThree() {
        SimDevice d = scanning("s1");
        d.scan();
        getSession("s1");
        List<WahaApi.StatusChange> history = WahaApi.statuses(d);
        assertEquals(List.of("STARTING", "SCAN_QR_CODE", "WORKING"), history.stream().map(WahaApi.StatusChange::status).toList());
        assertTrue(history.get(0).timestamp() <= history.get(2).timestamp());
        action("s1", "stop");
        assertEquals(List.of("SCAN_QR_CODE", "WORKING", "STOPPED"), WahaApi.statuses(d).stream().map(WahaApi.StatusChange::status).toList());
        getSession("s1");
        assertEquals(3, WahaApi.statuses(d).size(), "an unchanged status adds nothing");
    }

    @Test
    void holdStartingKeepsStartedSessionsStarting() {
        WahaApi api = sim.api(G, WahaApi.class);
        try {
            sim.setting(G, "holdStarting", "true");
            create("{\"name\":\"s1\",\"start\":true}");
            assertEquals("STARTING", status(getSession("s1")));
            assertEquals("STARTING", status(list("").get(0)));
            assertEquals("{\"error\":\"Session status is not as expected. Try again later or restart the session\",\"session\":\"s1\","
                         + "\"status\":\"STARTING\",\"expected\":[\"SCAN_QR_CODE\"]}", call("GET", "/api/s1/auth/qr", null).json(422).toString());
            api.holdStarting(false);
            assertEquals("SCAN_QR_CODE", status(getSession("s1")));
        } finally {
            api.holdStarting(false);
        }
    }

    // ------------------------------------------------------------------ pairing

    @Test
    void qrInItsThreeForms() {
        SimDevice d = scanning("s1");
        String token = d.currentQrToken();

        Answer png = call("GET", "/api/s1/auth/qr", null);
        assertEquals(200, png.status());
        assertEquals("image/png", png.contentType());
        assertEquals(token, QrDecoding.png(png.bytes()));
        assertEquals(token, QrDecoding.png(call("GET", "/api/s1/auth/qr?format=image", null).bytes()));

        JsonNode base64 = send("GET", base(G) + "/api/s1/auth/qr", null, "X-Api-Key", SimulatorCredentials.API_KEY, "Accept", "application/json")
                .json(200);
        assertValid(base64, "get", "/api/{session}/auth/qr", 200);
        assertEquals(List.of("mimetype", "data"), fields(base64));
        assertEquals("image/png", base64.get("mimetype").asText());
        assertEquals(token, QrDecoding.png(Base64.getDecoder().decode(base64.get("data").asText())));

        JsonNode raw = call("GET", "/api/s1/auth/qr?format=raw", null).json(200);
        assertValid(raw, "get", "/api/{session}/auth/qr", 200);
        assertEquals("{\"value\":\"" + token + "\"}", raw.toString());
        assertEquals(token, d.currentQrToken(), "the same code until a new one is issued");
    }

    @Test
    void qrOnlyWhileScanQrCode() {
        working("s1", "WAHA", "11111111111");
        assertEquals("{\"error\":\"Session status is not as expected. Try again later or restart the session\",\"session\":\"s1\","
                     + "\"status\":\"WORKING\",\"expected\":[\"SCAN_QR_CODE\"]}", call("GET", "/api/s1/auth/qr", null).json(422).toString());
        sim.device(G, "s1").unlink();
        assertEquals("FAILED", call("GET", "/api/s1/auth/qr?format=raw", null).json(422).get("status").asText());

        action("s1", "stop");
        String notRunning = expectedError(404, "Not Found",
                "We didn't find a session with name 's1'.\nPlease start it first by using POST /api/sessions/s1/start request");
        assertEquals(notRunning, call("GET", "/api/s1/auth/qr", null).json(404).toString());
        assertEquals(notRunning.replace("s1", "nope"), call("GET", "/api/nope/auth/qr", null).json(404).toString());
    }

    @Test
    void aStartedSessionShowsItsQrAtTheFirstAsk() {
        create("{\"name\":\"s1\",\"start\":true}");
        Answer png = call("GET", "/api/s1/auth/qr", null); // STARTING moves on, as WAHA waits for SCAN_QR_CODE
        assertEquals(200, png.status());
        assertEquals(sim.device(G, "s1").currentQrToken(), QrDecoding.png(png.bytes()));
    }

    @Test
    void pairingCode() {
        SimDevice d = scanning("s1");
        Answer answer = valid("POST", "/api/{session}/auth/request-code", "/api/s1/auth/request-code", "{\"phoneNumber\":\"12132132130\"}");
        JsonNode code = answer.json(201);
        assertEquals(List.of("code"), fields(code));
        assertTrue(code.get("code").asText().matches("[A-Z0-9]{4}-[A-Z0-9]{4}"), code::toString);
        assertEquals(d.pairingCode(), code.get("code").asText());
        assertEquals("12132132130", d.phone());
        assertEquals("SCAN_QR_CODE", status(getSession("s1")), "waits for the code to be entered");
        d.scan();
        assertEquals("12132132130@c.us", getSession("s1").get("me").get("id").asText());

        assertEquals(expectedError(422, "Unprocessable Entity", "Can request code only in SCAN_QR_CODE status. The current status is WORKING"),
                call("POST", "/api/s1/auth/request-code", "{\"phoneNumber\":\"12132132130\"}").json(422).toString());
    }

    @Test
    void pairingCodeRefusals() {
        scanning("s1");
        assertEquals("{\"message\":[\"phoneNumber must be a string\"],\"error\":\"Bad Request\",\"statusCode\":400}",
                call("POST", "/api/s1/auth/request-code", "{}").json(400).toString());
        assertEquals(expectedError(422, "Unprocessable Entity", "NOWEB engine doesn't support any 'method', remove it and try again"),
                call("POST", "/api/s1/auth/request-code", "{\"phoneNumber\":\"12132132130\",\"method\":\"sms\"}").json(422).toString());
        create("{\"name\":\"s2\",\"start\":false}");
        assertEquals(404, call("POST", "/api/s2/auth/request-code", "{\"phoneNumber\":\"1\"}").json(404).get("statusCode").asInt());
        assertEquals(404, call("POST", "/api/nope/auth/request-code", "{\"phoneNumber\":\"1\"}").status());
    }

    @Test
    void autoScanPairsAStartedSession() throws InterruptedException {
        sim.autoScanAfter(Duration.ofMillis(100));
        try {
            scanning("s1");
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            // a wait for the condition, polled every 20 ms, up to the deadline
            while (!"WORKING".equals(status(getSession("s1"))) && System.nanoTime() < deadline) {
                java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
            }
            assertEquals("WORKING", status(getSession("s1")));
        } finally {
            sim.autoScanAfter(null);
        }
    }

    // ------------------------------------------------------------------ auth, faults, HTTP

    @Test
    void theApiKeyGoesInTheHeaderOrTheQuery() {
        String refused = "{\"message\":\"Unauthorized\",\"statusCode\":401}";
        assertEquals(refused, get(base(G) + "/api/sessions").json(401).toString());
        assertEquals(refused, get(base(G) + "/api/sessions", "X-Api-Key", "wrong").json(401).toString());
        assertEquals(refused, get(base(G) + "/api/sessions?x-api-key=wrong").json(401).toString());
        assertEquals(200, get(base(G) + "/api/sessions", "x-api-key", SimulatorCredentials.API_KEY).status());
        assertEquals(200, get(base(G) + "/api/sessions?all=true&x-api-key=" + SimulatorCredentials.API_KEY).status());
    }

    @Test
    void faults() {
        sim.faults(G).next(Fault.HTTP_500).next(Fault.HTTP_503).next(Fault.RATE_LIMITED).next(Fault.AUTH_REVOKED);
        assertEquals(expectedError(500, "Internal Server Error", "Internal Server Error"), call("GET", "/api/sessions", null).json(500).toString());
        assertEquals(expectedError(503, "Service Unavailable", "Service Unavailable"), call("GET", "/api/sessions", null).json(503).toString());
        Answer limited = call("GET", "/api/sessions", null);
        assertEquals("7", limited.retryAfter());
        assertEquals(expectedError(429, "Too Many Requests", "Too Many Attempts."), limited.json(429).toString());
        assertEquals("{\"message\":\"Unauthorized\",\"statusCode\":401}", call("GET", "/api/sessions", null).json(401).toString());

        sim.faults(G).next(Fault.HTML_ERROR_PAGE).next(Fault.MALFORMED_JSON).next(Fault.TIMEOUT);
        Answer html = call("GET", "/api/sessions", null);
        assertEquals(502, html.status());
        assertTrue(html.contentType().startsWith("text/html"));
        Answer malformed = call("GET", "/api/sessions", null);
        assertEquals(200, malformed.status());
        assertThrows(AssertionError.class, malformed::json);
        long start = System.nanoTime();
        assertEquals(200, call("GET", "/api/sessions", null).status());
        assertTrue((System.nanoTime() - start) / 1_000_000 >= 290, "delayed");
        assertEquals(0, sim.faults(G).pending());
    }

    @Test
    void unknownPathsAndMethods() {
        assertEquals(expectedError(404, "Not Found", "Not Found"), call("GET", "/api/nothing", null).json(404).toString());
        assertEquals(404, call("GET", "/sessions", null).status(), "WAHA's paths start with /api");
        assertEquals(expectedError(405, "Method Not Allowed", "Method Not Allowed"), call("PATCH", "/api/sessions", null).json(405).toString());
    }

    // ------------------------------------------------------------------ the plug-in

    @Test
    void thePlugIn() {
        WahaSimulation plugin = new WahaSimulation();
        assertEquals("/waha", G.basePath());
        assertEquals(sim.rootUrl() + "/waha", sim.baseUrl(G));
        assertEquals("session-3", plugin.sampleDeviceId(3));
        assertEquals("X-Api-Key: sim-apikey", plugin.credentials());
        assertEquals("apiKey=" + SimulatorCredentials.API_KEY, plugin.whatsdevOptions(List.of()));
        plugin.checkDeviceId("session_0123abcdef");
        plugin.checkDeviceId("x".repeat(54));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sim.createDevice(G, "a/b", null));
        assertEquals("waha session names are letters, digits, '_' and '-' (at most 54), not 'a/b'", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> plugin.checkDeviceId("x".repeat(55)));
        SimDevice d = sim.createDevice(G, plugin.sampleDeviceId(1), "x");
        assertNull(d.phone());
        assertNull(d.key());
        assertEquals("STOPPED", status(getSession("session-1")), "created, not started");
    }

    @Test
    void demoDevices() {
        try (GatewaySimulator seeded = GatewaySimulator.start().seedDemoDevices()) {
            assertEquals(List.of("default", "support"), seeded.devices(G).stream().map(SimDevice::id).toList());
            JsonNode list = send("GET", seeded.baseUrl(G) + "/api/sessions?all=true", null, "X-Api-Key", SimulatorCredentials.API_KEY).json(200);
            assertValid(list, "get", "/api/sessions", 200);
            assertEquals("default", list.get(0).get("name").asText());
            assertEquals("WORKING", status(list.get(0)));
            assertEquals("{\"id\":\"11111111111@c.us\",\"pushName\":\"WAHA Demo\"}", list.get(0).get("me").toString());
            assertEquals("SCAN_QR_CODE", status(list.get(1)));
        }
    }

    @Test
    void adminSurface() {
        JsonNode created = post(sim.rootUrl() + "/_admin/waha/devices", "{\"id\":\"s1\",\"name\":\"WAHA\",\"phone\":\"11111111111\"}").json(201);
        assertEquals("NEW", created.get("state").asText());
        assertEquals("STOPPED", status(getSession("s1")));
        post(sim.rootUrl() + "/_admin/waha/devices/s1/scan", null).json(200);
        assertEquals("WORKING", status(getSession("s1")));
        assertEquals("{\"startByDefault\":\"true\",\"holdStarting\":\"false\"}", get(sim.rootUrl() + "/_admin/waha/settings").json(200).toString());
        assertEquals(400, post(sim.rootUrl() + "/_admin/waha/devices", "{\"id\":\"a b\"}").status());
    }
}
