package io.whatsdev.simulator.evolution;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.whatsdev.simulator.CallbackDelivery;
import io.whatsdev.simulator.CallbackDelivery.Outcome;
import io.whatsdev.simulator.CallbackReceiver;
import io.whatsdev.simulator.CallbackReceiver.Reply;
import io.whatsdev.simulator.CallbackRequest;
import io.whatsdev.simulator.Callbacks;
import io.whatsdev.simulator.Gateway;
import io.whatsdev.simulator.GatewaySimulator;
import io.whatsdev.simulator.QrDecoding;
import io.whatsdev.simulator.SimDevice;
import io.whatsdev.simulator.SimulatorCredentials;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Evolution's webhook deliveries: the envelope and data of each event, the subscription, the JWT, the retries (backoff,
 * the statuses not retried).
 */
class EvolutionCallbacksTest {

    static final Gateway G = Gateway.of(EvolutionSimulation.ID);
    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration WAIT = Duration.ofSeconds(10);
    static final HttpClient CLIENT = HttpClient.newHttpClient();
    static final String JWT_KEY = "sim-jwt-key";
    static final List<String> ALL = List.of("CONNECTION_UPDATE", "QRCODE_UPDATED", "LOGOUT_INSTANCE", "REMOVE_INSTANCE");

    GatewaySimulator sim;
    CallbackReceiver receiver;
    Callbacks callbacks;

    @BeforeEach
    void start() {
        sim = GatewaySimulator.start().callbackRetryDelayMillis(50);
        receiver = new CallbackReceiver();
        callbacks = sim.callbacks(G);
    }

    @AfterEach
    void stop() {
        sim.close();
        receiver.close();
    }

