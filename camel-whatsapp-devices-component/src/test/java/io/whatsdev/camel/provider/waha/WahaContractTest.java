package io.whatsdev.camel.provider.waha;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.whatsdev.camel.QrTestSupport;
import io.whatsdev.camel.ReplayServer;
import io.whatsdev.camel.WhatsDevConstants;
import io.whatsdev.camel.WhatsDevEndpoint;
import io.whatsdev.camel.exception.DeviceAlreadyConnectedException;
import io.whatsdev.camel.exception.DeviceNotFoundException;
import io.whatsdev.camel.exception.GatewayAuthenticationException;
import io.whatsdev.camel.exception.GatewayBadRequestException;
import io.whatsdev.camel.exception.GatewayResponseException;
import io.whatsdev.camel.exception.GatewayUnavailableException;
import io.whatsdev.camel.exception.WhatsDevException;
import io.whatsdev.camel.model.Device;
import io.whatsdev.camel.model.DeviceStatus;
import io.whatsdev.camel.model.OperationResult;
import io.whatsdev.camel.model.PairingCode;
import io.whatsdev.camel.model.QrCode;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * WAHA over real HTTP on loopback: each operation's request (method, path, query, {@code X-Api-Key}, JSON body compared
 * with the documented body) and the reading of its answer, each error envelope as its typed exception with WAHA's own
 * message, and the endpoint's refusals. After every test, every request the component sent is checked against WAHA's
 * OpenAPI spec ({@link OpenApiRequests}).
 */
class WahaContractTest extends CamelTestSupport {

    private static final String KEY = "waha-KEY-5ecr3t-4711";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OpenApiRequests SPEC = OpenApiRequests.waha();

    @RegisterExtension
    static final ReplayServer server = new ReplayServer();

    /** Requests served outside the replay server (the PNG answer), checked against the spec as well. */
    private final List<ReplayServer.Recorded> elsewhere = new CopyOnWriteArrayList<>();

    private String base() {
        return "whatsdev:waha/devices?apiKey=" + KEY + "&baseUrl=" + server.url();
    }

    private Object call(String uri) {
        return template.requestBody(uri, (Object) null);
    }

    private Exchange exchange(String uri, Map<String, Object> headers) {
        return template.request(uri, e -> e.getMessage().setHeaders(new java.util.HashMap<>(headers)));
    }

    private <T extends WhatsDevException> T failure(Class<T> type, String uri) {
        CamelExecutionException e = assertThrows(CamelExecutionException.class, () -> call(uri));
        return assertInstanceOf(type, e.getCause());
    }

