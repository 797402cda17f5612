package io.whatsdev.camel.provider.whatsgateorg;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.whatsdev.camel.model.DeviceStatus;
import io.whatsdev.camel.provider.Callback;
import io.whatsdev.camel.provider.CallbackDecoder.CallbackAnswer;
import io.whatsdev.camel.provider.CallbackEvent;
import io.whatsdev.camel.provider.CallbackRejectedException;
import io.whatsdev.camel.provider.MalformedCallbackException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * whatsgate-org's callbacks, without HTTP: the table {@code contract/whatsgate-org/callbacks/cases.json} (secrets,
 * documented and built bodies with their events and acknowledgements, every action, event dates, malformed bodies)
 * run through {@link WhatsgateOrgCallbacks}.
 */
class WhatsgateOrgCallbacksTest {

    private static final String DIR = "/contract/whatsgate-org/callbacks/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode CASES = json(read("cases.json"));
    private static final String SECRET = CASES.get("webhookSecret").asText();

    private final WhatsgateOrgCallbacks callbacks = new WhatsgateOrgCallbacks();

    // ---------------------------------------------------------------- verify

    static Stream<Arguments> secrets() {
        return rows("secrets").map(c -> Arguments.of(c.get("name").asText(), c.get("query"), c.get("accepted").asBoolean()));
    }

    @ParameterizedTest(name = "{0}: accepted {2}")
    @MethodSource("secrets")
    void secretIsVerified(String name, JsonNode query, boolean accepted) {
        Map<String, String> q = new LinkedHashMap<>();
        query.fields().forEachRemaining(e -> q.put(e.getKey(), e.getValue().asText()));
        Callback callback = callback(read("ready.json"), q);
        if (accepted) {
            assertDoesNotThrow(() -> callbacks.verify(callback, SECRET));
            return;
        }
        CallbackRejectedException e = assertThrows(CallbackRejectedException.class, () -> callbacks.verify(callback, SECRET));
        assertFalse(e.getMessage().isBlank());
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
        for (String received : q.values()) {
            assertTrue(received.isEmpty() || !e.getMessage().contains(received), e.getMessage());
        }
    }

    @Test
    void anEmptyConfiguredSecretAcceptsNothing() {
        for (String received : new String[] { "", "x" }) {
            Callback callback = callback(read("ready.json"), Map.of("secret", received));
            assertThrows(CallbackRejectedException.class, () -> callbacks.verify(callback, ""));
        }
    }

    // ---------------------------------------------------------------- decode and acknowledge the fixtures