    JsonNode call(String method, String path, String body, int expected) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sim.baseUrl(G) + path)).header("apikey", SimulatorCredentials.API_KEY)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(expected, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    String webhook(List<String> events, String headers) {
        StringBuilder list = new StringBuilder();
        for (String e : events) {
            list.append(list.length() == 0 ? "" : ",").append('"').append(e).append('"');
        }
        return "{\"url\":\"" + receiver.url() + "\",\"events\":[" + list + "]" + (headers == null ? "" : ",\"headers\":" + headers) + "}";
    }

    static JsonNode json(CallbackDelivery d) throws Exception {
        return JSON.readTree(d.text());
    }

    static List<String> fields(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    static List<String> names(List<CallbackDelivery> all) throws Exception {
        List<String> out = new ArrayList<>();
        for (CallbackDelivery d : all) {
            JsonNode b = json(d);
            String state = b.path("data").path("state").asText("");
            out.add(b.get("event").asText() + (state.isEmpty() ? "" : " " + state));
        }
        return out;
    }

    @Test
    void lifecycleOverTheApiWithEvolutionsEnvelopeAndJwt() throws Exception {
        JsonNode created = call("POST", "/instance/create", "{\"instanceName\":\"cb1\",\"integration\":\"WHATSAPP-BAILEYS\","
                + "\"qrcode\":true,\"number\":\"5511999999999\",\"webhook\":" + webhook(ALL, "{\"jwt_key\":\"" + JWT_KEY
                + "\",\"X-Whatsdev-Secret\":\"s3\"}") + "}", 201);
        String token = created.get("hash").asText();
        List<CallbackDelivery> qr = callbacks.awaitIdle(WAIT);
        assertEquals(List.of("connection.update connecting", "qrcode.updated"), names(qr));

        JsonNode connecting = json(qr.get(0));
        assertEquals(List.of("event", "instance", "data", "destination", "date_time", "sender", "server_url", "apikey"), fields(connecting));
        assertEquals("cb1", connecting.get("instance").asText());
        assertEquals("{\"instance\":\"cb1\",\"state\":\"connecting\",\"statusReason\":200}", connecting.get("data").toString());
        assertEquals(receiver.url(), connecting.get("destination").asText());
        assertTrue(connecting.get("date_time").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"), connecting.toString());
        assertTrue(connecting.get("sender").isNull(), "no wuid before pairing");
        assertEquals(sim.baseUrl(G), connecting.get("server_url").asText());
        assertEquals(token, connecting.get("apikey").asText());

        JsonNode qrcode = json(qr.get(1)).get("data").get("qrcode");
        assertEquals(List.of("instance", "pairingCode", "code", "base64"), fields(qrcode));
        assertEquals(created.get("qrcode").get("code").asText(), qrcode.get("code").asText());
        assertEquals(created.get("qrcode").get("pairingCode").asText(), qrcode.get("pairingCode").asText());
        assertTrue(qrcode.get("pairingCode").asText().matches("[A-Z0-9]{8}"), qrcode.toString());
        assertTrue(qrcode.get("base64").asText().startsWith("data:image/png;base64,"));
        assertEquals(qrcode.get("code").asText(), QrDecoding.pngDataUri(qrcode.get("base64").asText()));

        CallbackDelivery first = qr.get(0);
        assertEquals("application/json", first.headers().get("Content-Type"));
        assertEquals("s3", first.headers().get("X-Whatsdev-Secret"));
        assertTrue(!first.headers().containsKey("jwt_key"), "the jwt_key is not sent");
        assertJwt(first.headers().get("Authorization"), JWT_KEY);
        assertEquals(2, receiver.received().size());
        assertEquals("s3", receiver.received().get(0).headers().get("x-whatsdev-secret"));

        SimDevice d = sim.device(G, "cb1");
        d.name("Maria").scan();
        List<CallbackDelivery> open = callbacks.awaitIdle(WAIT);
        JsonNode opened = json(open.get(2));
        assertEquals("connection.update", opened.get("event").asText());
        assertEquals("{\"instance\":\"cb1\",\"wuid\":\"" + d.phone() + "@s.whatsapp.net\",\"profileName\":\"Maria\","
                     + "\"profilePictureUrl\":null,\"state\":\"open\",\"statusReason\":200}", opened.get("data").toString());
        assertEquals(d.phone() + "@s.whatsapp.net", opened.get("sender").asText());

        call("DELETE", "/instance/logout/cb1", null, 200);
        call("DELETE", "/instance/delete/cb1", null, 200);
        List<CallbackDelivery> all = callbacks.awaitIdle(WAIT);
        assertEquals(List.of("connection.update connecting", "qrcode.updated", "connection.update open", "logout.instance",
                "connection.update close", "remove.instance"), names(all));
        assertTrue(json(all.get(3)).get("data").isNull());
        assertEquals("{\"instance\":\"cb1\",\"state\":\"close\",\"statusReason\":401}", json(all.get(4)).get("data").toString());
        assertTrue(json(all.get(5)).get("data").isNull());
        assertTrue(all.stream().allMatch(x -> x.outcome() == Outcome.ACKNOWLEDGED && x.attempt() == 1), all::toString);
    }

    /** The Authorization header is Bearer of an HS256 JWT with that key, iat now, exp = iat + 600. */
    static void assertJwt(String authorization, String key) throws Exception {
        assertTrue(authorization.startsWith("Bearer "), authorization);
        String[] parts = authorization.substring("Bearer ".length()).split("\\.");
        assertEquals(3, parts.length);
        Base64.Decoder d = Base64.getUrlDecoder();
        assertEquals("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", new String(d.decode(parts[0]), StandardCharsets.UTF_8));
        JsonNode claims = JSON.readTree(d.decode(parts[1]));
        long iat = claims.get("iat").asLong();
        assertTrue(Math.abs(Instant.now().getEpochSecond() - iat) < 60, claims.toString());
        assertEquals(iat + 600, claims.get("exp").asLong());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] expected = mac.doFinal((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(MessageDigest.isEqual(expected, d.decode(parts[2])), "the signature verifies with the key");
    }

    @Test
    void theJwtIsTheOneOfTheComponentsFixture() {
        // camel-whatsapp-devices-component/src/test/resources/contract/evolution/callbacks/jwt-hs256.json, signed with openssl
        assertEquals("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpYXQiOjE3NjQ5Mjg4MDAsImV4cCI6MTc2NDkyOTQwMH0"
                     + ".Ld6UBen95wrYb9fjOtfhrouo14wGwxj6_tW665WcnBw", EvolutionApi.jwt("evo-jwt-key-4b1d9c", 1764928800L));
    }

    @Test
    void onlyTheSubscribedEventsOfAnEnabledWebhook() throws Exception {
        call("POST", "/instance/create", "{\"instanceName\":\"cb2\",\"integration\":\"WHATSAPP-BAILEYS\",\"webhook\":"
                + webhook(List.of("CONNECTION_UPDATE"), null) + "}", 201);
        call("GET", "/instance/connect/cb2", null, 200);
        SimDevice d = sim.device(G, "cb2");
        d.scan();
        List<CallbackDelivery> all = callbacks.awaitIdle(WAIT);
        assertEquals(List.of("connection.update connecting", "connection.update open"), names(all));
        assertTrue(all.get(0).headers().keySet().stream().noneMatch("Authorization"::equalsIgnoreCase), "no jwt_key, no JWT");

        call("POST", "/webhook/set/cb2", "{\"webhook\":{\"enabled\":false,\"url\":\"" + receiver.url() + "\"}}", 201);
        d.unlink();
        assertEquals(2, callbacks.awaitIdle(WAIT).size(), "a disabled webhook gets nothing");
        call("POST", "/webhook/set/cb2", "{\"webhook\":{\"enabled\":true,\"url\":\"" + receiver.url() + "\",\"events\":[]}}", 201);
        d.scan();
        List<CallbackDelivery> again = callbacks.awaitIdle(WAIT);
        assertEquals(3, again.size(), "enabled with no events: all events");
        call("DELETE", "/instance/delete/cb2", null, 200);
        assertEquals(List.of("connection.update connecting", "connection.update open", "connection.update open", "logout.instance",
                "connection.update close", "remove.instance"), names(callbacks.awaitIdle(WAIT)));
    }

    @Test
    void theQrCodeLimitAndADelayedQrCode() throws Exception {
        sim.api(G, EvolutionApi.class).qrcodeLimit(1).qrDelayed(true);
        call("POST", "/instance/create", "{\"instanceName\":\"cb3\",\"integration\":\"WHATSAPP-BAILEYS\",\"webhook\":"
                + webhook(ALL, null) + "}", 201);
        call("GET", "/instance/connect/cb3", null, 200); // the QR code has not come
        assertEquals(List.of("connection.update connecting"), names(callbacks.awaitIdle(WAIT)));
        call("GET", "/instance/connect/cb3", null, 200); // now it has
        assertEquals(List.of("connection.update connecting", "qrcode.updated"), names(callbacks.awaitIdle(WAIT)));
        call("POST", "/instance/restart/cb3", null, 200); // a second QR code: over the limit
        List<CallbackDelivery> all = callbacks.awaitIdle(WAIT);
        assertEquals(List.of("connection.update connecting", "qrcode.updated", "qrcode.updated", "connection.update refused"), names(all));
        assertEquals("{\"message\":\"QR code limit reached, please login again\",\"statusCode\":500}",
                json(all.get(2)).get("data").toString());
        assertEquals(428, json(all.get(3)).get("data").get("statusReason").asInt());
    }

    /** An instance whose webhook subscribes to remove.instance only, deleted: one callback, with its retries. */
    void deleteWithAWebhook(String name) throws Exception {
        call("POST", "/instance/create", "{\"instanceName\":\"" + name + "\",\"integration\":\"WHATSAPP-BAILEYS\",\"webhook\":"
                + webhook(List.of("REMOVE_INSTANCE"), null) + "}", 201);
        sim.device(G, name).delete();
    }

    @Test
    void theRetryScheduleIsEvolutionsBackoff() {
        CallbackRequest r = EvolutionApi.retried(CallbackRequest.json("i", receiver.url(), "{}"));
        assertEquals(10, r.attempts());
        assertEquals(List.of(5L, 10L, 20L, 40L, 80L, 160L, 300L, 300L, 300L),
                r.retrySchedule().stream().map(Duration::toSeconds).toList(), "5 s doubling, at most 300 s");
        assertEquals(Set.of(400, 401, 403, 404, 422), r.finalStatuses());
        assertTrue(r.acknowledged().test(204, "") && !r.acknowledged().test(302, ""));
        // the override replaces the 5 s and scales the rest alike: 50 ms doubling, at most 3 s
        assertEquals(List.of(50L, 100L, 200L, 400L, 800L, 1600L, 3000L, 3000L, 3000L),
                IntStream.rangeClosed(2, 10).mapToObj(a -> r.delayMillisBefore(a, 50)).toList());
    }

    @Test
    void retriedUntilA2xxWithGrowingDelays() throws Exception {
        List<Integer> statuses = List.of(429, 503, 201);
        AtomicInteger calls = new AtomicInteger();
        receiver.answer(r -> new Reply(statuses.get(Math.min(calls.getAndIncrement(), 2)), "{}"));
        deleteWithAWebhook("cb4");
        List<CallbackDelivery> all = callbacks.awaitIdle(WAIT);
        assertEquals(List.of(Outcome.NOT_ACKNOWLEDGED, Outcome.NOT_ACKNOWLEDGED, Outcome.ACKNOWLEDGED),
                all.stream().map(CallbackDelivery::outcome).toList());
        assertEquals(List.of(429, 503, 201), all.stream().map(CallbackDelivery::status).toList(), "a 429 is not one Evolution gives up on");
        assertEquals(List.of(1, 2, 3), all.stream().map(CallbackDelivery::attempt).toList());
        assertGapsAtLeast(all, 50);
    }

    @Test
    void aServerErrorIsRetriedTenAttemptsInAllEachLaterThanTheLast() throws Exception {
        long override = 10; // 10, 20, 40, 80, 160, 320, 600, 600, 600 ms: 2.43 s in all
        sim.callbackRetryDelayMillis(override);
        receiver.answer(r -> new Reply(500, "{}"));
        deleteWithAWebhook("cb5");
        List<CallbackDelivery> given = callbacks.awaitIdle(Duration.ofSeconds(30));
        assertEquals(EvolutionApi.WEBHOOK_ATTEMPTS, given.size(), given::toString);
        assertEquals(IntStream.rangeClosed(1, 10).boxed().toList(), given.stream().map(CallbackDelivery::attempt).toList());
        assertTrue(given.stream().allMatch(x -> x.status() == 500 && x.outcome() == Outcome.NOT_ACKNOWLEDGED), given::toString);
        assertEquals(10, receiver.received().size());
        assertGapsAtLeast(given, override);
        assertEquals(Duration.ofSeconds(5), EvolutionApi.WEBHOOK_RETRY_DELAY);
    }

    /**
     * Each attempt ended at least its scheduled (scaled) delay after the one before: the delay starts once the attempt
     * before is recorded. No upper bound: a loaded machine may be late. The 1 ms allowed is for comparing the recorded wall
     * clock times with the scheduler's monotonic clock.
     */
    static void assertGapsAtLeast(List<CallbackDelivery> all, long override) {
        CallbackRequest policy = EvolutionApi.retried(CallbackRequest.json("i", "http://127.0.0.1:1/", "{}"));
        for (int i = 1; i < all.size(); i++) {
            long gap = Duration.between(all.get(i - 1).at(), all.get(i).at()).toNanos();
            long scheduled = Duration.ofMillis(policy.delayMillisBefore(i + 1, override)).toNanos();
            assertTrue(gap >= scheduled - 1_000_000, "attempt " + (i + 1) + " came " + gap / 1e6 + " ms after the one before, "
                    + "scheduled " + scheduled / 1e6 + " ms: " + all);
        }
    }

    @Test
    void aRefusalEndsTheRetriesAfterOneAttempt() throws Exception {
        int n = 0;
        for (int status : List.of(400, 401, 403, 404, 422)) {
            callbacks.clear();
            receiver.answer(r -> new Reply(status, "{\"message\":\"refused\"}"));
            deleteWithAWebhook("refused" + status);
            List<CallbackDelivery> all = callbacks.awaitIdle(WAIT);
            assertEquals(1, all.size(), all::toString);
            assertEquals(1, all.get(0).attempt());
            assertEquals(status, all.get(0).status());
            assertEquals(Outcome.NOT_ACKNOWLEDGED, all.get(0).outcome());
            assertEquals(++n, receiver.received().size(), "one post for " + status);
        }
    }

    @Test
    void noAnswerIsRetriedToo() throws Exception {
        sim.callbackRetryDelayMillis(1);
        String url = receiver.url();
        receiver.close();
        call("POST", "/instance/create", "{\"instanceName\":\"unreachable\",\"integration\":\"WHATSAPP-BAILEYS\",\"webhook\":"
                + "{\"url\":\"" + url + "\",\"events\":[\"REMOVE_INSTANCE\"]}}", 201);
        sim.device(G, "unreachable").delete();
        List<CallbackDelivery> all = callbacks.awaitIdle(Duration.ofSeconds(30));
        assertEquals(10, all.size(), all::toString);
        assertTrue(all.stream().allMatch(x -> x.outcome() == Outcome.NO_ANSWER && x.status() == 0), all::toString);
    }
}
