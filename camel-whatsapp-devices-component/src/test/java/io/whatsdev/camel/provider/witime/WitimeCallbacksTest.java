package io.whatsdev.camel.provider.witime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import io.whatsdev.camel.QrTestSupport;
import io.whatsdev.camel.model.DeviceStatus;
import io.whatsdev.camel.model.QrCode;
import io.whatsdev.camel.provider.Callback;
import io.whatsdev.camel.provider.CallbackDecoder;
import io.whatsdev.camel.provider.CallbackEvent;
import io.whatsdev.camel.provider.CallbackRejectedException;
import io.whatsdev.camel.provider.MalformedCallbackException;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link WitimeCallbacks} on the PostBack fixtures of {@code contract/witime/callbacks} (see its README: witime documents
 * no PostBack body, the fixtures are its documented status objects), without HTTP.
 */
class WitimeCallbacksTest {

    private static final String SECRET = "whk-S3cret-7f1c";
    /** The documented WebID; the documented Webhook field shows it as the URL's wid, i.e. the instance key. */
    private static final String WEB_ID = "6D6307C3-2973-4468-85FA-D047CB8E1F2E";
    private static final String OTHER_KEY = "KEY-0a1b2c3d4e5f";

    private final WitimeCallbacks decoder = new WitimeCallbacks();

    // ---------------------------------------------------------------- verify