    static Stream<Arguments> fixtures() {
        return rows("events").map(c -> Arguments.of(c.get("fixture").asText(), c.get("events"), c.get("ack").asText()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void fixtureDecodesAndIsAcknowledged(String fixture, JsonNode expected, String ack) throws Exception {
        byte[] body = read(fixture);
        Callback callback = callback(body, Map.of("secret", SECRET));
        callbacks.verify(callback, SECRET);
        List<CallbackEvent> events = callbacks.decode(callback);
        assertEquals(expected.size(), events.size(), events.toString());
        for (int i = 0; i < events.size(); i++) {
            assertEvent(expected.get(i), events.get(i));
        }
        CallbackAnswer answer = callbacks.acknowledge(callback, events);
        assertEquals(200, answer.status());
        assertEquals(ack, answer.jsonBody()); // byte for byte
        JsonNode parsed = json(answer.jsonBody().getBytes(StandardCharsets.UTF_8));
        assertEquals(json(ack.getBytes(StandardCharsets.UTF_8)), parsed);
        assertEquals(2, parsed.size());
        assertEquals("OK", parsed.get("result").asText());
        JsonNode sentId = json(body).get("id");
        assertEquals(sentId.getNodeType(), parsed.get("id").getNodeType(), "the id keeps its JSON type");
        assertEquals(sentId, parsed.get("id"));
        assertArrayEquals(read(fixture), body, "the body is not changed");
    }

    @Test
    void theDocumentedExampleGetsTheDocumentedAcknowledgement() throws Exception {
        Callback callback = callback(read("message.json"), Map.of("secret", SECRET));
        CallbackAnswer answer = callbacks.acknowledge(callback, callbacks.decode(callback));
        assertEquals(json(read("message-ack.json")), json(answer.jsonBody().getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theProviderGivesTheseCallbacks() {
        assertSame(WhatsgateOrgCallbacks.class, new WhatsgateOrgProvider().callbacks().getClass());
    }

    // ---------------------------------------------------------------- every action

    static Stream<Arguments> actions() {
        return rows("actions").map(c -> Arguments.of(c.get("event_action").asText(),
                c.has("kind") ? c.get("kind").asText() : null, c.has("status") ? c.get("status").asText() : null));
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @MethodSource("actions")
    void actionMaps(String action, String kind, String status) throws Exception {
        ObjectNode body = (ObjectNode) json(read("ready.json"));
        body.put("event_action", action);
        Callback callback = callback(JSON.writeValueAsBytes(body), Map.of());
        List<CallbackEvent> events = callbacks.decode(callback);
        if (kind == null) {
            assertEquals(List.of(), events, "not a lifecycle event");
        } else {
            assertEquals(1, events.size());
            CallbackEvent e = events.get(0);
            assertEquals(CallbackEvent.Kind.valueOf(kind), e.kind());
            assertEquals(DeviceStatus.valueOf(status), e.status());
            assertEquals(action, e.rawStatus());
            assertEquals("191b80a9238", e.deviceId());
            assertNull(e.qr());
        }
        assertEquals("{\"result\":\"OK\",\"id\":19}", callbacks.acknowledge(callback, events).jsonBody(),
                "every decoded callback is acknowledged, emitted or not");
    }

    @Test
    void anIgnoredEventIsNotCheckedBeyondItsEnvelope() throws Exception {
        byte[] body = "{\"id\":7,\"event_action\":\"message\",\"whatsapp_id\":{},\"event_date\":\"soon\"}"
                .getBytes(StandardCharsets.UTF_8);
        Callback callback = callback(body, Map.of());
        assertEquals(List.of(), callbacks.decode(callback));
        assertEquals("{\"result\":\"OK\",\"id\":7}", callbacks.acknowledge(callback, List.of()).jsonBody());
    }

    // ---------------------------------------------------------------- event_date

    static Stream<Arguments> dates() {
        return rows("dates").map(c -> Arguments.of(c.has("absent") ? "(absent)" : c.get("event_date").toString(), c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dates")
    void eventDateIsRead(String shown, JsonNode c) throws Exception {
        ObjectNode body = (ObjectNode) json(read("ready.json"));
        if (c.has("absent")) {
            body.remove("event_date");
        } else {
            body.set("event_date", c.get("event_date"));
        }
        Callback callback = callback(JSON.writeValueAsBytes(body), Map.of());
        if (c.path("malformed").asBoolean()) {
            MalformedCallbackException e = assertThrows(MalformedCallbackException.class, () -> callbacks.decode(callback));
            assertTrue(e.getMessage().contains("event_date"), e.getMessage());
            return;
        }
        JsonNode expected = c.get("occurredAt");
        Instant at = callbacks.decode(callback).get(0).occurredAt();
        assertEquals(expected.isNull() ? null : Instant.parse(expected.asText()), at);
    }

    // ---------------------------------------------------------------- malformed bodies

    static Stream<Arguments> malformed() {
        return rows("malformed").map(c -> Arguments.of(c.get("name").asText(), c.get("body").asText()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedBodyIsRefused(String name, String body) {
        Callback callback = callback(body.getBytes(StandardCharsets.UTF_8), Map.of("secret", SECRET));
        MalformedCallbackException e = assertThrows(MalformedCallbackException.class, () -> callbacks.decode(callback));
        assertFalse(e.getMessage().isBlank());
        assertTrue(e.getMessage().length() < 300, e.getMessage());
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
        assertSame(CallbackAnswer.EMPTY, callbacks.acknowledge(callback, List.of()), "a refused body is never acknowledged");
    }

    @Test
    void aLargeBodyIsQuotedShortly() {
        String body = "<html>" + "x".repeat(100_000) + "</html>";
        Callback callback = callback(body.getBytes(StandardCharsets.UTF_8), Map.of());
        MalformedCallbackException e = assertThrows(MalformedCallbackException.class, () -> callbacks.decode(callback));
        assertTrue(e.getMessage().startsWith("the callback body is not one JSON document (without duplicate keys): '<html>xxx"), e.getMessage());
        assertTrue(e.getMessage().length() < 200, e.getMessage());
    }

    // ---------------------------------------------------------------- helpers

    private static void assertEvent(JsonNode expected, CallbackEvent actual) {
        assertEquals(expected.get("eventId").asText(), actual.eventId());
        assertEquals(expected.get("deviceId").asText(), actual.deviceId());
        assertEquals(CallbackEvent.Kind.valueOf(expected.get("kind").asText()), actual.kind());
        assertEquals(DeviceStatus.valueOf(expected.get("status").asText()), actual.status());
        assertEquals(expected.get("rawStatus").asText(), actual.rawStatus());
        assertEquals(Instant.parse(expected.get("occurredAt").asText()), actual.occurredAt());
        assertNull(actual.qr());
        assertEquals(JSON.convertValue(expected.get("extra"), Map.class), actual.extra());
    }

    private static Stream<JsonNode> rows(String table) {
        List<JsonNode> rows = new ArrayList<>();
        CASES.get(table).forEach(rows::add);
        return rows.stream();
    }

    private static Callback callback(byte[] body, Map<String, String> query) {
        return new Callback(Map.of("content-type", List.of("application/json")), query, body);
    }

    private static byte[] read(String name) {
        try (InputStream in = WhatsgateOrgCallbacksTest.class.getResourceAsStream(DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("no fixture " + DIR + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode json(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
