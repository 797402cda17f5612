package io.whatsdev.camel.provider.evolution;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.whatsdev.camel.QrTestSupport;
import io.whatsdev.camel.model.DeviceStatus;
import io.whatsdev.camel.provider.Callback;
import io.whatsdev.camel.provider.CallbackDecoder;
import io.whatsdev.camel.provider.CallbackEvent;
import io.whatsdev.camel.provider.CallbackEvent.Kind;
import io.whatsdev.camel.provider.CallbackRejectedException;
import io.whatsdev.camel.provider.MalformedCallbackException;
import io.whatsdev.camel.provider.WireJson;
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
 * Evolution's callback decoder on the fixtures of {@code contract/evolution/callbacks} (the fact sheet's webhook
 * payloads, see its README), without HTTP: the JWT of a webhook with a {@code jwt_key} (the fixture's, made with
 * openssl, and tokens made here), the {@code X-Whatsdev-Secret} header, and every event whatsdev reads.
 */
class EvolutionCallbacksTest {

    private static final String DIR = "/contract/evolution/callbacks/";

    /** The fixture JWT's key, token and times. */
    private static final JsonNode JWT = json("jwt-hs256.json");
    private static final String KEY = JWT.get("jwt_key").asText();
    private static final String BEARER = JWT.get("authorization").asText();
    private static final long IAT = JWT.get("iat").asLong();
    private static final long EXP = JWT.get("exp").asLong();

    /** The {@code apikey} every payload fixture carries: a credential that must never come out. */
    private static final String APIKEY = json("connection-update-open.json").get("apikey").asText();

    private static final String SECRET_HEADER = "X-Whatsdev-Secret";

