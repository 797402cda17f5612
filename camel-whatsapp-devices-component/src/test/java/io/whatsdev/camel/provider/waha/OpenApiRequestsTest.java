package io.whatsdev.camel.provider.waha;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The validator {@link WahaContractTest} relies on, on requests it must pass and on requests it must refuse, so that a
 * validator that passes everything cannot go unnoticed.
 */
class OpenApiRequestsTest {

    private static final OpenApiRequests SPEC = OpenApiRequests.waha();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> KEY = Map.of("x-api-key", "k");
    private static final Map<String, String> KEY_JSON = Map.of("X-Api-Key", "k", "Content-Type", "application/json; charset=UTF-8");

    private static void valid(String method, String path, String query, Map<String, String> headers, String body) {
        assertEquals(List.of(), SPEC.problems(method, path, query, headers, body), method + " " + path);
    }

    /** The request is refused, with a problem that contains {@code expected}. */
    private static void refused(String expected, String method, String path, String query, Map<String, String> headers,
                                String body) {
        List<String> problems = SPEC.problems(method, path, query, headers, body);
        if (problems.stream().noneMatch(p -> p.contains(expected))) {
            fail("expected a problem containing '" + expected + "', got " + problems);
        }
    }

    @Test
    void theRequestsOfWhatsdevPass() {
        valid("GET", "/api/sessions", "all=true", KEY, "");
        valid("GET", "/api/sessions/default", null, KEY, "");
        valid("GET", "/api/default/auth/qr", "format=image", Map.of("X-Api-Key", "k", "Accept", "image/png, application/json"), "");
        valid("POST", "/api/sessions", null, KEY_JSON, "{\"name\":\"s1\",\"start\":true,\"config\":{\"webhooks\":[{\"url\":\"https://x/h\","
                                                      + "\"events\":[\"session.status\"]}]}}");
        valid("POST", "/api/default/auth/request-code", null, KEY_JSON, "{\"phoneNumber\":\"12132132130\"}");
        valid("POST", "/api/sessions/default/stop", null, KEY, "");
        valid("POST", "/api/sessions/default/start", null, KEY, "");
        valid("POST", "/api/sessions/default/logout", null, KEY, "");
        valid("DELETE", "/api/sessions/default", null, KEY, "");
        valid("PUT", "/api/sessions/default", null, KEY_JSON, "{\"config\":{\"metadata\":{\"k\":\"v\"},\"webhooks\":[{\"url\":\"https://x\","
                                                             + "\"events\":[\"*\"],\"retries\":{\"policy\":\"linear\",\"attempts\":3}}]}}");
    }

    @Test
    void theSpecsOwnWebhookExampleNeedsTheErratum() throws Exception {
        JsonNode spec = JSON.readTree(io.whatsdev.camel.ReplayServer.fixture("waha/waha-openapi.json"));
        JsonNode example = spec.at("/paths/~1api~1sessions/post/requestBody/content/application~1json/examples/withWebhooks/value");
        assertTrue(example.isObject(), "the spec's withWebhooks example");
        valid("POST", "/api/sessions", null, KEY_JSON, example.toString());
        List<String> asPublished = OpenApiRequests.of("/contract/waha/waha-openapi.json")
                .problems("POST", "/api/sessions", null, KEY_JSON, example.toString());
        assertTrue(asPublished.contains("$.config.webhooks[0].events[0]: a string where the spec wants \"object\""), asPublished.toString());
    }

    @Test
    void pathsAndMethods() {
        refused("no path of the spec matches /api/nothing", "GET", "/api/nothing", null, KEY, "");
        refused("no path of the spec matches /api/sessions/default/", "GET", "/api/sessions/default/", null, KEY, "");
        refused("PATCH is not declared for /api/sessions/{session} (declared: [GET, PUT, DELETE])", "PATCH", "/api/sessions/default",
                null, KEY, "");
        refused("GET is not declared for /api/sessions/{session}/stop", "GET", "/api/sessions/default/stop", null, KEY, "");
    }

    @Test
    void queryParameters() {
        refused("required query parameter 'format' is missing", "GET", "/api/default/auth/qr", null, KEY, "");
        refused("query parameter format: \"svg\" is not one of [\"image\",\"raw\"]", "GET", "/api/default/auth/qr", "format=svg", KEY, "");
        refused("query parameter 'x-api-key' is not declared", "GET", "/api/sessions", "all=true&x-api-key=k", KEY, "");
        refused("query parameter all: a string where the spec wants \"boolean\"", "GET", "/api/sessions", "all=yes", KEY, "");
        refused("query parameter expand[0]: \"chats\" is not one of [\"apps\"]", "GET", "/api/sessions", "expand=chats", KEY, "");
        valid("GET", "/api/sessions", "expand=apps&all=false", KEY, "");
    }

    @Test
    void theApiKeyHeader() {
        refused("no security requirement is met: header X-Api-Key (api_key) is missing", "GET", "/api/sessions/default", null, Map.of(), "");
        refused("header X-Api-Key (api_key) is missing", "GET", "/api/sessions/default", null, Map.of("Authorization", "Bearer k"), "");
        // the list also allows oauth2, which no request of whatsdev meets
        refused("or scheme 'oauth2' is not defined", "GET", "/api/sessions", null, Map.of(), "");
        valid("GET", "/api/sessions/default", null, Map.of("X-API-KEY", "k"), "");
    }

