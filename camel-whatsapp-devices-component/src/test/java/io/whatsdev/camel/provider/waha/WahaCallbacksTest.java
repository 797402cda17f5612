package io.whatsdev.camel.provider.waha;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.whatsdev.camel.model.DeviceStatus;
import io.whatsdev.camel.provider.Callback;
import io.whatsdev.camel.provider.CallbackDecoder;
import io.whatsdev.camel.provider.CallbackDecoder.CallbackAnswer;
import io.whatsdev.camel.provider.CallbackEvent;
import io.whatsdev.camel.provider.CallbackRejectedException;
import io.whatsdev.camel.provider.MalformedCallbackException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link WahaCallbacks} without HTTP, on the documented payloads in {@code contract/waha/callbacks/}: the signature
 * (signed here with a known key, and the docs' own example), every word of WAHA's status table, {@code FAILED} after
 * {@code SCAN_QR_CODE}, events that are not about a session's lifecycle, and malformed bodies. No message ever quotes
 * the secret or a signature.
 */
class WahaCallbacksTest {

    private static final String KEY = "waha-HMAC-k3y-0815-secret";
    private static final String FIXTURES = "/contract/waha/callbacks/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CallbackDecoder decoder = new WahaProvider().callbacks();

    // ---------------------------------------------------------------- fixtures and signing

    private static byte[] fixture(String name) {
        try (InputStream in = WahaCallbacksTest.class.getResourceAsStream(FIXTURES + name)) {
            if (in == null) {
                throw new IllegalStateException("no fixture " + FIXTURES + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode fixtureJson(String name) {
        try {
            return JSON.readTree(fixture(name));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Hex HMAC of the body, computed here, apart from the decoder's own code. */
    private static String hmac(String algorithm, byte[] body, String key) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sign(byte[] body, String key) {
        return hmac("HmacSHA512", body, key);
    }

    /** A delivery as WAHA makes it, header names in WAHA's spelling. */
    private static Callback delivery(byte[] body, String signature, String algorithm) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Content-Type", List.of("application/json"));
        headers.put("X-Webhook-Request-Id", List.of("01JREQ000000000000000000AA"));
        headers.put("X-Webhook-Timestamp", List.of("1700000003100"));
        if (signature != null) {
            headers.put("X-Webhook-Hmac", List.of(signature));
        }
        if (algorithm != null) {
            headers.put("X-Webhook-Hmac-Algorithm", List.of(algorithm));
        }
        return new Callback(headers, Map.of(), body);
    }

    private static Callback signed(byte[] body) {
        return delivery(body, sign(body, KEY), "sha512");
    }

    private static Callback unsigned(byte[] body) {
        return delivery(body, null, null);
    }

    // ---------------------------------------------------------------- verify

    @Test
    void theProviderGivesThisDecoder() {
        assertInstanceOf(WahaCallbacks.class, decoder);
    }

    @Test
    void theDocsOwnExampleSignatureVerifies() {
        JsonNode ex = fixtureJson("hmac-docs-example.json");
        byte[] body = ex.get("body").asText().getBytes(StandardCharsets.UTF_8);
        String key = ex.get("key").asText();
        String documented = ex.get("hmac").asText();
        // the test's own HMAC agrees with the docs, and so does the decoder
        assertEquals(documented, sign(body, key));
        assertDoesNotThrow(() -> decoder.verify(delivery(body, documented, ex.get("algorithm").asText()), key));
        CallbackRejectedException e = assertThrows(CallbackRejectedException.class,
                () -> decoder.verify(delivery(body, documented, "sha512"), key + "x"));
        assertFalse(e.getMessage().contains(documented));
        assertFalse(e.getMessage().contains(key));
    }

    static Stream<Arguments> accepted() {
        byte[] body = fixture("session-status-working.json");
        String sig = sign(body, KEY);
        return Stream.of(
                Arguments.of("signed, algorithm sha512", delivery(body, sig, "sha512")),
                Arguments.of("signed, no algorithm header", delivery(body, sig, null)),
                Arguments.of("algorithm in upper case", delivery(body, sig, "SHA512")),
                Arguments.of("signature in upper-case hex", delivery(body, sig.toUpperCase(Locale.ROOT), "sha512")),
                Arguments.of("signature with surrounding blanks", delivery(body, " " + sig + " ", "sha512")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void verifies(String name, Callback callback) {
        assertDoesNotThrow(() -> decoder.verify(callback, KEY));
    }

    static Stream<Arguments> rejected() {
        byte[] body = fixture("session-status-working.json");
        String sig = sign(body, KEY);
        byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("\"WORKING\",\"data\"", "\"FAILED\",\"data\"")
                .getBytes(StandardCharsets.UTF_8);
        byte[] trailingBlank = (new String(body, StandardCharsets.UTF_8) + " ").getBytes(StandardCharsets.UTF_8);
        Map<String, List<String>> twice = new LinkedHashMap<>();
        twice.put("X-Webhook-Hmac", List.of(sig, sig));
        return Stream.of(
                Arguments.of("signed with another key", delivery(body, sign(body, "another-key"), "sha512"), KEY,
                        "does not match"),
                Arguments.of("no signature header", unsigned(body), KEY, "has no X-Webhook-Hmac"),
                Arguments.of("no signature, algorithm only", delivery(body, null, "sha512"), KEY, "has no X-Webhook-Hmac"),
                Arguments.of("blank signature", delivery(body, " ", "sha512"), KEY, "has no X-Webhook-Hmac"),
                Arguments.of("tampered body", delivery(tampered, sig, "sha512"), KEY, "does not match"),
                Arguments.of("a blank appended to the body", delivery(trailingBlank, sig, "sha512"), KEY, "does not match"),
                Arguments.of("algorithm sha256", delivery(body, hmac("HmacSHA256", body, KEY), "sha256"), KEY,
                        "is not sha512 but 'sha256'"),
                Arguments.of("right signature, algorithm header says sha1", delivery(body, sig, "sha1"), KEY,
                        "is not sha512"),
                Arguments.of("SHA-256 signature without algorithm header", delivery(body, hmac("HmacSHA256", body, KEY),
                        null), KEY, "is not a hex HMAC-SHA512"),
                Arguments.of("truncated signature", delivery(body, sig.substring(0, 100), "sha512"), KEY,
                        "is not a hex HMAC-SHA512"),
                Arguments.of("base64 signature", delivery(body, java.util.Base64.getEncoder()
                        .encodeToString(HexFormat.of().parseHex(sig)), "sha512"), KEY, "is not a hex HMAC-SHA512"),
                Arguments.of("two signature headers", new Callback(twice, Map.of(), body), KEY, "2 X-Webhook-Hmac headers"),
                Arguments.of("empty webhookSecret", signed(body), "", "no webhookSecret"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejected")
    void refuses(String name, Callback callback, String secret, String reason) {
        CallbackRejectedException e = assertThrows(CallbackRejectedException.class, () -> decoder.verify(callback, secret));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
        assertQuotesNoSecret(e.getMessage(), callback);
    }

    /** Neither the key, nor the signature received, nor the one expected. */
    private static void assertQuotesNoSecret(String message, Callback callback) {
        assertFalse(message.contains(KEY), message);
        assertFalse(message.contains("another-key"), message);
        String expected = sign(callback.body(), KEY);
        assertFalse(message.toLowerCase(Locale.ROOT).contains(expected.substring(0, 16)), message);
        List<String> received = callback.headers().getOrDefault("x-webhook-hmac", List.of());
        for (String r : received) {
            if (!r.isBlank()) {
                assertFalse(message.contains(r.strip().substring(0, Math.min(16, r.strip().length()))), message);
            }
        }
    }

    // ---------------------------------------------------------------- decode: the documented events

    @Test
    void theFactSheetsExampleIsOneStatusEvent() throws Exception {
        Callback c = signed(fixture("session-status-working.json"));
        decoder.verify(c, KEY);
        List<CallbackEvent> events = decoder.decode(c);
        assertEquals(1, events.size());
        CallbackEvent e = events.get(0);
        assertEquals("evt_01aa0000000000000000000000", e.eventId());
        assertEquals("s1", e.deviceId());
        assertEquals(CallbackEvent.Kind.STATUS, e.kind());
        assertEquals(DeviceStatus.CONNECTED, e.status());
        assertEquals("WORKING", e.rawStatus());
        assertEquals(Instant.ofEpochMilli(1700000003000L), e.occurredAt());
        assertNull(e.qr());
        assertEquals(Map.of("phone", "111", "engine", "NOWEB", "metadata", Map.of("k", "v"),
                "requestId", "01JREQ000000000000000000AA"), e.extra());
        assertSame(CallbackAnswer.EMPTY, decoder.acknowledge(c, events));
    }

    @Test
    void theDocsExampleHasNoIdAndTakesTheLastStatusTime() throws Exception {
        Callback c = signed(fixture("session-status-docs.json"));
        decoder.verify(c, KEY);
        CallbackEvent e = single(decoder.decode(c));
        assertNull(e.eventId());
        assertEquals("default", e.deviceId());
        assertEquals(DeviceStatus.CONNECTED, e.status());
        assertEquals("WORKING", e.rawStatus());
        assertEquals(Instant.ofEpochMilli(1700000003000L), e.occurredAt());
        assertEquals(Map.of("phone", "7911111", "engine", "WEBJS", "requestId", "01JREQ000000000000000000AA"), e.extra());
    }

    @Test
    void failedAfterScanQrCodeIsExpired() throws Exception {
        CallbackEvent e = single(decoder.decode(signed(fixture("session-status-failed-after-scan.json"))));
        assertEquals(DeviceStatus.EXPIRED, e.status());
        assertEquals("FAILED", e.rawStatus());
        assertEquals("evt_01aa0000000000000000000007", e.eventId());
        assertEquals(Instant.ofEpochMilli(1700000130000L), e.occurredAt());
        assertFalse(e.extra().containsKey("phone")); // me is null before a login
        assertNull(e.qr());
    }

    @Test
    void failedAfterWorkingIsDisconnected() throws Exception {
        CallbackEvent e = single(decoder.decode(signed(fixture("session-status-failed-after-working.json"))));
        assertEquals(DeviceStatus.DISCONNECTED, e.status());
        assertEquals("FAILED", e.rawStatus());
    }

    /** Every row of WAHA's status table, in the fact sheet's event shape: the status the table gives. */
    static Stream<Arguments> statusTable() {
        return new WahaProvider().statusMapping().entrySet().stream().map(r -> Arguments.of(r.getKey(), r.getValue()));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("statusTable")
    void everyStatusWordReadsAsTheTableSays(String row, DeviceStatus expected) throws Exception {
        byte[] body;
        String raw;
        if (row.equals(WahaProvider.FAILED_AFTER_SCAN)) {
            body = fixture("session-status-failed-after-scan.json");
            raw = "FAILED";
        } else {
            body = withStatus(row, "STARTING");
            raw = row;
        }
        Callback c = signed(body);
        decoder.verify(c, KEY);
        CallbackEvent e = single(decoder.decode(c));
        assertEquals(expected, e.status());
        assertEquals(raw, e.rawStatus());
        assertEquals("s1", e.deviceId());
        // WAHA's webhook has no QR image: a SCAN_QR_CODE status is the signal, never a QR event
        assertEquals(CallbackEvent.Kind.STATUS, e.kind());
        assertNull(e.qr());
    }

    @Test
    void anUnknownWordIsUnknownNotMalformed() throws Exception {
        CallbackEvent e = single(decoder.decode(signed(withStatus("HIBERNATING", "WORKING"))));
        assertEquals(DeviceStatus.UNKNOWN, e.status());
        assertEquals("HIBERNATING", e.rawStatus());
    }

    @Test
    void everyNewQrCodeIsAnAwaitingScanStatusEvent() throws Exception {
        // each new QR repeats SCAN_QR_CODE; the history holds the previous one
        CallbackEvent e = single(decoder.decode(signed(withStatus("SCAN_QR_CODE", "SCAN_QR_CODE"))));
        assertEquals(CallbackEvent.Kind.STATUS, e.kind());
        assertEquals(DeviceStatus.AWAITING_SCAN, e.status());
        assertNull(e.qr());
    }

    @Test
    void noTimeWhereNeitherTheEventNorTheHistorySaysIt() throws Exception {
        ObjectNode n = (ObjectNode) fixtureJson("session-status-working.json");
        n.remove("timestamp");
        ArrayNode history = (ArrayNode) n.get("payload").get("statuses");
        history.remove(history.size() - 1); // the last entry is STARTING now, not the current WORKING
        assertNull(single(decoder.decode(signed(JSON.writeValueAsBytes(n)))).occurredAt());
        n.set("timestamp", JSON.getNodeFactory().textNode("soon"));
        assertNull(single(decoder.decode(signed(JSON.writeValueAsBytes(n)))).occurredAt());
    }

    @Test
    void payloadDataIsNeverKept() throws Exception {
        ObjectNode n = (ObjectNode) fixtureJson("session-status-working.json");
        ((ObjectNode) n.get("payload")).put("status", "PASSKEY_REQUIRED").putObject("data").put("challenge", "9WVUYm9AsQ");
        CallbackEvent e = single(decoder.decode(signed(JSON.writeValueAsBytes(n))));
        assertEquals(DeviceStatus.AWAITING_SCAN, e.status());
        assertFalse(e.extra().toString().contains("9WVUYm9AsQ"), e.extra().toString());
    }

    /** The fact sheet's example with another status, its history ending with {@code before} then that status. */
    private static byte[] withStatus(String status, String before) {
        ObjectNode n = (ObjectNode) fixtureJson("session-status-working.json");
        ObjectNode payload = (ObjectNode) n.get("payload");
        payload.put("status", status);
        ArrayNode history = payload.putArray("statuses");
        history.addObject().put("status", before).put("timestamp", 1700000002000L);
        history.addObject().put("status", status).put("timestamp", 1700000003000L);
        try {
            return JSON.writeValueAsBytes(n);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static CallbackEvent single(List<CallbackEvent> events) {
        assertEquals(1, events.size(), events.toString());
        return events.get(0);
    }

    // ---------------------------------------------------------------- decode: other events, malformed bodies

    static Stream<Arguments> nonLifecycleEvents() throws IOException {
        List<Arguments> rows = new ArrayList<>();
        for (JsonNode event : fixtureJson("non-lifecycle-events.json")) {
            rows.add(Arguments.of(event.get("event").asText(), JSON.writeValueAsBytes(event)));
        }
        JsonNode ex = fixtureJson("hmac-docs-example.json");
        rows.add(Arguments.of("the docs' HMAC example", ex.get("body").asText().getBytes(StandardCharsets.UTF_8)));
        return rows.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nonLifecycleEvents")
    void otherEventsGiveNoEvent(String event, byte[] body) throws Exception {
        Callback c = signed(body);
        decoder.verify(c, KEY);
        assertEquals(List.of(), decoder.decode(c));
        assertSame(CallbackAnswer.EMPTY, decoder.acknowledge(c, List.of()));
    }

    static Stream<Arguments> malformedBodies() {
        List<Arguments> rows = new ArrayList<>();
        for (JsonNode m : fixtureJson("malformed-bodies.json")) {
            rows.add(Arguments.of(m.get("name").asText(), m.get("body").asText(), m.get("problem").asText()));
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedBodies")
    void malformedBodiesAreRefused(String name, String body, String problem) throws Exception {
        Callback c = signed(body.getBytes(StandardCharsets.UTF_8));
        decoder.verify(c, KEY); // signed, so only decoding can refuse it
        MalformedCallbackException e = assertThrows(MalformedCallbackException.class, () -> decoder.decode(c));
        assertTrue(e.getMessage().contains(problem), e.getMessage());
        assertTrue(e.getMessage().length() < 400, e.getMessage());
        assertFalse(e.getMessage().chars().anyMatch(ch -> Character.isISOControl(ch)), e.getMessage());
        assertQuotesNoSecret(e.getMessage(), c);
    }

    @Test
    void aLongNonJsonBodyIsQuotedShort() {
        String html = "<html>" + "x".repeat(10_000) + "</html>";
        MalformedCallbackException e = assertThrows(MalformedCallbackException.class,
                () -> decoder.decode(unsigned(html.getBytes(StandardCharsets.UTF_8))));
        assertTrue(e.getMessage().contains("not JSON: <html>xxx"), e.getMessage());
        assertTrue(e.getMessage().length() < 300, e.getMessage());
    }
}
