package io.whatsdev.simulator.waha;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The schema check that {@link WahaApiTest} relies on refuses what it must, and only that. */
class OpenApiSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OpenApiSchema RAW = OpenApiSchema.load(WahaApiTest.SPEC_RESOURCE);

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    @Test
    void aSessionAsWahaDocumentsItIsValid() {
        JsonNode session = json("{\"name\":\"default\",\"status\":\"WORKING\",\"config\":{\"metadata\":{\"user.id\":\"123\"}},"
                                + "\"me\":{\"id\":\"11111111111@c.us\",\"pushName\":\"WAHA\"},\"presence\":{},\"timestamps\":{\"activity\":1700000000000}}");
        assertEquals(List.of(), RAW.errors(session, RAW.component("SessionInfo")));
        assertEquals(List.of(), RAW.errors(json("{\"name\":\"default\",\"status\":\"STOPPED\"}"), RAW.component("SessionDTO")));
    }

    @Test
    void aWrongSessionIsRefusedForEachFault() {
        JsonNode wrong = json("{\"name\":7,\"status\":\"CONNECTED\",\"me\":null,\"presence\":null,\"timestamps\":{}}");
        List<String> errors = RAW.errors(wrong, RAW.component("SessionInfo"));
        assertEquals(List.of("$.name: expected \"string\", was number 7",
                "$.status: \"CONNECTED\" is not one of [\"STOPPED\",\"STARTING\",\"SCAN_QR_CODE\",\"PASSKEY_REQUIRED\",\"PASSKEY_CONFIRMATION_REQUIRED\",\"WORKING\",\"FAILED\"]",
                "$.me: expected \"object\", was null",
                "$.presence: expected \"object\", was null",
                "$.timestamps: the required property 'activity' is missing"), errors); // NestJS's property-level "required": true
        List<String> missing = RAW.errors(json("{}"), RAW.component("SessionInfo"));
        assertEquals(4, missing.size(), missing::toString); // name, presence, timestamps, status
    }

    @Test
    void nullIsAllowedOnlyWhereNullableOrDeclared() {
        JsonNode stopped = json("{\"name\":\"s1\",\"status\":\"STOPPED\",\"me\":null,\"presence\":null,\"timestamps\":{\"activity\":null}}");
        assertEquals(2, RAW.errors(stopped, RAW.component("SessionInfo")).size(), "activity is nullable in the spec, me and presence are not");
        OpenApiSchema lenient = RAW.allowNull("SessionInfo.me").allowNull("SessionInfo.presence");
        assertEquals(List.of(), lenient.errors(stopped, lenient.component("SessionInfo")));
        assertEquals(1, lenient.errors(json("{\"name\":null,\"status\":\"STOPPED\",\"presence\":null,\"timestamps\":{\"activity\":null}}"),
                lenient.component("SessionInfo")).size(), "only the declared properties");
    }

    @Test
    void webhookEventsAreStringsOnlyThroughTheErratum() {
        JsonNode hook = json("{\"url\":\"https://x/h\",\"events\":[\"session.status\"]}");
        assertEquals(List.of("$.events[0]: expected \"object\", was string \"session.status\""), RAW.errors(hook, RAW.component("WebhookConfig")));
        OpenApiSchema fixed = WahaApiTest.SPEC;
        assertEquals(List.of(), fixed.errors(hook, fixed.component("WebhookConfig")));
        assertEquals(1, fixed.errors(json("{\"url\":\"https://x/h\",\"events\":[{}]}"), fixed.component("WebhookConfig")).size());
        JsonNode create = json("{\"name\":\"s1\",\"start\":true,\"config\":{\"webhooks\":[{\"url\":\"https://x/h\",\"events\":[\"*\"],"
                               + "\"retries\":{\"policy\":\"sometimes\"}}]}}");
        assertEquals(List.of("$.config.webhooks[0].retries.policy: \"sometimes\" is not one of [\"linear\",\"exponential\",\"constant\"]"),
                fixed.errors(create, fixed.request("post", "/api/sessions")), "through $ref, items and allOf");
    }

    @Test
    void oneOfMeansExactlyOne() {
        JsonNode qr = RAW.response("get", "/api/{session}/auth/qr", 200, "application/json");
        assertEquals(List.of(), RAW.errors(json("{\"mimetype\":\"image/png\",\"data\":\"iVBO\"}"), qr));
        assertEquals(List.of(), RAW.errors(json("{\"value\":\"2@abc\"}"), qr));
        assertTrue(RAW.errors(json("{\"mimetype\":\"image/png\",\"data\":\"iVBO\",\"value\":\"2@abc\"}"), qr).get(0).contains("matches 2"));
        assertTrue(RAW.errors(json("{\"data\":\"iVBO\"}"), qr).get(0).contains("matches 0"));
    }

    @Test
    void undeclaredPropertiesAreListed() {
        JsonNode session = json("{\"name\":\"s1\",\"status\":\"STOPPED\",\"engine\":{},\"config\":{\"webhooks\":[{\"url\":\"u\",\"events\":[],\"x\":1}],"
                                + "\"metadata\":{\"free\":\"form\"}}}");
        assertEquals(List.of("$.engine", "$.config.webhooks[0].x"), RAW.undeclared(session, RAW.component("SessionInfo")));
    }

    @Test
    void operationsAndUnknownKeywords() {
        assertNull(RAW.response("post", "/api/{session}/auth/request-code", 201, "application/json"), "documented without a body schema");
        assertThrows(IllegalArgumentException.class, () -> RAW.response("get", "/api/sessions", 404, "application/json"));
        assertThrows(IllegalStateException.class, () -> RAW.errors(json("\"abc\""), json("{\"type\":\"string\",\"pattern\":\"^a\"}")));
        assertEquals(1, RAW.errors(json("-1"), json("{\"type\":\"number\",\"minimum\":0}")).size());
    }
}