    @Test
    void bodies() {
        refused("the request body is required", "POST", "/api/sessions", null, KEY, "");
        refused("the operation takes no body, but one was sent", "POST", "/api/sessions/default/stop", null, KEY_JSON, "{}");
        refused("media type text/plain is not declared", "POST", "/api/sessions", null,
                Map.of("X-Api-Key", "k", "Content-Type", "text/plain"), "{}");
        refused("a body without Content-Type", "POST", "/api/sessions", null, KEY, "{}");
        refused("the body is not JSON", "POST", "/api/sessions", null, KEY_JSON, "{name:");
    }

    @Test
    void bodySchemas() {
        refused("$.start: a string where the spec wants \"boolean\"", "POST", "/api/sessions", null, KEY_JSON, "{\"start\":\"yes\"}");
        refused("$.name: a number where the spec wants \"string\"", "POST", "/api/sessions", null, KEY_JSON, "{\"name\":7}");
        // nested $ref: SessionCreateRequest > SessionConfig > WebhookConfig
        refused("$.config.webhooks[0]: required property 'url' is missing", "POST", "/api/sessions", null, KEY_JSON,
                "{\"config\":{\"webhooks\":[{\"events\":[\"session.status\"]}]}}");
        refused("$.config.webhooks[0]: required property 'events' is missing", "PUT", "/api/sessions/s1", null, KEY_JSON,
                "{\"config\":{\"webhooks\":[{\"url\":\"https://x\"}]}}");
        refused("$.config.webhooks[0].events[0]: an object where the spec wants \"string\"", "POST", "/api/sessions", null, KEY_JSON,
                "{\"config\":{\"webhooks\":[{\"url\":\"https://x\",\"events\":[{\"name\":\"session.status\"}]}]}}");
        refused("$.config.webhooks[0].retries.policy: \"sometimes\" is not one of", "POST", "/api/sessions", null, KEY_JSON,
                "{\"config\":{\"webhooks\":[{\"url\":\"https://x\",\"events\":[\"*\"],\"retries\":{\"policy\":\"sometimes\"}}]}}");
        refused("$.config.webhooks[0].hmac: null where the spec wants \"object\" (not nullable: leave the field out)", "POST",
                "/api/sessions", null, KEY_JSON, "{\"config\":{\"webhooks\":[{\"url\":\"https://x\",\"events\":[\"*\"],\"hmac\":null}]}}");
        refused("$.config.proxy: required property 'server' is missing", "PUT", "/api/sessions/s1", null, KEY_JSON,
                "{\"config\":{\"proxy\":{\"username\":\"u\"}}}");
        refused("$.config.webhooks: an object where the spec wants \"array\"", "PUT", "/api/sessions/s1", null, KEY_JSON,
                "{\"config\":{\"webhooks\":{}}}");
        refused("$: required property 'phoneNumber' is missing", "POST", "/api/default/auth/request-code", null, KEY_JSON, "{}");
        refused("$.phoneNumber: a number where the spec wants \"string\"", "POST", "/api/default/auth/request-code", null, KEY_JSON,
                "{\"phoneNumber\":12132132130}");
        // nullable: apps may be null
        valid("POST", "/api/sessions", null, KEY_JSON, "{\"apps\":null}");
    }

    private static List<String> check(String schema, String value) throws Exception {
        List<String> problems = new ArrayList<>();
        SPEC.validate(JSON.readTree(schema), JSON.readTree(value), "$", problems);
        return problems;
    }

    @Test
    void keywordsTheWahaSpecDoesNotUseHere() throws Exception {
        String closed = "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"integer\",\"minimum\":1}},\"additionalProperties\":false}";
        assertEquals(List.of(), check(closed, "{\"a\":2}"));
        assertEquals(List.of("$.b: property not allowed (additionalProperties is false)"), check(closed, "{\"a\":2,\"b\":1}"));
        assertEquals(List.of("$.a: a number where the spec wants \"integer\""), check(closed, "{\"a\":1.5}"));
        assertEquals(List.of("$.a: below the minimum 1"), check(closed, "{\"a\":0}"));
        assertEquals(List.of("$.b: a boolean where the spec wants \"string\""),
                check("{\"type\":\"object\",\"additionalProperties\":{\"type\":\"string\"}}", "{\"b\":true}"));
        assertEquals(List.of("$: valid against 2 of oneOf, not exactly one"),
                check("{\"oneOf\":[{\"type\":\"string\"},{\"maxLength\":3}]}", "\"ab\""));
        assertEquals(List.of("$: valid against none of anyOf"), check("{\"anyOf\":[{\"type\":\"string\"},{\"type\":\"boolean\"}]}", "1"));
        assertEquals(List.of("$: valid against 'not'"), check("{\"not\":{\"type\":\"string\"}}", "\"x\""));
        assertEquals(List.of("$: does not match ^[0-9]+$"), check("{\"type\":\"string\",\"pattern\":\"^[0-9]+$\"}", "\"12a\""));
        assertEquals(List.of("$: \"b\" is there twice (uniqueItems)"), check("{\"type\":\"array\",\"uniqueItems\":true}", "[\"b\",\"b\"]"));
        assertEquals(List.of("$: null where the spec wants \"string\" (not nullable: leave the field out)"),
                check("{\"type\":\"string\"}", "null"));
        assertEquals(List.of(), check("{\"type\":[\"string\",\"null\"]}", "null"));
        assertEquals(List.of("$: unresolvable $ref #/components/schemas/Nothing"), check("{\"$ref\":\"#/components/schemas/Nothing\"}", "1"));
        // a keyword it does not check is a problem, never a silent pass
        assertEquals(List.of("$: the schema uses 'patternProperties', which this validator does not check"),
                check("{\"patternProperties\":{\"^x\":{\"type\":\"string\"}}}", "{\"x1\":1}"));
    }
}