    private static EvolutionCallbacks at(long epochSecond) {
        return new EvolutionCallbacks(Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC));
    }

    private static final EvolutionCallbacks DECODER = at(IAT + 1);

    // ---------------------------------------------------------------- the provider

    @Test
    void theProviderGivesTheDecoderAndTheDefaultAcknowledgement() {
        CallbackDecoder d = new EvolutionProvider().callbacks();
        assertInstanceOf(EvolutionCallbacks.class, d);
        assertSame(CallbackDecoder.CallbackAnswer.EMPTY, d.acknowledge(callback(Map.of(), "{}"), List.of()));
    }

    // ---------------------------------------------------------------- verify: accepted

    static Stream<Arguments> accepted() {
        String token = BEARER.substring("Bearer ".length());
        return Stream.of(
                Arguments.of("the fixture's JWT, just issued", IAT + 1, Map.of("Authorization", BEARER)),
                Arguments.of("the fixture's JWT, at iat", IAT, Map.of("Authorization", BEARER)),
                Arguments.of("the fixture's JWT, 59 s after exp (clock skew)", EXP + 59, Map.of("Authorization", BEARER)),
                Arguments.of("header name and scheme in another case", IAT + 1, Map.of("authorization", "bearer " + token)),
                Arguments.of("a JWT made here with the key", IAT + 1,
                        Map.of("Authorization", "Bearer " + jwt("{\"alg\":\"HS256\",\"typ\":\"JWT\"}",
                                "{\"iat\":" + IAT + ",\"exp\":" + EXP + "}", KEY))),
                Arguments.of("a fractional exp", IAT + 1,
                        Map.of("Authorization", "Bearer " + jwt("{\"alg\":\"HS256\"}", "{\"exp\":" + EXP + ".5}", KEY))),
                Arguments.of("an nbf 59 s ahead", IAT + 1,
                        Map.of("Authorization", "Bearer " + jwt("{\"alg\":\"HS256\"}",
                                "{\"nbf\":" + (IAT + 60) + ",\"exp\":" + EXP + "}", KEY))),
                Arguments.of("no Authorization, the secret header", IAT + 1, Map.of(SECRET_HEADER, KEY)),
                Arguments.of("the secret header in lower case", IAT + 1, Map.of(SECRET_HEADER.toLowerCase(), KEY)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void verifies(String name, long now, Map<String, String> headers) {
        assertDoesNotThrow(() -> at(now).verify(callback(headers, "{}"), KEY));
    }

    /** jwt.io's example token, signed by another implementation: its signature verifies, and it is refused for no exp. */
    @Test
    void anHs256TokenOfAnotherImplementationVerifiesUpToItsMissingExp() {
        String token = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIy"
                       + "fQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
        CallbackRejectedException e = assertThrows(CallbackRejectedException.class,
                () -> DECODER.verify(callback(Map.of("Authorization", "Bearer " + token), "{}"), "your-256-bit-secret"));
        assertTrue(e.getMessage().contains("no exp"), e.getMessage());
        CallbackRejectedException wrong = assertThrows(CallbackRejectedException.class,
                () -> DECODER.verify(callback(Map.of("Authorization", "Bearer " + token), "{}"), "another-secret"));
        assertTrue(wrong.getMessage().contains("signature"), wrong.getMessage());
    }

    // ---------------------------------------------------------------- verify: rejected

    static Stream<Arguments> rejected() {
        String token = BEARER.substring("Bearer ".length());
        String[] parts = token.split("\\.");
        String hs256 = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
        String claims = "{\"iat\":" + IAT + ",\"exp\":" + EXP + "}";
        List<Arguments> a = new ArrayList<>();
        a.add(Arguments.of("no header at all", IAT + 1, Map.of(), "neither"));
        a.add(Arguments.of("the fixture's JWT, wrong key", IAT + 1, Map.of("Authorization", BEARER), "signature"));
        a.add(Arguments.of("the fixture's JWT, 60 s after exp", EXP + 60, Map.of("Authorization", BEARER), "expired"));
        a.add(Arguments.of("expired long ago", EXP + 3600, Map.of("Authorization", BEARER), "expired"));
        a.add(Arguments.of("alg none, no signature", IAT + 1,
                Map.of("Authorization", "Bearer " + b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + b64(claims) + "."), "alg"));
        a.add(Arguments.of("alg none, signed all the same", IAT + 1,
                Map.of("Authorization", "Bearer " + jwt("{\"alg\":\"none\"}", claims, KEY)), "alg"));
        a.add(Arguments.of("alg HS512", IAT + 1, Map.of("Authorization", "Bearer " + jwt("{\"alg\":\"HS512\"}", claims, KEY)),
                "alg"));
        a.add(Arguments.of("alg RS256", IAT + 1, Map.of("Authorization", "Bearer " + jwt("{\"alg\":\"RS256\"}", claims, KEY)),
                "alg"));
        a.add(Arguments.of("alg hs256 in lower case", IAT + 1,
                Map.of("Authorization", "Bearer " + jwt("{\"alg\":\"hs256\"}", claims, KEY)), "alg"));
        a.add(Arguments.of("no alg", IAT + 1, Map.of("Authorization", "Bearer " + jwt("{\"typ\":\"JWT\"}", claims, KEY)), "alg"));
        a.add(Arguments.of("alg not a string", IAT + 1, Map.of("Authorization", "Bearer " + jwt("{\"alg\":256}", claims, KEY)),
                "alg"));
        a.add(Arguments.of("a crit header", IAT + 1,
                Map.of("Authorization", "Bearer " + jwt("{\"alg\":\"HS256\",\"crit\":[\"x\"],\"x\":1}", claims, KEY)), "crit"));
        a.add(Arguments.of("made with another key", IAT + 1, Map.of("Authorization", "Bearer " + jwt(hs256, claims, KEY + "x")),
                "signature"));
        a.add(Arguments.of("the payload changed (a later exp), the signature kept", EXP + 120,
                Map.of("Authorization", "Bearer " + parts[0] + "." + b64("{\"iat\":" + IAT + ",\"exp\":" + (EXP + 3600) + "}") + "."
                                        + parts[2]), "signature"));
        a.add(Arguments.of("the signature cut short", IAT + 1,
                Map.of("Authorization", "Bearer " + parts[0] + "." + parts[1] + "." + parts[2].substring(0, 20)), "signature"));
        a.add(Arguments.of("no signature", IAT + 1, Map.of("Authorization", "Bearer " + parts[0] + "." + parts[1] + "."),
                "signature"));
        a.add(Arguments.of("no exp", IAT + 1, Map.of("Authorization", "Bearer " + jwt(hs256, "{\"iat\":" + IAT + "}", KEY)),
                "no exp"));
        a.add(Arguments.of("exp a string", IAT + 1,
                Map.of("Authorization", "Bearer " + jwt(hs256, "{\"exp\":\"" + EXP + "\"}", KEY)), "exp"));
        a.add(Arguments.of("exp out of range", IAT + 1,
                Map.of("Authorization", "Bearer " + jwt(hs256, "{\"exp\":1e300}", KEY)), "exp"));
        a.add(Arguments.of("exp in the past, made here", IAT + 1,
                Map.of("Authorization", "Bearer " + jwt(hs256, "{\"exp\":" + (IAT - 61) + "}", KEY)), "expired"));
        a.add(Arguments.of("nbf 61 s ahead", IAT + 1,
                Map.of("Authorization", "Bearer " + jwt(hs256, "{\"nbf\":" + (IAT + 62) + ",\"exp\":" + EXP + "}", KEY)),
                "not valid before"));
        a.add(Arguments.of("claims not an object", IAT + 1, Map.of("Authorization", "Bearer " + jwt(hs256, "[1,2]", KEY)),
                "payload"));
        a.add(Arguments.of("header not JSON", IAT + 1, Map.of("Authorization", "Bearer " + b64("alg=HS256") + "." + parts[1]
                                                                               + "." + parts[2]), "header"));
        a.add(Arguments.of("one part", IAT + 1, Map.of("Authorization", "Bearer " + parts[0]), "not a JWT"));
        a.add(Arguments.of("two parts", IAT + 1, Map.of("Authorization", "Bearer " + parts[0] + "." + parts[1]), "not a JWT"));
        a.add(Arguments.of("four parts", IAT + 1, Map.of("Authorization", "Bearer " + token + ".x"), "not a JWT"));
        a.add(Arguments.of("padding and other characters", IAT + 1,
                Map.of("Authorization", "Bearer " + parts[0] + "==." + parts[1] + "." + parts[2]), "not a JWT"));
        a.add(Arguments.of("base64 with + and /", IAT + 1,
                Map.of("Authorization", "Bearer a+b/." + parts[1] + "." + parts[2]), "not a JWT"));
        a.add(Arguments.of("an empty header part", IAT + 1, Map.of("Authorization", "Bearer ." + parts[1] + "." + parts[2]),
                "not a JWT"));
        a.add(Arguments.of("a token far too long", IAT + 1, Map.of("Authorization", "Bearer " + "a".repeat(9000)), "longer"));
        a.add(Arguments.of("Basic, not Bearer", IAT + 1, Map.of("Authorization", "Basic " + token), "Bearer"));
        a.add(Arguments.of("the token without a scheme", IAT + 1, Map.of("Authorization", token), "Bearer"));
        a.add(Arguments.of("Bearer and nothing", IAT + 1, Map.of("Authorization", "Bearer "), "Bearer"));
        a.add(Arguments.of("the secret as the bearer token", IAT + 1, Map.of("Authorization", "Bearer " + KEY), "not a JWT"));
        a.add(Arguments.of("a bad Authorization decides over a right secret header", IAT + 1,
                Map.of("Authorization", "Bearer y", SECRET_HEADER, KEY), "not a JWT"));
        a.add(Arguments.of("the secret header wrong", IAT + 1, Map.of(SECRET_HEADER, KEY + "x"), SECRET_HEADER));
        a.add(Arguments.of("the secret header a prefix", IAT + 1, Map.of(SECRET_HEADER, KEY.substring(0, 5)), SECRET_HEADER));
        a.add(Arguments.of("the secret header empty", IAT + 1, Map.of(SECRET_HEADER, ""), SECRET_HEADER));
        a.add(Arguments.of("the secret as a query parameter only", IAT + 1, Map.of(), "neither"));
        return a.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejected")
    void refuses(String name, long now, Map<String, String> headers, String reason) {
        Callback c = new Callback(multi(headers), Map.of("secret", KEY), "{}".getBytes(StandardCharsets.UTF_8));
        String secret = name.contains("wrong key") ? "not-the-jwt-key" : KEY;
        CallbackRejectedException e = assertThrows(CallbackRejectedException.class, () -> at(now).verify(c, secret));
        String m = e.getMessage();
        assertTrue(m.contains(reason), () -> "'" + reason + "' not in: " + m);
        assertFalse(m.contains(KEY), m);
        assertFalse(m.contains("not-the-jwt-key"), m);
        for (String v : headers.values()) {
            String t = v.replaceFirst("(?i)^bearer ", "");
            for (String part : t.split("\\.")) {
                assertFalse(part.length() >= 4 && m.contains(part), () -> "the message quotes the token: " + m);
            }
        }
    }

    @Test
    void anEmptySecretVerifiesNothing() {
        Callback c = callback(Map.of(SECRET_HEADER, ""), "{}");
        assertThrows(CallbackRejectedException.class, () -> DECODER.verify(c, ""));
    }

    // ---------------------------------------------------------------- decode: connection.update

    static Stream<Arguments> states() {
        return Stream.of(
                Arguments.of("connection-update-open.json", "open", DeviceStatus.CONNECTED, 200L),
                Arguments.of("connection-update-connecting.json", "connecting", DeviceStatus.STARTING, 200L),
                Arguments.of("connection-update-close.json", "close", DeviceStatus.DISCONNECTED, 401L),
                Arguments.of("connection-update-refused.json", "refused", DeviceStatus.EXPIRED, 428L));
    }

    @ParameterizedTest(name = "{1} -> {2}")
    @MethodSource("states")
    void everyStateWordAsTheTableSays(String fixture, String word, DeviceStatus expected, long reason) throws Exception {
        CallbackEvent e = one(DECODER.decode(callback(Map.of(), read(fixture))));
        assertEquals(Kind.STATUS, e.kind());
        assertEquals("i1", e.deviceId());
        assertEquals(expected, e.status());
        assertEquals(word, e.rawStatus());
        // the reader's table, as a connectionState answer without the row reads the word
        assertEquals(new EvolutionReader(s -> s).normalize(word), e.status());
        assertNull(e.eventId());
        assertNull(e.qr());
        assertEquals(Instant.parse("2025-12-05T10:00:00Z"), e.occurredAt());
        assertEquals(reason, e.extra().get("statusReason"));
        assertEquals("http://host:8080", e.extra().get("serverUrl"));
        assertEquals("5511…@s.whatsapp.net", e.extra().get("sender"));
        assertNoApikey(e);
    }

    @Test
    void openCarriesTheAccount() throws Exception {
        CallbackEvent e = one(DECODER.decode(callback(Map.of(), read("connection-update-open.json"))));
        assertEquals("5511…@s.whatsapp.net", e.extra().get("wuid"));
        assertEquals("N", e.extra().get("profileName"));
        assertFalse(e.extra().containsKey("destination"));
    }

    @Test
    void anUnknownStateWordIsUnknownWithTheWord() throws Exception {
        CallbackEvent e = one(DECODER.decode(callback(Map.of(), with("connection-update-open.json", "/data/state", "syncing"))));
        assertEquals(DeviceStatus.UNKNOWN, e.status());
        assertEquals("syncing", e.rawStatus());
    }

    @Test
    void everyWordOfTheStatusTableThatIsAStateWordHasAFixture() {
        List<String> words = states().map(a -> (String) a.get()[1]).toList();
        for (String key : EvolutionProvider.STATUSES.keySet()) {
            if (!key.contains(" ")) { // "connecting (QR issued)", "close (never paired)": keys of a row, not words
                assertTrue(words.contains(key), key);
            }
        }
    }

    // ---------------------------------------------------------------- decode: qrcode.updated

    @Test
    void aQrCodeUpdateGivesAQrCodeWhosePngDecodes() throws Exception {
        String png = "data:image/png;base64," + Base64.getEncoder().encodeToString(QrTestSupport.png("2@evolution-qr"));
        CallbackEvent e = one(DECODER.decode(callback(Map.of(), with("qrcode-updated-pairing-code.json", "/data/qrcode/base64",
                png))));
        assertEquals(Kind.QR, e.kind());
        assertEquals("i1", e.deviceId());
        assertNull(e.status());
        assertNull(e.rawStatus());
        assertEquals("2@evolution-qr", QrTestSupport.decode(e.qr()));
        assertEquals("i1", e.qr().getDeviceId());
        assertEquals(EvolutionProvider.NAME, e.qr().getProvider());
        assertEquals("image/png", e.qr().getMediaType());
        assertEquals("WZYEH1YY", e.extra().get("pairingCode"));
        assertEquals("2@…", e.extra().get("code"));
        assertEquals(Instant.parse("2025-12-05T10:00:00Z"), e.occurredAt());
        assertNoApikey(e);
    }

    @Test
    void noPairingCodeNoExtra() throws Exception {
        String png = "data:image/png;base64," + Base64.getEncoder().encodeToString(QrTestSupport.png("2@x"));
        CallbackEvent e = one(DECODER.decode(callback(Map.of(), with("qrcode-updated.json", "/data/qrcode/base64", png))));
        assertFalse(e.extra().containsKey("pairingCode"));
    }

    @Test
    void theFactSheetsPlaceholderIsNoQrCode() {
        MalformedCallbackException e = assertThrows(MalformedCallbackException.class,
                () -> DECODER.decode(callback(Map.of(), read("qrcode-updated.json"))));
        assertTrue(e.getMessage().contains("base64"), e.getMessage());
    }

    @Test
    void theQrLimitDeliveryGivesNoEvent() throws Exception {
        assertEquals(List.of(), DECODER.decode(callback(Map.of(), read("qrcode-limit-reached.json"))));
    }

    // ---------------------------------------------------------------- decode: logout, remove, others

    @Test
    void logoutIsDisconnected() throws Exception {
        CallbackEvent e = one(DECODER.decode(callback(Map.of(), read("logout-instance.json"))));
        assertEquals(Kind.STATUS, e.kind());
        assertEquals("i1", e.deviceId());
        assertEquals(DeviceStatus.DISCONNECTED, e.status());
        assertEquals("logout.instance", e.rawStatus());
        assertNull(e.qr());
        assertEquals(Instant.parse("2025-12-05T10:00:00Z"), e.occurredAt());
        assertNoApikey(e);
    }

    @Test
    void removeIsRemovedAndDeleted() throws Exception {
        CallbackEvent e = one(DECODER.decode(callback(Map.of(), read("remove-instance.json"))));
        assertEquals(Kind.REMOVED, e.kind());
        assertEquals("i1", e.deviceId());
        assertEquals(DeviceStatus.DELETED, e.status());
        assertEquals("remove.instance", e.rawStatus());
        assertNoApikey(e);
    }

    static Stream<Arguments> noLifecycleEvent() {
        return Stream.of(
                Arguments.of("messages.upsert", read("messages-upsert.json")),
                Arguments.of("status.instance (said by logout.instance and connection.update close)", read("status-instance.json")),
                Arguments.of("the subscription's name, CONNECTION_UPDATE, is not the event field's",
                        with("connection-update-open.json", "/event", "CONNECTION_UPDATE")),
                Arguments.of("an unknown event without data", "{\"event\":\"presence.update\",\"instance\":\"i1\"}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("noLifecycleEvent")
    void otherEventsGiveNone(String name, String body) throws Exception {
        assertEquals(List.of(), DECODER.decode(callback(Map.of(), body)));
    }

    // ---------------------------------------------------------------- decode: malformed

    static Stream<Arguments> malformed() {
        String open = "connection-update-open.json";
        // the fact sheet's QR event with a real PNG, so that each case fails on its own field
        String qr = with("qrcode-updated-pairing-code.json", "/data/qrcode/base64",
                "data:image/png;base64," + Base64.getEncoder().encodeToString(QrTestSupport.png("2@x")));
        return Stream.of(
                Arguments.of("the QR event itself is fine: the control case", qr, null),
                Arguments.of("an empty body", "", "empty"),
                Arguments.of("not JSON", "event=connection.update&apikey=" + APIKEY, "not one JSON"),
                Arguments.of("JSON cut short", read(open).substring(0, read(open).length() - 5), "not one JSON"),
                Arguments.of("two documents", read(open) + read(open), "not one JSON"),
                Arguments.of("a duplicate field", "{\"event\":\"connection.update\",\"event\":\"x\",\"apikey\":\"" + APIKEY + "\"}",
                        "not one JSON"),
                Arguments.of("an array", "[" + read(open) + "]", "not a JSON object"),
                Arguments.of("null", "null", "not a JSON object"),
                Arguments.of("no event", without(open, "/event"), "'event'"),
                Arguments.of("event a number", with(open, "/event", 7), "'event'"),
                Arguments.of("event empty", with(open, "/event", ""), "'event'"),
                Arguments.of("no instance", without(open, "/instance"), "'instance'"),
                Arguments.of("instance an object", withNode(open, "/instance", "{\"name\":\"i1\"}"), "'instance'"),
                Arguments.of("no data", without(open, "/data"), "data"),
                Arguments.of("data null", withNode(open, "/data", "null"), "data"),
                Arguments.of("data a string", with(open, "/data", "open"), "data"),
                Arguments.of("no state", without(open, "/data/state"), "'state'"),
                Arguments.of("state a number", with(open, "/data/state", 1), "'state'"),
                Arguments.of("data about another instance", with(open, "/data/instance", "i2"), "instance"),
                Arguments.of("statusReason a word", with(open, "/data/statusReason", "ok"), "statusReason"),
                Arguments.of("wuid a number", with(open, "/data/wuid", 5511), "wuid"),
                Arguments.of("date_time not a time", with(open, "/date_time", "yesterday"), "date_time"),
                Arguments.of("date_time a number", with(open, "/date_time", 1764928800), "date_time"),
                Arguments.of("sender a number", with(open, "/sender", 5511), "sender"),
                Arguments.of("logout without instance", without("logout-instance.json", "/instance"), "'instance'"),
                Arguments.of("remove with a bad date_time", with("remove-instance.json", "/date_time", "x"), "date_time"),
                Arguments.of("qrcode.updated without data", without(qr, "/data"), "data"),
                Arguments.of("qrcode.updated without qrcode", without(qr, "/data/qrcode"), "qrcode"),
                Arguments.of("qrcode a string", with(qr, "/data/qrcode", "2@..."), "qrcode"),
                Arguments.of("no base64", without(qr, "/data/qrcode/base64"), "'base64'"),
                Arguments.of("base64 a number", with(qr, "/data/qrcode/base64", 1), "'base64'"),
                Arguments.of("base64 not an image", with(qr, "/data/qrcode/base64", "data:image/png;base64,aGVsbG8="), "base64"),
                Arguments.of("base64 a link", with(qr, "/data/qrcode/base64", "https://x/qr.png"), "base64"),
                Arguments.of("qrcode about another instance", with(qr, "/data/qrcode/instance", "i2"), "instance"),
                Arguments.of("pairingCode a number", with(qr, "/data/qrcode/pairingCode", 1234), "pairingCode"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedBodiesAreRefused(String name, String body, String problem) throws Exception {
        if (problem == null) {
            assertEquals(1, DECODER.decode(callback(Map.of(), body)).size());
            return;
        }
        MalformedCallbackException e = assertThrows(MalformedCallbackException.class,
                () -> DECODER.decode(callback(Map.of(), body)));
        assertTrue(e.getMessage().contains(problem), () -> "'" + problem + "' not in: " + e.getMessage());
        assertFalse(e.getMessage().contains(APIKEY), e.getMessage());
    }

    @Test
    void theApikeyIsNowhereInWhatComesOut() throws Exception {
        for (String f : List.of("connection-update-open.json", "connection-update-refused.json", "logout-instance.json",
                "remove-instance.json")) {
            for (CallbackEvent e : DECODER.decode(callback(Map.of(), read(f)))) {
                assertNoApikey(e);
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    private static void assertNoApikey(CallbackEvent e) {
        assertFalse(e.extra().containsKey("apikey"), e.toString());
        assertFalse(e.toString().contains(APIKEY), e.toString());
        assertFalse(String.valueOf(e.extra()).contains(APIKEY));
    }

    private static CallbackEvent one(List<CallbackEvent> events) {
        assertEquals(1, events.size(), events.toString());
        return events.get(0);
    }

    private static Callback callback(Map<String, String> headers, String body) {
        return new Callback(multi(headers), Map.of(), body.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, List<String>> multi(Map<String, String> headers) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        headers.forEach((k, v) -> m.put(k, List.of(v)));
        return m;
    }

    static String read(String name) {
        try (InputStream in = EvolutionCallbacksTest.class.getResourceAsStream(DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("no fixture " + DIR + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fixture by name, or JSON text as given. */
    private static JsonNode json(String nameOrJson) {
        try {
            return WireJson.MAPPER.readTree(nameOrJson.startsWith("{") ? nameOrJson : read(nameOrJson));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fixture with the field at a JSON pointer set to a value. */
    private static String with(String fixture, String pointer, Object value) {
        return withNode(fixture, pointer, WireJson.MAPPER.valueToTree(value).toString());
    }

    private static String withNode(String fixture, String pointer, String valueJson) {
        try {
            JsonNode root = json(fixture);
            int cut = pointer.lastIndexOf('/');
            ((ObjectNode) root.at(pointer.substring(0, cut))).set(pointer.substring(cut + 1), WireJson.MAPPER.readTree(valueJson));
            return root.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String without(String fixture, String pointer) {
        JsonNode root = json(fixture);
        int cut = pointer.lastIndexOf('/');
        ((ObjectNode) root.at(pointer.substring(0, cut))).remove(pointer.substring(cut + 1));
        return root.toString();
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    /** A compact JWS: the header and claims as given, HMAC-SHA256 with the key whatever the header says. */
    static String jwt(String header, String claims, String key) {
        String input = b64(header) + "." + b64(claims);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                    mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