    @TestFactory
    Stream<DynamicTest> secretIsVerified() {
        record Case(String name, Map<String, String> query, boolean accepted) {
        }
        List<Case> cases = List.of(
                new Case("right secret", Map.of("secret", SECRET), true),
                new Case("right secret, with witime's wid", Map.of("secret", SECRET, "wid", WEB_ID), true),
                new Case("no secret", Map.of(), false),
                new Case("no secret, only wid", Map.of("wid", WEB_ID), false),
                new Case("empty secret", Map.of("secret", ""), false),
                new Case("wrong secret", Map.of("secret", "whk-S3cret-7f1d"), false),
                new Case("secret as a prefix", Map.of("secret", SECRET.substring(0, 8)), false),
                new Case("secret with a suffix", Map.of("secret", SECRET + "x"), false),
                new Case("secret in another case", Map.of("secret", SECRET.toUpperCase()), false),
                new Case("secret under another name", Map.of("Secret", SECRET), false));
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            Callback cb = new Callback(Map.of(), c.query(), fixture("status-authenticated.json"));
            if (c.accepted()) {
                decoder.verify(cb, SECRET);
            } else {
                CallbackRejectedException e = assertThrows(CallbackRejectedException.class, () -> decoder.verify(cb, SECRET));
                assertNoSecrets(e.getMessage(), c.query().values().toArray(String[]::new));
            }
        }));
    }

    // ---------------------------------------------------------------- decode: each documented PostBack

    /** What a decoded event must be; null fields are not checked unless named. */
    record Expected(String deviceId, CallbackEvent.Kind kind, DeviceStatus status, String rawStatus,
                    Map<String, Object> extra) {
    }

    record DecodeCase(String name, String fixture, Map<String, String> query, List<Expected> events, boolean malformed) {
        static DecodeCase ok(String name, String fixture, Map<String, String> query, Expected... events) {
            return new DecodeCase(name, fixture, query, List.of(events), false);
        }

        static DecodeCase malformed(String name, String fixture, Map<String, String> query) {
            return new DecodeCase(name, fixture, query, List.of(), true);
        }
    }

    private static final Map<String, Object> AUTHENTICATED_EXTRA = map("statusString", "WhatsAppAuthenticated", "connected",
            true, "CanRestoreConnection", true, "phone", "5511987654321", "pushname", "Atendimento Maria");

    static List<DecodeCase> decodeCases() {
        Map<String, String> plain = Map.of("secret", SECRET);
        Map<String, String> keyIsWebId = Map.of("secret", SECRET, "wid", WEB_ID);
        Map<String, String> otherKey = Map.of("secret", SECRET, "wid", OTHER_KEY);
        String digestOfWebId = WitimeCallbacks.instanceId(WEB_ID);
        String digestOfOtherKey = WitimeCallbacks.instanceId(OTHER_KEY);
        return List.of(
                DecodeCase.ok("status.aspx object: named by its WebID", "status-authenticated.json", plain,
                        new Expected(WEB_ID, CallbackEvent.Kind.STATUS, DeviceStatus.CONNECTED, "10", AUTHENTICATED_EXTRA)),
                DecodeCase.ok("status.aspx object, URL's wid is the WebID: the key's digest names it",
                        "status-authenticated.json", keyIsWebId,
                        new Expected(digestOfWebId, CallbackEvent.Kind.STATUS, DeviceStatus.CONNECTED, "10",
                                AUTHENTICATED_EXTRA)),
                DecodeCase.ok("status.aspx object, URL's wid is another key: the WebID names it", "status-authenticated.json",
                        otherKey,
                        new Expected(WEB_ID, CallbackEvent.Kind.STATUS, DeviceStatus.CONNECTED, "10", AUTHENTICATED_EXTRA)),
                DecodeCase.ok("disconnect.aspx object, named by the URL's wid", "status-disconnected.json", otherKey,
                        new Expected(digestOfOtherKey, CallbackEvent.Kind.STATUS, DeviceStatus.DISCONNECTED, "0",
                                map("statusString", "noConnection", "connected", false))),
                DecodeCase.malformed("disconnect.aspx object without WebID nor wid names no instance",
                        "status-disconnected.json", plain),
                DecodeCase.ok("set_config.aspx object: the Webhook field is not kept", "status-set-config.json", otherKey,
                        new Expected(digestOfOtherKey, CallbackEvent.Kind.STATUS, DeviceStatus.CONNECTED, "10",
                                map("statusString", "WhatsAppAuthenticated", "connected", true))),
                DecodeCase.ok("restore_session.aspx inner status", "status-restored.json", otherKey,
                        new Expected(digestOfOtherKey, CallbackEvent.Kind.STATUS, DeviceStatus.CONNECTED, "10",
                                map("statusString", "WhatsAppAuthenticated"))),
                DecodeCase.ok("close_session.aspx inner status", "status-closed.json", otherKey,
                        new Expected(digestOfOtherKey, CallbackEvent.Kind.STATUS, DeviceStatus.DISCONNECTED, "0",
                                map("statusString", "noConnection"))),
                DecodeCase.malformed("generate_qrcode.aspx answer with the docs' placeholder QR", "qr-generated.json",
                        otherKey),
                DecodeCase.ok("generate_qrcode.aspx error: left out", "not-lifecycle-generate-qrcode-error.json", otherKey),
                DecodeCase.ok("clear.aspx answer (status: true): left out", "not-lifecycle-clear.json", otherKey),
                DecodeCase.ok("save_session.aspx answer: left out", "not-lifecycle-save-session.json", otherKey),
                DecodeCase.ok("a message (constructed, undocumented): left out", "message-constructed.json", otherKey));
    }

    @TestFactory
    Stream<DynamicTest> eachDocumentedPostBackIsDecoded() {
        return decodeCases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            Callback cb = new Callback(Map.of("Content-Type", List.of("application/json")), c.query(), fixture(c.fixture()));
            if (c.malformed()) {
                MalformedCallbackException e = assertThrows(MalformedCallbackException.class, () -> decoder.decode(cb));
                assertNoSecrets(e.getMessage(), SECRET, OTHER_KEY);
                return;
            }
            List<CallbackEvent> events = decoder.decode(cb);
            assertEquals(c.events().size(), events.size(), () -> "events: " + events);
            for (int i = 0; i < events.size(); i++) {
                Expected x = c.events().get(i);
                CallbackEvent e = events.get(i);
                assertEquals(x.deviceId(), e.deviceId());
                assertEquals(x.kind(), e.kind());
                assertEquals(x.status(), e.status());
                assertEquals(x.rawStatus(), e.rawStatus());
                assertEquals(x.extra(), e.extra());
                assertNull(e.eventId(), "the documented status object has no id");
                assertNull(e.occurredAt(), "no documented PostBack field carries a time");
                assertNull(e.qr());
                assertNoSecrets(e.toString(), SECRET, OTHER_KEY, c.query().get("wid"));
            }
        }));
    }

    /** Every documented code, through WitimeReader's table; an undocumented one is UNKNOWN; statusString alone works. */
    @TestFactory
    Stream<DynamicTest> everyStatusCodeMapsWithTheReadersTable() {
        List<DynamicTest> tests = new ArrayList<>();
        WitimeReader.STATUSES.forEach((code, status) -> tests.add(DynamicTest.dynamicTest("code " + code, () -> {
            String body = "{\"status\":" + code + ",\"statusString\":\"" + WitimeReader.STATUS_STRINGS.get(code)
                          + "\",\"WebID\":\"W1\"}";
            CallbackEvent e = single(body);
            assertEquals(status, e.status());
            assertEquals(code, e.rawStatus());
            assertEquals("W1", e.deviceId());
        })));
        WitimeReader.STATUS_STRINGS.forEach((code, string) -> tests.add(DynamicTest.dynamicTest("statusString " + string,
                () -> {
                    CallbackEvent e = single("{\"statusString\":\"" + string + "\",\"WebID\":\"W1\"}");
                    assertEquals(WitimeReader.STATUSES.get(code), e.status());
                    assertEquals(code, e.rawStatus());
                })));
        tests.add(DynamicTest.dynamicTest("code as a string of digits", () -> {
            CallbackEvent e = single("{\"status\":\"3\",\"connected\":false,\"WebID\":\"W1\"}");
            assertEquals(DeviceStatus.AWAITING_SCAN, e.status());
            assertEquals("3", e.rawStatus());
        }));
        tests.add(DynamicTest.dynamicTest("undocumented code 12", () -> {
            CallbackEvent e = single("{\"status\":12,\"connected\":false,\"WebID\":\"W1\"}");
            assertEquals(DeviceStatus.UNKNOWN, e.status());
            assertEquals("12", e.rawStatus());
        }));
        tests.add(DynamicTest.dynamicTest("an id is the event id", () -> {
            assertEquals("77", single("{\"id\":77,\"status\":10,\"connected\":true,\"WebID\":\"W1\"}").eventId());
        }));
        return tests.stream();
    }

    private CallbackEvent single(String body) throws MalformedCallbackException {
        List<CallbackEvent> events = decoder.decode(callback(Map.of("secret", SECRET), body.getBytes(StandardCharsets.UTF_8)));
        assertEquals(1, events.size(), () -> "events: " + events);
        return events.get(0);
    }

    @Test
    void aPostBackWithARealQrIsAQrEvent() throws Exception {
        String svg = QrTestSupport.svg("witime-qr");
        String body = new String(fixture("qr-generated.json"), StandardCharsets.UTF_8).replace("\"...\"",
                "\"" + Base64.getEncoder().encodeToString(svg.getBytes(StandardCharsets.UTF_8)) + "\"");
        List<CallbackEvent> events = decoder.decode(callback(Map.of("secret", SECRET, "wid", OTHER_KEY),
                body.getBytes(StandardCharsets.UTF_8)));
        assertEquals(1, events.size());
        CallbackEvent e = events.get(0);
        assertEquals(CallbackEvent.Kind.QR, e.kind());
        assertEquals(WitimeCallbacks.instanceId(OTHER_KEY), e.deviceId());
        assertNull(e.status());
        assertNotNull(e.qr());
        assertEquals(QrCode.MEDIA_TYPE_SVG, e.qr().getMediaType());
        assertEquals("witime-qr", QrTestSupport.decode(e.qr()));
        assertNotNull(e.qr().getExpiresAt(), "ttl 20 sets the expiry");
    }

    // ---------------------------------------------------------------- bulk

    /** The plain fixtures that decode, and their events in order. */
    private List<byte[]> decodableBodies() {
        List<byte[]> bodies = new ArrayList<>();
        for (DecodeCase c : decodeCases()) {
            if (!c.malformed() && c.query().containsKey("wid") && c.query().get("wid").equals(OTHER_KEY)) {
                bodies.add(fixture(c.fixture()));
            }
        }
        return bodies;
    }

    private List<Object> plainEvents(List<byte[]> bodies) throws MalformedCallbackException {
        List<Object> events = new ArrayList<>();
        for (byte[] b : bodies) {
            for (CallbackEvent e : decoder.decode(callback(bulkQuery(), b))) {
                events.add(comparable(e));
            }
        }
        return events;
    }

    @TestFactory
    Stream<DynamicTest> bulkDeliveriesDecodeToTheSameEvents() throws Exception {
        List<byte[]> bodies = decodableBodies();
        List<Object> expected = plainEvents(bodies);
        assertEquals(5, expected.size(), "the five status objects; the other four are left out");
        String items = jsonArrayOfBase64(bodies);
        Map<String, byte[]> deliveries = new LinkedHashMap<>();
        deliveries.put("BULK,", ("BULK," + items).getBytes(StandardCharsets.UTF_8));
        deliveries.put("BULK, with objects as items", ("BULK,[" + String.join(",",
                bodies.stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList()) + "]").getBytes(StandardCharsets.UTF_8));
        deliveries.put("BULKGZ, zlib", ("BULKGZ," + b64(zlib(items.getBytes(StandardCharsets.UTF_8))))
                .getBytes(StandardCharsets.UTF_8));
        deliveries.put("BULKGZ, zlib with a UTF-8 BOM", ("BULKGZ," + b64(zlib(withBom(items.getBytes(StandardCharsets.UTF_8)))))
                .getBytes(StandardCharsets.UTF_8));
        deliveries.put("BULKGZ, gzip", ("BULKGZ," + b64(gzip(items.getBytes(StandardCharsets.UTF_8))))
                .getBytes(StandardCharsets.UTF_8));
        deliveries.put("BULKGZ, url-safe base64", ("BULKGZ," + Base64.getUrlEncoder().encodeToString(
                zlib(items.getBytes(StandardCharsets.UTF_8)))).getBytes(StandardCharsets.UTF_8));
        return deliveries.entrySet().stream().map(d -> DynamicTest.dynamicTest(d.getKey(), () -> {
            List<Object> got = new ArrayList<>();
            for (CallbackEvent e : decoder.decode(callback(bulkQuery(), d.getValue()))) {
                got.add(comparable(e));
            }
            assertEquals(expected, got);
        }));
    }

    @Test
    void aBulkWithAQrAndAStatusKeepsTheirOrder() throws Exception {
        String svg = QrTestSupport.svg("bulk-qr");
        byte[] qr = new String(fixture("qr-generated.json"), StandardCharsets.UTF_8).replace("\"...\"",
                "\"" + Base64.getEncoder().encodeToString(svg.getBytes(StandardCharsets.UTF_8)) + "\"")
                .getBytes(StandardCharsets.UTF_8);
        List<byte[]> bodies = List.of(qr, fixture("message-constructed.json"), fixture("status-authenticated.json"));
        List<Object> expected = plainEvents(bodies);
        assertEquals(2, expected.size());
        byte[] gz = ("BULKGZ," + b64(zlib(jsonArrayOfBase64(bodies).getBytes(StandardCharsets.UTF_8))))
                .getBytes(StandardCharsets.UTF_8);
        List<Object> got = new ArrayList<>();
        for (CallbackEvent e : decoder.decode(callback(bulkQuery(), gz))) {
            got.add(comparable(e));
        }
        assertEquals(expected, got);
    }

    @Test
    void messageEventsAloneDecodeToNothing() throws Exception {
        byte[] message = fixture("message-constructed.json");
        String items = jsonArrayOfBase64(List.of(message, message));
        assertEquals(List.of(), decoder.decode(callback(bulkQuery(), message)));
        assertEquals(List.of(), decoder.decode(callback(bulkQuery(), ("BULK," + items).getBytes(StandardCharsets.UTF_8))));
        assertEquals(List.of(), decoder.decode(callback(bulkQuery(),
                ("BULKGZ," + b64(zlib(items.getBytes(StandardCharsets.UTF_8)))).getBytes(StandardCharsets.UTF_8))));
        assertEquals(List.of(), decoder.decode(callback(bulkQuery(), "BULK,[]".getBytes(StandardCharsets.UTF_8))));
    }

    // ---------------------------------------------------------------- malformed

    @TestFactory
    Stream<DynamicTest> unreadableDeliveriesAreMalformed() throws Exception {
        byte[] status = fixture("status-authenticated.json");
        byte[] zlibbed = zlib(jsonArrayOfBase64(List.of(status)).getBytes(StandardCharsets.UTF_8));
        byte[] corruptZlib = zlibbed.clone();
        for (int i = 2; i < corruptZlib.length - 4; i++) {
            corruptZlib[i] = (byte) 0xFF;
        }
        // a body that echoes the secret and the key, as the Webhook field of witime's status object does
        String echoing = "{\"status\":\"ten\",\"statusString\":\"x\",\"WebID\":\"" + WEB_ID
                         + "\",\"Webhook\":\"https://my.example/cb?secret=" + SECRET + "&wid=" + WEB_ID + "\"}";
        Map<String, byte[]> bodies = new LinkedHashMap<>();
        bodies.put("empty body", new byte[0]);
        bodies.put("blank body", " \r\n".getBytes(StandardCharsets.UTF_8));
        bodies.put("not JSON", ("not json ?secret=" + SECRET).getBytes(StandardCharsets.UTF_8));
        bodies.put("a JSON array, not bulk", "[{\"status\":10}]".getBytes(StandardCharsets.UTF_8));
        bodies.put("a JSON string", "\"hello\"".getBytes(StandardCharsets.UTF_8));
        bodies.put("trailing garbage", "{\"status\":10} <html>".getBytes(StandardCharsets.UTF_8));
        bodies.put("non-numeric status, echoing the secret", echoing.getBytes(StandardCharsets.UTF_8));
        bodies.put("connected not a boolean", "{\"status\":10,\"connected\":\"yes\",\"WebID\":\"W\"}"
                .getBytes(StandardCharsets.UTF_8));
        bodies.put("BULK, not JSON", "BULK,[\"abc\"".getBytes(StandardCharsets.UTF_8));
        bodies.put("BULK, an object, not an array", ("BULK," + new String(status, StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8));
        bodies.put("BULK, empty", "BULK,".getBytes(StandardCharsets.UTF_8));
        bodies.put("BULK, corrupt base64 item", "BULK,[\"eyJzdGF0dXMiOjEw!!\"]".getBytes(StandardCharsets.UTF_8));
        bodies.put("BULK, an item that is not JSON", ("BULK,[\"" + b64("not json".getBytes(StandardCharsets.UTF_8)) + "\"]")
                .getBytes(StandardCharsets.UTF_8));
        bodies.put("BULK, an item that is a number", ("BULK,[\"" + b64("42".getBytes(StandardCharsets.UTF_8)) + "\"]")
                .getBytes(StandardCharsets.UTF_8));
        bodies.put("BULK, an item that is an array", "BULK,[[1]]".getBytes(StandardCharsets.UTF_8));
        bodies.put("BULKGZ, corrupt base64", "BULKGZ,eJzz%%%SM".getBytes(StandardCharsets.UTF_8));
        bodies.put("BULKGZ, empty", "BULKGZ,".getBytes(StandardCharsets.UTF_8));
        bodies.put("BULKGZ, not compressed", ("BULKGZ," + b64(jsonArrayOfBase64(List.of(status))
                .getBytes(StandardCharsets.UTF_8))).getBytes(StandardCharsets.UTF_8));
        bodies.put("BULKGZ, corrupt zlib", ("BULKGZ," + b64(corruptZlib)).getBytes(StandardCharsets.UTF_8));
        bodies.put("BULKGZ, truncated zlib", ("BULKGZ," + b64(Arrays.copyOf(zlibbed, zlibbed.length / 2)))
                .getBytes(StandardCharsets.UTF_8));
        bodies.put("BULKGZ, truncated gzip", ("BULKGZ," + b64(Arrays.copyOf(gzip(status), 20)))
                .getBytes(StandardCharsets.UTF_8));
        bodies.put("BULKGZ, an object, not an array", ("BULKGZ," + b64(zlib(status))).getBytes(StandardCharsets.UTF_8));
        bodies.put("BULKGZ, zlib inflating to garbage", ("BULKGZ," + b64(zlib(new byte[] {1, 2, 3})))
                .getBytes(StandardCharsets.UTF_8));
        bodies.put("BULKGZ, zip bomb (zlib)", ("BULKGZ," + b64(zlib(bomb()))).getBytes(StandardCharsets.UTF_8));
        bodies.put("BULKGZ, zip bomb (gzip)", ("BULKGZ," + b64(gzip(bomb()))).getBytes(StandardCharsets.UTF_8));
        return bodies.entrySet().stream().map(b -> DynamicTest.dynamicTest(b.getKey(), () -> {
            Callback cb = callback(Map.of("secret", SECRET, "wid", WEB_ID), b.getValue());
            MalformedCallbackException e = assertThrows(MalformedCallbackException.class, () -> decoder.decode(cb));
            assertTrue(e.getMessage().startsWith("witime PostBack: "), e.getMessage());
            assertTrue(e.getMessage().length() < 400, "a short message: " + e.getMessage());
            assertNoSecrets(e.getMessage(), SECRET, WEB_ID);
        }));
    }

    @Test
    void theZipBombIsSmallAndTheBoundIsNamed() throws Exception {
        byte[] compressed = zlib(bomb());
        assertTrue(compressed.length < 64 * 1024, "a small deflated stream: " + compressed.length);
        MalformedCallbackException e = assertThrows(MalformedCallbackException.class,
                () -> decoder.decode(callback(bulkQuery(), ("BULKGZ," + b64(compressed)).getBytes(StandardCharsets.UTF_8))));
        assertTrue(e.getMessage().contains("inflates beyond " + WitimeCallbacks.MAX_INFLATED_BYTES), e.getMessage());
    }

    @Test
    void justBelowTheBoundInflates() throws Exception {
        byte[] padded = new byte[WitimeCallbacks.MAX_INFLATED_BYTES];
        Arrays.fill(padded, (byte) ' ');
        byte[] array = "[]".getBytes(StandardCharsets.UTF_8);
        padded[0] = array[0];
        padded[padded.length - 1] = array[1];
        assertEquals(List.of(), decoder.decode(callback(bulkQuery(), ("BULKGZ," + b64(zlib(padded)))
                .getBytes(StandardCharsets.UTF_8))));
    }

    // ---------------------------------------------------------------- acknowledge, wiring

    @Test
    void acknowledgementIsAnEmpty200() throws Exception {
        Callback cb = callback(Map.of("secret", SECRET, "wid", OTHER_KEY), fixture("status-disconnected.json"));
        CallbackDecoder.CallbackAnswer answer = decoder.acknowledge(cb, decoder.decode(cb));
        assertSame(CallbackDecoder.CallbackAnswer.EMPTY, answer);
        assertEquals(200, answer.status());
        assertNull(answer.jsonBody());
    }

    @Test
    void theProviderGivesThisDecoder() {
        assertTrue(new WitimeProvider().callbacks() instanceof WitimeCallbacks);
    }

    // ---------------------------------------------------------------- helpers

    private static Map<String, String> bulkQuery() {
        return Map.of("secret", SECRET, "wid", OTHER_KEY);
    }

    private static Callback callback(Map<String, String> query, byte[] body) {
        return new Callback(Map.of(), query, body);
    }

    /** An event in a form lists can compare (QrCode has no equals). */
    private static List<Object> comparable(CallbackEvent e) {
        QrCode qr = e.qr();
        List<Object> l = new ArrayList<>(Arrays.asList(e.eventId(), e.deviceId(), e.kind(), e.status(), e.rawStatus(),
                e.occurredAt(), e.extra()));
        l.add(qr == null ? null : List.of(qr.getMediaType(), qr.getImageBase64()));
        return l;
    }

    private static void assertNoSecrets(String text, String... secrets) {
        for (String s : secrets) {
            if (s != null && !s.isEmpty()) {
                assertFalse(text.contains(s), () -> "'" + text + "' quotes a secret");
            }
        }
    }

    private static byte[] fixture(String name) {
        try (InputStream in = WitimeCallbacksTest.class.getResourceAsStream("/contract/witime/callbacks/" + name)) {
            assertNotNull(in, name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String jsonArrayOfBase64(List<byte[]> bodies) {
        return "[" + String.join(",", bodies.stream().map(b -> "\"" + b64(b) + "\"").toList()) + "]";
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static byte[] withBom(byte[] bytes) {
        byte[] out = new byte[bytes.length + 3];
        out[0] = (byte) 0xEF;
        out[1] = (byte) 0xBB;
        out[2] = (byte) 0xBF;
        System.arraycopy(bytes, 0, out, 3, bytes.length);
        return out;
    }

    /** A JSON array padded with 17 MiB of spaces: valid JSON, but beyond the bound once inflated. */
    private static byte[] bomb() {
        byte[] b = new byte[WitimeCallbacks.MAX_INFLATED_BYTES + 1024 * 1024];
        Arrays.fill(b, (byte) ' ');
        b[0] = '[';
        b[b.length - 1] = ']';
        return b;
    }

    private static byte[] zlib(byte[] data) {
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION);
        try {
            d.setInput(data);
            d.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            while (!d.finished()) {
                out.write(buf, 0, d.deflate(buf));
            }
            return out.toByteArray();
        } finally {
            d.end();
        }
    }

    private static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
