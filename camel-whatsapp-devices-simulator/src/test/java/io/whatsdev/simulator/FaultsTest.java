package io.whatsdev.simulator;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Faults, for every gateway, on a call that otherwise succeeds. */
class FaultsTest extends SimulatorTestSupport {

    /** A successful read call of each of the module's gateways: path below the base and credentials. */
    static final Map<Gateway, String[]> CALLS = new LinkedHashMap<>();

    static {
        CALLS.put(Gateway.of("whatsgate-net"), new String[] {"/devices/status", "Access-Token", SimulatorCredentials.TOKEN});
        CALLS.put(Gateway.of("whatspie"), new String[] {"/devices", "Authorization", "Bearer " + SimulatorCredentials.TOKEN});
        CALLS.put(Gateway.of("wassly"), new String[] {"/whatsapp-web-devices", "apikey", SimulatorCredentials.API_KEY, "Authorization",
                "Bearer " + SimulatorCredentials.TOKEN});
        CALLS.put(Gateway.of("whatsgate-org"), new String[] {"/sessions-get", "X-Api-Key", SimulatorCredentials.API_KEY});
        CALLS.put(Gateway.of("witime"), new String[] {"/status.aspx?wid=wk-dev1"});
    }

    /** The gateways of this module (not the test-only plug-in, which has its own test). */
    static Stream<Gateway> gateways() {
        return CALLS.keySet().stream();
    }

    @BeforeEach
    void devices() {
        for (Gateway g : CALLS.keySet()) {
            sim.createDevice(g, g.id().equals("whatsgate-net") || g.id().equals("whatspie") ? "1" : "dev1", "d");
        }
    }

    static Answer call(Gateway g) {
        String[] c = CALLS.get(g);
        String[] headers = java.util.Arrays.copyOfRange(c, 1, c.length);
        String url = base(g) + c[0];
        return g.id().equals("whatsgate-org") ? post(url, "{}", headers) : get(url, headers);
    }

    /** The message of an error envelope, wherever the gateway puts it. */
    static String message(Gateway g, JsonNode body) {
        return body.get(g.id().equals("witime") ? "error" : "message").asText();
    }

    @ParameterizedTest
    @MethodSource("gateways")
    void http500And503(Gateway g) {
        assertEquals(200, call(g).status());
        sim.faults(g).next(Fault.HTTP_500).next(Fault.HTTP_503);
        JsonNode e500 = call(g).json(500);
        assertEquals("Internal Server Error", message(g, e500));
        JsonNode e503 = call(g).json(503);
        assertEquals("Service Unavailable", message(g, e503));
        assertEquals(200, call(g).status(), "each fault once");
    }

    @Test
    void errorEnvelopesAreTheGatewaysOwn() {
        sim.faults(Gateway.of("whatsgate-net")).next(Fault.HTTP_500);
        assertEquals("{\"success\":false,\"message\":\"Internal Server Error\"}", call(Gateway.of("whatsgate-net")).json(500).toString());
        sim.faults(Gateway.of("whatspie")).next(Fault.HTTP_500);
        assertEquals("{\"code\":500,\"message\":\"Internal Server Error\"}", call(Gateway.of("whatspie")).json(500).toString());
        sim.faults(Gateway.of("wassly")).next(Fault.HTTP_500);
        assertEquals("{\"success\":false,\"message\":\"Internal Server Error\"}", call(Gateway.of("wassly")).json(500).toString());
        sim.faults(Gateway.of("whatsgate-org")).next(Fault.HTTP_503);
        assertEquals("{\"name\":\"Service Unavailable\",\"message\":\"Service Unavailable\",\"code\":0,\"status\":503}",
                call(Gateway.of("whatsgate-org")).json(503).toString());
        sim.faults(Gateway.of("witime")).next(Fault.HTTP_500);
        assertEquals("{\"status\":0,\"error\":\"Internal Server Error\",\"ttl\":0}", call(Gateway.of("witime")).json(500).toString());
    }

    @ParameterizedTest
    @MethodSource("gateways")
    void rateLimited(Gateway g) {
        sim.faults(g).next(Fault.RATE_LIMITED);
        Answer a = call(g);
        assertEquals("7", a.retryAfter());
        assertEquals("Too Many Attempts.", message(g, a.json(429)));
    }

    @ParameterizedTest
    @MethodSource("gateways")
    void htmlErrorPage(Gateway g) {
        sim.faults(g).next(Fault.HTML_ERROR_PAGE);
        Answer a = call(g);
        assertEquals(502, a.status());
        assertTrue(a.contentType().startsWith("text/html"), a.contentType());
        assertEquals("<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>", a.text());
    }

    @ParameterizedTest
    @MethodSource("gateways")
    void malformedJson(Gateway g) {
        sim.faults(g).next(Fault.MALFORMED_JSON);
        Answer a = call(g);
        assertEquals(200, a.status());
        assertEquals("application/json; charset=utf-8", a.contentType());
        assertEquals("{\"success\":true,\"data\":[{\"mobile\":", a.text());
        assertThrows(AssertionError.class, a::json);
    }

    @ParameterizedTest
    @MethodSource("gateways")
    void timeoutDelaysThenAnswers(Gateway g) {
        sim.faults(g).next(Fault.TIMEOUT);
        long start = System.nanoTime();
        Answer a = call(g);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(200, a.status());
        assertTrue(millis >= 290, "delayed " + millis + " ms");
    }

    @ParameterizedTest
    @MethodSource("gateways")
    void authRevoked(Gateway g) {
        sim.faults(g).next(Fault.AUTH_REVOKED);
        Answer a = call(g);
        switch (g.id()) {
            case "whatsgate-net" -> assertEquals("{\"message\":\"invalid Access-Token\"}", a.json(403).toString());
            case "whatspie" -> assertEquals("{\"code\":401,\"message\":\"Unauthenticated\"}", a.json(401).toString());
            case "wassly" -> assertEquals("{\"success\":false,\"message\":\"Unauthenticated\"}", a.json(401).toString());
            case "whatsgate-org" -> assertEquals("Unauthorized", a.json(500).get("name").asText());
            case "witime" -> assertEquals("{\"status\":0,\"error\":\"Invalid wid\",\"ttl\":0}", a.json(200).toString());
            default -> throw new AssertionError("no expectation for " + g);
        }
    }

    @Test
    void timesAlwaysAndClear() {
        Gateway g = Gateway.of("whatspie");
        sim.faults(g).next(Fault.HTTP_500, 2);
        assertEquals(2, sim.faults(g).pending());
        assertEquals(500, call(g).status());
        assertEquals(500, call(g).status());
        assertEquals(200, call(g).status());
        sim.faults(g).always(Fault.HTTP_503);
        assertEquals(503, call(g).status());
        assertEquals(503, call(g).status());
        sim.faults(g).clear();
        assertEquals(200, call(g).status());
        assertThrows(IllegalArgumentException.class, () -> sim.faults(g).next(Fault.HTTP_500, 0));
    }

    @Test
    void faultsAreAGatewaysOwnAndSkipQrPagesAndAdmin() {
        sim.faults(Gateway.of("whatsgate-org")).always(Fault.HTTP_500);
        assertEquals(200, call(Gateway.of("whatspie")).status());
        assertEquals(200, get(sim.rootUrl() + "/_admin/health").status());
        assertEquals(200, get(sim.rootUrl() + "/whatsgate-org/qr/dev1").status(), "the QR page");
        assertEquals(500, call(Gateway.of("whatsgate-org")).status());
    }
}