    private String refused(String uri) {
        ResolveEndpointFailedException e = assertThrows(ResolveEndpointFailedException.class, () -> context.getEndpoint(uri));
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    private static JsonNode fixture(String name) throws Exception {
        return json(ReplayServer.fixture("waha/" + name));
    }

    /** Every request the component sent in the test conforms to WAHA's OpenAPI spec, and carries the key as a header. */
    @AfterEach
    void everyRequestConformsToTheSpec() {
        List<ReplayServer.Recorded> sent = new java.util.ArrayList<>(server.requests());
        sent.addAll(elsewhere);
        for (ReplayServer.Recorded r : sent) {
            SPEC.assertValid(r.method(), r.path(), r.query(), r.headers(), r.body());
            assertEquals(KEY, r.header("X-Api-Key"), r.method() + " " + r.path());
            assertTrue(r.query() == null || !r.query().contains(KEY), "the key never goes in the query: " + r.query());
        }
    }

    private void sent(String method, String path, String query) {
        ReplayServer.Recorded r = server.last();
        assertEquals(method, r.method());
        assertEquals(path, r.path());
        assertEquals(query, r.query());
        assertEquals(KEY, r.header("X-Api-Key"));
    }

    // ------------------------------------------------------------------ list, get, status

    @Test
    @SuppressWarnings("unchecked")
    void listAsksForAllSessionsAndReadsEachStatus() {
        server.on("GET", "/api/sessions", 200, "waha/sessions-list.json");
        List<Device> list = (List<Device>) call(base() + "&operation=list");
        sent("GET", "/api/sessions", "all=true");
        assertEquals("", server.last().body());
        assertEquals(9, list.size());
        Device working = list.get(0);
        assertEquals("default", working.getId());
        assertEquals("default", working.getName());
        assertEquals("11111111111", working.getPhone());
        assertEquals(DeviceStatus.CONNECTED, working.getStatus());
        assertTrue(working.isConnected());
        assertEquals(Instant.ofEpochMilli(1700000003000L), working.getLastActiveAt());
        assertEquals(Map.of("user.id", "123", "user.email", "email@example.com"), working.getExtra().get("metadata"));
        assertEquals(Map.of("engine", "NOWEB"), working.getExtra().get("engine"));
        assertEquals("~", working.getExtra().get("pushName"));
        assertFalse(working.getExtra().containsKey("config"), "the config (webhook keys, proxy password) stays out");
        assertEquals(List.of(DeviceStatus.CONNECTED, DeviceStatus.DISCONNECTED, DeviceStatus.STARTING, DeviceStatus.AWAITING_SCAN,
                DeviceStatus.AWAITING_SCAN, DeviceStatus.AWAITING_SCAN, DeviceStatus.EXPIRED, DeviceStatus.DISCONNECTED,
                DeviceStatus.DISCONNECTED), list.stream().map(Device::getStatus).toList());
        assertEquals("FAILED", list.get(6).getRawStatus(), "EXPIRED keeps WAHA's word");
        assertFalse(list.get(1).isConnected());
        assertNull(list.get(1).getPhone());
    }

    @Test
    void getAndStatusReadTheSession() throws Exception {
        server.on("GET", "/api/sessions/default", 200, "waha/session-get.json");
        Device d = (Device) call(base() + "&operation=get&deviceId=default");
        sent("GET", "/api/sessions/default", null);
        assertEquals("default", d.getId());
        assertEquals("11111111111", d.getPhone());
        assertEquals("WORKING", d.getRawStatus());
        assertEquals(fixture("session-get.json").path("me").path("jid").asText(), ((Map<?, ?>) d.getExtra().get("me")).get("jid"));

        Exchange e = exchange(base() + "&operation=status", Map.of(WhatsDevConstants.DEVICE_ID, "default"));
        assertNull(e.getException());
        assertEquals(DeviceStatus.CONNECTED.name(), e.getMessage().getHeader(WhatsDevConstants.STATUS));
        assertEquals("WORKING", e.getMessage().getHeader(WhatsDevConstants.RAW_STATUS));
        sent("GET", "/api/sessions/default", null);
    }

    @Test
    void anUnknownSessionIsNotFoundWithWahasMessage() {
        server.on("GET", "/api/sessions/nobody", 404, "waha/session-not-found.json");
        DeviceNotFoundException e = failure(DeviceNotFoundException.class, base() + "&operation=get&deviceId=nobody");
        assertEquals("Session not found", e.getProviderMessage());
        assertEquals(404, e.getHttpStatus());
        assertEquals("waha", e.getProvider());
        assertEquals("get", e.getOperation());
    }

    // ------------------------------------------------------------------ create

    @Test
    void createSendsTheDocumentedBodyWithTheWebhook() throws Exception {
        server.on("POST", "/api/sessions", 201, "waha/session-create.json");
        Device d = (Device) call(base() + "&operation=create&deviceName=s1&webhookUrl=https://x/h");
        sent("POST", "/api/sessions", null);
        assertEquals(fixture("session-create-request.json"), json(server.last().body()));
        assertTrue(server.last().header("Content-Type").startsWith("application/json"));
        assertEquals("s1", d.getId());
        assertEquals(DeviceStatus.STARTING, d.getStatus());
    }

    @Test
    void createWithoutWebhookSendsNameAndStart() throws Exception {
        server.on("POST", "/api/sessions", 201, "waha/session-create.json");
        call(base() + "&operation=create&deviceName=default");
        assertEquals(fixture("session-create-request-basic.json"), json(server.last().body()));
    }

    @Test
    void createWithoutANameLetsWahaNameTheSession() throws Exception {
        server.on("POST", "/api/sessions", 201, "waha/session-create.json");
        call(base() + "&operation=create");
        assertEquals(json("{\"start\":true}"), json(server.last().body()));
    }

    @Test
    void anExistingNameIsABadRequestWithWahasMessage() {
        server.on("POST", "/api/sessions", 422, "waha/session-exists.json");
        GatewayBadRequestException e = failure(GatewayBadRequestException.class, base() + "&operation=create&deviceName=s1");
        assertEquals("Session 's1' already exists. Use PUT to update it.", e.getProviderMessage());
        assertEquals(422, e.getHttpStatus());
    }

    @Test
    void aValidationErrorCarriesWahasMessages() {
        server.on("POST", "/api/sessions", 400, "waha/validation-error.json");
        GatewayBadRequestException e = failure(GatewayBadRequestException.class, base() + "&operation=create&deviceName=s1");
        assertTrue(e.getProviderMessage().startsWith("Session name can only contain alphanumeric characters"), e.getProviderMessage());
    }

    @Test
    void aSessionNameWahaWouldRefuseIsRefusedBeforeAnyCall() {
        String m = refused(base() + "&operation=create&deviceName=my.session");
        assertTrue(m.contains("deviceName 'my.session' is not a WAHA session name; allowed: 1 to 54 letters, digits, '-' and '_'"), m);
        Exchange e = exchange(base() + "&operation=create", Map.of(WhatsDevConstants.DEVICE_NAME, "a b"));
        assertInstanceOf(IllegalArgumentException.class, e.getException());
        assertTrue(e.getException().getMessage().contains("'a b' is not a WAHA session name"), e.getException().getMessage());
        assertEquals(0, server.requests().size());
    }

    // ------------------------------------------------------------------ qr

    @Test
    void qrReadsThePngWahaSendsByDefault() throws Exception {
        byte[] png = QrTestSupport.png("waha-qr-token");
        HttpServer binary = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        binary.createContext("/", ex -> {
            Map<String, String> headers = new TreeMap<>();
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
            elsewhere.add(new ReplayServer.Recorded(ex.getRequestMethod(), ex.getRequestURI().getRawPath(),
                    ex.getRequestURI().getRawQuery(), headers, new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            ex.getResponseHeaders().add("Content-Type", "image/png");
            ex.sendResponseHeaders(200, png.length);
            ex.getResponseBody().write(png);
            ex.close();
        });
        binary.start();
        try {
            Exchange e = exchange("whatsdev:waha/devices?operation=qr&deviceId=default&apiKey=" + KEY + "&baseUrl=http://127.0.0.1:"
                                  + binary.getAddress().getPort(), Map.of());
            assertNull(e.getException());
            QrCode qr = e.getMessage().getBody(QrCode.class);
            assertEquals(QrCode.MEDIA_TYPE_PNG, qr.getMediaType());
            assertArrayEquals(png, qr.getImage());
            assertEquals("waha-qr-token", QrTestSupport.decode(qr));
            assertEquals("default", qr.getDeviceId());
            assertEquals(QrCode.MEDIA_TYPE_PNG, e.getMessage().getHeader(WhatsDevConstants.QR_MEDIA_TYPE));
        } finally {
            binary.stop(0);
        }
        assertEquals(1, elsewhere.size());
        ReplayServer.Recorded r = elsewhere.get(0);
        assertEquals("GET", r.method());
        assertEquals("/api/default/auth/qr", r.path());
        assertEquals("format=image", r.query());
        assertTrue(r.header("Accept").contains("image/png") && r.header("Accept").contains("application/json"), r.header("Accept"));
    }

    @Test
    void qrReadsWahasJsonFormOfTheImage() {
        byte[] png = QrTestSupport.png("waha-json-qr");
        server.onBody("GET", "/api/default/auth/qr", 200, "application/json",
                "{\"mimetype\":\"image/png\",\"data\":\"" + Base64.getEncoder().encodeToString(png) + "\"}", Map.of());
        QrCode qr = (QrCode) call(base() + "&operation=qr&deviceId=default");
        sent("GET", "/api/default/auth/qr", "format=image");
        assertArrayEquals(png, qr.getImage());
        assertEquals("waha-json-qr", QrTestSupport.decode(qr));
        assertNull(qr.getExpiresAt(), "WAHA does not say how long a QR code lives");
    }

    @Test
    void qrOfAWorkingSessionIsAlreadyConnected() {
        server.on("GET", "/api/s1/auth/qr", 422, "waha/qr-status-working.json");
        DeviceAlreadyConnectedException e = failure(DeviceAlreadyConnectedException.class, base() + "&operation=qr&deviceId=s1");
        assertEquals("Session status is not as expected. Try again later or restart the session (status WORKING, expected "
                     + "SCAN_QR_CODE)", e.getProviderMessage());
    }

    @Test
    void qrOfAFailedSessionIsABadRequestNamingTheStatus() {
        server.on("GET", "/api/s1/auth/qr", 422, "waha/qr-status-failed.json");
        GatewayBadRequestException e = failure(GatewayBadRequestException.class, base() + "&operation=qr&deviceId=s1");
        assertTrue(e.getProviderMessage().startsWith("Session status is not as expected."), e.getProviderMessage());
        assertTrue(e.getProviderMessage().contains("status FAILED"), e.getProviderMessage());
    }

    @Test
    void aQrAnswerThatIsNoImageIsRefused() {
        server.on("GET", "/api/s1/auth/qr", 200, "waha/qr-raw.json");
        GatewayResponseException raw = failure(GatewayResponseException.class, base() + "&operation=qr&deviceId=s1");
        assertTrue(raw.getMessage().contains("raw value (format=raw), not as an image"), raw.getMessage());

        server.onBody("GET", "/api/s1/auth/qr", 200, "application/json", "{\"mimetype\":\"image/png\",\"data\":\"bm90IGEgcG5n\"}",
                Map.of());
        GatewayResponseException notPng = failure(GatewayResponseException.class, base() + "&operation=qr&deviceId=s1");
        assertTrue(notPng.getMessage().contains("neither a data: URI nor base64 of a PNG"), notPng.getMessage());

        server.onBody("GET", "/api/s1/auth/qr", 200, "image/png", "<html>not a png</html>", Map.of());
        GatewayResponseException bytes = failure(GatewayResponseException.class, base() + "&operation=qr&deviceId=s1");
        assertTrue(bytes.getMessage().contains("neither a data: URI nor base64 of a PNG"), bytes.getMessage());
    }

    // ------------------------------------------------------------------ pairing code

    @Test
    void pairingCodeSendsTheDocumentedBody() throws Exception {
        server.on("POST", "/api/default/auth/request-code", 201, "waha/request-code.json");
        Exchange e = exchange(base() + "&operation=pairingCode&deviceId=default",
                Map.of(WhatsDevConstants.PHONE_NUMBER, "+12132132130"));
        assertNull(e.getException());
        sent("POST", "/api/default/auth/request-code", null);
        assertEquals(fixture("request-code-request.json"), json(server.last().body()));
        PairingCode code = e.getMessage().getBody(PairingCode.class);
        assertEquals("ABCD-ABCD", code.getCode());
        assertEquals("default", code.getDeviceId());
        assertEquals("12132132130", code.getPhone());
        assertEquals("ABCD-ABCD", e.getMessage().getHeader(WhatsDevConstants.PAIRING_CODE));
    }

    @Test
    void pairingCodeNeedsTheSession() {
        Exchange e = exchange(base() + "&operation=pairingCode&phoneNumber=12132132130", Map.of());
        assertInstanceOf(IllegalArgumentException.class, e.getException());
        assertTrue(e.getException().getMessage().contains("Operation pairingCode on waha needs a device"), e.getException().getMessage());
        assertEquals(0, server.requests().size());
    }

    @Test
    void pairingCodeOutsideScanQrCodeCarriesWahasMessage() {
        server.on("POST", "/api/default/auth/request-code", 422, "waha/request-code-wrong-status.json");
        GatewayBadRequestException e = failure(GatewayBadRequestException.class,
                base() + "&operation=pairingCode&deviceId=default&phoneNumber=12132132130");
        assertEquals("Can request code only in SCAN_QR_CODE status", e.getProviderMessage());
    }

    // ------------------------------------------------------------------ stop, start, logout, delete

    @Test
    void closeSessionStopsIt() {
        server.on("POST", "/api/sessions/default/stop", 201, "waha/session-stop.json");
        Device d = (Device) call(base() + "&operation=closeSession&deviceId=default");
        sent("POST", "/api/sessions/default/stop", null);
        assertEquals("", server.last().body());
        assertEquals(DeviceStatus.DISCONNECTED, d.getStatus());
        assertEquals("STOPPED", d.getRawStatus());
    }

    @Test
    void restoreSessionStartsIt() {
        server.on("POST", "/api/sessions/default/start", 201, "waha/session-start.json");
        Device d = (Device) call(base() + "&operation=restoreSession&deviceId=default");
        sent("POST", "/api/sessions/default/start", null);
        assertEquals("", server.last().body());
        assertEquals(DeviceStatus.STARTING, d.getStatus());
    }

    @Test
    void logoutLogsOut() {
        server.on("POST", "/api/sessions/default/logout", 201, "waha/session-logout.json");
        Device d = (Device) call(base() + "&operation=logout&deviceId=default");
        sent("POST", "/api/sessions/default/logout", null);
        assertEquals("", server.last().body());
        assertEquals(DeviceStatus.AWAITING_SCAN, d.getStatus());
    }

    @Test
    void deleteReadsTheEmptyAnswer() {
        server.onBody("DELETE", "/api/sessions/s1", 200, "application/json", "", Map.of());
        OperationResult r = (OperationResult) call(base() + "&operation=delete&deviceId=s1");
        sent("DELETE", "/api/sessions/s1", null);
        assertEquals("", server.last().body());
        assertEquals("s1", r.getDeviceId());
        assertEquals("delete", r.getOperation());
        assertEquals("waha", r.getProvider());
    }

    @Test
    void aLifecycleCallOnAnUnknownSessionIsNotFound() {
        server.on("POST", "/api/sessions/nobody/stop", 404, "waha/session-not-found.json");
        DeviceNotFoundException e = failure(DeviceNotFoundException.class, base() + "&operation=closeSession&deviceId=nobody");
        assertEquals("Session not found", e.getProviderMessage());
    }

    // ------------------------------------------------------------------ setWebhook

    @Test
    void setWebhookKeepsTheConfigAndAddsTheStatusEvent() throws Exception {
        server.on("GET", "/api/sessions/s1", 200, "waha/session-with-config.json");
        server.on("PUT", "/api/sessions/s1", 200, "waha/session-update.json");
        Device d = (Device) call(base() + "&operation=setWebhook&deviceId=s1&webhookUrl=https://x/h");
        List<ReplayServer.Recorded> sent = server.requests();
        assertEquals(2, sent.size());
        assertEquals("GET", sent.get(0).method());
        assertEquals("/api/sessions/s1", sent.get(0).path());
        sent("PUT", "/api/sessions/s1", null);
        assertEquals(fixture("set-webhook-request.json"), json(server.last().body()));
        assertEquals("s1", d.getId());
        assertEquals(DeviceStatus.STARTING, d.getStatus());
    }

    @Test
    void setWebhookAppendsANewUrl() throws Exception {
        server.on("GET", "/api/sessions/s1", 200, "waha/session-with-config.json");
        server.on("PUT", "/api/sessions/s1", 200, "waha/session-update.json");
        call(base() + "&operation=setWebhook&deviceId=s1&webhookUrl=https://hooks.example.com/waha");
        JsonNode webhooks = json(server.last().body()).path("config").path("webhooks");
        assertEquals(3, webhooks.size());
        assertEquals(json("{\"url\":\"https://hooks.example.com/waha\",\"events\":[\"session.status\"]}"), webhooks.get(2));
        assertEquals(fixture("session-with-config.json").path("config").path("webhooks").get(0), webhooks.get(0));
    }

    @Test
    void setWebhookLeavesAWebhookOfEveryEventAlone() throws Exception {
        server.onBody("GET", "/api/sessions/s1", 200, "application/json",
                "{\"name\":\"s1\",\"status\":\"WORKING\",\"config\":{\"webhooks\":[{\"url\":\"https://x/h\",\"events\":[\"*\"]}]}}",
                Map.of());
        server.on("PUT", "/api/sessions/s1", 200, "waha/session-update.json");
        call(base() + "&operation=setWebhook&deviceId=s1&webhookUrl=https://x/h");
        assertEquals(json("{\"config\":{\"webhooks\":[{\"url\":\"https://x/h\",\"events\":[\"*\"]}]}}"), json(server.last().body()));
    }

    @Test
    void setWebhookOnASessionWithoutConfig() throws Exception {
        server.onBody("GET", "/api/sessions/s1", 200, "application/json", "{\"name\":\"s1\",\"status\":\"STOPPED\",\"config\":null}",
                Map.of());
        server.on("PUT", "/api/sessions/s1", 200, "waha/session-update.json");
        call(base() + "&operation=setWebhook&deviceId=s1&webhookUrl=https://x/h");
        assertEquals(json("{\"config\":{\"webhooks\":[{\"url\":\"https://x/h\",\"events\":[\"session.status\"]}]}}"),
                json(server.last().body()));
    }

    @Test
    void setWebhookRefusesAConfigItCannotKeep() {
        server.onBody("GET", "/api/sessions/s1", 200, "application/json",
                "{\"name\":\"s1\",\"status\":\"WORKING\",\"config\":{\"webhooks\":{\"url\":\"https://x/h\"}}}", Map.of());
        GatewayResponseException e = failure(GatewayResponseException.class,
                base() + "&operation=setWebhook&deviceId=s1&webhookUrl=https://x/h");
        assertTrue(e.getMessage().contains("'config.webhooks' is not an array but an object"), e.getMessage());
        assertEquals(1, server.requests().size(), "nothing is written");
    }

    // ------------------------------------------------------------------ errors

    @Test
    void aRefusedKeyIsAnAuthenticationFailure() {
        server.on("GET", "/api/sessions", 401, "waha/unauthorized.json");
        GatewayAuthenticationException e = failure(GatewayAuthenticationException.class, base() + "&operation=list");
        assertEquals("Unauthorized", e.getProviderMessage());
        assertEquals(401, e.getHttpStatus());
    }

    @Test
    void aServerErrorIsUnavailableWithWahasError() {
        server.on("POST", "/api/sessions", 500, "waha/server-error.json");
        GatewayUnavailableException e = failure(GatewayUnavailableException.class, base() + "&operation=create&deviceName=s1");
        assertEquals("Engine failed to start", e.getProviderMessage());
    }

    @Test
    void aBaseUrlWithApiIsToldApartFromAMissingSession() {
        server.on("GET", "/api/api/sessions", 404, "waha/route-not-found.json");
        CamelExecutionException e = assertThrows(CamelExecutionException.class,
                () -> template.requestBody("whatsdev:waha/devices?operation=list&apiKey=" + KEY + "&baseUrl=" + server.url() + "/api",
                        (Object) null));
        GatewayBadRequestException bad = assertInstanceOf(GatewayBadRequestException.class, e.getCause());
        assertTrue(bad.getProviderMessage().contains("check baseUrl, the server's root without /api"), bad.getProviderMessage());
        // the one request of these tests that WAHA's spec does not have: the user's mistake, reported as such
        ReplayServer.Recorded r = server.last();
        assertEquals(List.of("no path of the spec matches /api/api/sessions"),
                SPEC.problems(r.method(), r.path(), r.query(), r.headers(), r.body()));
        server.reset();
    }

    // ------------------------------------------------------------------ the endpoint

    @Test
    void baseUrlIsRequiredAndSaysWhatItIs() {
        String m = refused("whatsdev:waha/devices?apiKey=" + KEY);
        assertTrue(m.contains("baseUrl is required for provider waha"), m);
        assertTrue(m.contains("the WAHA server's root, e.g. http://localhost:3000"), m);
        assertFalse(m.contains(KEY));
    }

    @Test
    void apiKeyIsRequired() {
        String m = refused("whatsdev:waha/devices?baseUrl=http://localhost:3000");
        assertTrue(m.contains("apiKey is required for provider waha"), m);
        assertTrue(m.contains("X-Api-Key"), m);
    }

    @Test
    void theDeviceIdIsASessionName() {
        String m = refused(base() + "&deviceId=a:b");
        assertTrue(m.contains("deviceId 'a:b' is not a WAHA session name"), m);
        assertTrue(refused(base() + "&deviceId=" + "x".repeat(55)).contains("is not a WAHA session name"));
        context.getEndpoint(base() + "&deviceId=" + "x".repeat(54) + "&operation=get");
        context.getEndpoint(base() + "&deviceId=Sales_team-2&operation=get");
    }

    @Test
    void operationsWahaCannotDoAreRefused() {
        assertTrue(refused(base() + "&operation=saveSession").contains("Operation 'saveSession' is not supported by provider waha"));
        assertTrue(refused(base() + "&operation=clear").contains("Operation 'clear' is not supported by provider waha"));
    }

    @Test
    void theKeyIsNeverShown() {
        WhatsDevEndpoint endpoint = (WhatsDevEndpoint) context.getEndpoint(base() + "&operation=list");
        assertFalse(endpoint.toString().contains(KEY), endpoint.toString());
        assertFalse(endpoint.getEndpointBaseUri().contains(KEY), endpoint.getEndpointBaseUri());
        assertFalse(endpoint.getConfiguration().toString().contains(KEY));
        // a WAHA that echoes the key in its refusal
        server.onBody("GET", "/api/sessions", 401, "application/json",
                "{\"message\":\"Unauthorized: " + KEY + " is not a key of this server\",\"statusCode\":401}", Map.of());
        GatewayAuthenticationException e = failure(GatewayAuthenticationException.class, base() + "&operation=list");
        assertFalse(e.getMessage().contains(KEY), e.getMessage());
        assertTrue(e.getMessage().contains("xxxxxx"), e.getMessage());
        // and in a malformed answer's excerpt
        server.onBody("GET", "/api/sessions", 200, "application/json", "{\"key\":\"" + KEY + "\"}", Map.of());
        GatewayResponseException r = failure(GatewayResponseException.class, base() + "&operation=list");
        assertFalse(r.getMessage().contains(KEY), r.getMessage());
        assertFalse(String.valueOf(r.getBodyExcerpt()).contains(KEY), r.getBodyExcerpt());
    }

    @Test
    void aListThatIsNotAnArrayIsRefused() {
        server.onBody("GET", "/api/sessions", 200, "application/json", "{\"sessions\":[]}", Map.of());
        GatewayResponseException e = failure(GatewayResponseException.class, base() + "&operation=list");
        assertTrue(e.getMessage().contains("the session list is not an array but an object"), e.getMessage());
    }

}
