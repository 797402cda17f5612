package io.whatsdev.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One simulator per test class, reset before each test; a small HTTP client speaking to it. Public, so that each
 * gateway's tests can live in the gateway's own package.
 */
public abstract class SimulatorTestSupport {

    protected static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    protected static GatewaySimulator sim;

    @BeforeAll
    static void startSimulator() {
        sim = GatewaySimulator.start();
        sim.faultDelayMillis(300);
    }

    @AfterAll
    static void stopSimulator() {
        sim.close();
    }

    @BeforeEach
    void resetSimulator() {
        sim.reset();
    }

    /** An answer: status, content type, Retry-After, raw body. */
    public record Answer(int status, String contentType, String retryAfter, byte[] bytes) {

        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            assertTrue(contentType != null && contentType.startsWith("application/json"), "content type " + contentType);
            try {
                return JSON.readTree(bytes);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + text(), e);
            }
        }

        /** Asserts the status and content type and returns the JSON. */
        public JsonNode json(int expectedStatus) {
            assertEquals(expectedStatus, status, () -> "status; body " + text());
            assertEquals("application/json; charset=utf-8", contentType);
            return json();
        }
    }

    /** A request with an optional JSON body (null for none) and header name/value pairs. */
    protected static Answer send(String method, String url, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<byte[]> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(r.statusCode(), r.headers().firstValue("content-type").orElse(null),
                    r.headers().firstValue("retry-after").orElse(null), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected static Answer get(String url, String... headers) {
        return send("GET", url, null, headers);
    }

    protected static Answer post(String url, String body, String... headers) {
        return send("POST", url, body, headers);
    }

    protected static String base(Gateway g) {
        return sim.baseUrl(g);
    }

    /** The field names of a JSON object, in order. */
    protected static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
