package io.whatsdev.camel;

import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import io.whatsdev.camel.model.QrCode;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Nested;
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
 * Replays every request and response example of the gateways' documentation (copied to
 * {@code src/test/resources/contract}) over real HTTP on loopback: the documented responses are served verbatim, and
 * the requests the client sends are compared with the documented requests.
 */
class ProviderContractTest extends CamelTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final ReplayServer server = new ReplayServer();

    private Object call(String uri) {
        return template.requestBody(uri, (Object) null);
    }

    private <T extends WhatsDevException> T failure(Class<T> type, String uri) {
        CamelExecutionException e = assertThrows(CamelExecutionException.class, () -> call(uri));
        return assertInstanceOf(type, e.getCause());
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    static byte[] realPng() {
        return QrTestSupport.png("contract-test-token");
    }

    // ------------------------------------------------------------------ whatsgate-net

    @Nested
    class WhatsgateNet {
        final String base = "whatsdev:whatsgate-net/devices?token=net-token&baseUrl=" + server.url() + "/api";

        @Test
        void connectSendsAccessTokenAndRefusesThePlaceholderImage() {
            server.on("GET", "/api/connect/123456789", 200, "whatsgate-net/connect-success.json");
            GatewayResponseException e = failure(GatewayResponseException.class, base + "&operation=qr&deviceId=123456789");
            assertTrue(e.getMessage().contains("neither a data: URI nor base64 of a PNG, JPEG or SVG image"), e.getMessage());
            assertEquals("GET", server.last().method());
            assertEquals("/api/connect/123456789", server.last().path());
            assertEquals("net-token", server.last().header("Access-Token"));
        }

        @Test
        void connectDecodesThePngDataUri() {
            byte[] png = realPng();
            server.onBody("GET", "/api/connect/123456789", 200, "application/json",
                    "{\"success\": true, \"qrCode\": \"data:image/png;base64," + Base64.getEncoder().encodeToString(png) + "\"}",
                    Map.of());
            QrCode qr = (QrCode) call(base + "&operation=qr&deviceId=123456789");
            assertEquals(QrCode.MEDIA_TYPE_PNG, qr.getMediaType());
            assertArrayEquals(png, qr.getImage());
            assertEquals("contract-test-token", QrTestSupport.decode(qr));
        }

        @Test
        void connectErrorIsDeviceNotFound() {
            server.on("GET", "/api/connect/123456789", 200, "whatsgate-net/connect-error.json");
            DeviceNotFoundException e = failure(DeviceNotFoundException.class, base + "&operation=qr&deviceId=123456789");
            assertEquals("device not found!", e.getProviderMessage());
            assertEquals("whatsgate-net", e.getProvider());
            assertEquals("qr", e.getOperation());
        }

        @Test
        void status() {
            server.on("GET", "/api/status/123456789", 200, "whatsgate-net/status-success.json");
            Device d = (Device) call(base + "&operation=status&deviceId=123456789");
            assertEquals(DeviceStatus.CONNECTED, d.getStatus());
            assertEquals("connected", d.getRawStatus());
            assertEquals("123456789", d.getId());
        }

        @Test
        void deleteSendsTheDocumentedBody() throws Exception {
            server.on("POST", "/api/delete", 200, "whatsgate-net/delete-success.json");
            OperationResult r = (OperationResult) call(base + "&operation=delete&deviceId=123456789");
            assertEquals("Device deleted successfully", r.getMessage());
            assertEquals(json(ReplayServer.fixture("whatsgate-net/delete-request.json")), json(server.last().body()));
            assertTrue(server.last().header("Content-Type").startsWith("application/json"));
        }

        @Test
        void deleteErrorIsDeviceNotFound() {
            server.on("POST", "/api/delete", 200, "whatsgate-net/delete-error.json");
            DeviceNotFoundException e = failure(DeviceNotFoundException.class, base + "&operation=delete&deviceId=123456789");
            assertEquals("The selected sender device is invalid.", e.getProviderMessage());
        }

        @Test
        @SuppressWarnings("unchecked")
        void listDevicesStatus() {
            server.on("GET", "/api/devices/status", 200, "whatsgate-net/devices-status-success.json");
            List<Device> list = (List<Device>) call(base + "&operation=list");
            assertEquals(1, list.size());
            Device d = list.get(0);
            assertEquals("123456789", d.getId());
            assertEquals("Support", d.getName());
            assertEquals(DeviceStatus.CONNECTED, d.getStatus());
            assertTrue(d.isConnected());
            assertEquals("device-instance", d.getExtra().get("instance"));
        }

        @Test
        void getIsComposedFromTheList() {
            server.on("GET", "/api/devices/status", 200, "whatsgate-net/devices-status-success.json");
            Device d = (Device) call(base + "&operation=get&deviceId=123456789");
            assertEquals("Support", d.getName());
            assertEquals("/api/devices/status", server.last().path());
            failure(DeviceNotFoundException.class, base + "&operation=get&deviceId=987654321");
        }

        @Test
        void invalidAccessTokenIsAuthentication() {
            server.on("GET", "/api/devices/status", 403, "whatsgate-net/invalid-token.json");
            GatewayAuthenticationException e = failure(GatewayAuthenticationException.class, base + "&operation=list");
            assertEquals(403, e.getHttpStatus());
            assertEquals("invalid Access-Token", e.getProviderMessage());
            assertFalse(e.getMessage().contains("net-token"));
        }
    }

    // ------------------------------------------------------------------ whatspie

    @Nested
    class Whatspie {
        final String base = "whatsdev:whatspie/devices?token=pie-token&baseUrl=" + server.url();

        @Test
        void createSendsTheDocumentedBodyAndReportsTheErrorEnvelope() throws Exception {
            server.on("POST", "/devices", 400, "whatspie/create-error.json");
            GatewayBadRequestException e = failure(GatewayBadRequestException.class,
                    base + "&operation=create&packageCode=STARTUP240K&deviceName=Customer Service");
            assertEquals("Invalid package type", e.getProviderMessage());
            assertEquals(json(ReplayServer.fixture("whatspie/create-request.json")), json(server.last().body()));
            assertEquals("Bearer pie-token", server.last().header("Authorization"));
        }

        @Test
        void packageNotAvailableCarriesTheErrorDetail() {
            server.on("POST", "/devices", 400, "whatspie/package-not-available.json");
            GatewayBadRequestException e = failure(GatewayBadRequestException.class,
                    base + "&operation=create&packageCode=BETA&deviceName=x");
            assertEquals("Invalid package type: Package 'INVALID_PACKAGE' is not available", e.getProviderMessage());
        }

        @Test
        void deviceLimitIsABadRequestNotAnAuthFailure() {
            server.on("POST", "/devices", 403, "whatspie/device-limit.json");
            GatewayBadRequestException e = failure(GatewayBadRequestException.class,
                    base + "&operation=create&packageCode=BUSINESS&deviceName=Enterprise Bot");
            assertTrue(e.getProviderMessage().startsWith("Device limit exceeded"));
        }

        @Test
        @SuppressWarnings("unchecked")
        void list() {
            server.on("GET", "/devices", 200, "whatspie/list-success.json");
            List<Device> list = (List<Device>) call(base + "&operation=list");
            Device d = list.get(0);
            assertEquals("2076", d.getId());
            assertEquals("6289510154496", d.getPhone());
            assertEquals(DeviceStatus.DISCONNECTED, d.getStatus());
            assertEquals("UNPAIRED", d.getRawStatus());
            assertEquals(Instant.parse("2022-03-15T00:32:13Z"), d.getCreatedAt());
            assertEquals(Instant.parse("2025-08-14T23:26:01Z"), d.getUpdatedAt());
            assertEquals("ACTIVE", d.getExtra().get("status"));
            assertEquals("STARTUP240K", ((Map<?, ?>) d.getExtra().get("package")).get("code"));
            assertEquals("application/json; charset=utf-8".substring(0, 16), server.last().header("Accept").substring(0, 16));
        }

        @Test
        void getAndStatus() {
            server.on("GET", "/devices/6", 200, "whatspie/get-success.json");
            Device d = (Device) call(base + "&operation=get&deviceId=6");
            assertEquals("5", d.getId());
            assertEquals(DeviceStatus.CONNECTED, d.getStatus());
            assertEquals("PAIRED", d.getRawStatus());
            Device s = (Device) call(base + "&operation=status&deviceId=6");
            assertEquals(DeviceStatus.CONNECTED, s.getStatus());
            assertEquals("/devices/6", server.last().path());
        }

        @Test
        void notFound() {
            server.on("GET", "/devices/6", 404, "whatspie/get-not-found.json");
            assertEquals("Device not found",
                    failure(DeviceNotFoundException.class, base + "&operation=get&deviceId=6").getProviderMessage());
            server.on("GET", "/devices/999", 404, "whatspie/device-not-found.json");
            assertEquals("Device not found: Device with ID 999 does not exist",
                    failure(DeviceNotFoundException.class, base + "&operation=get&deviceId=999").getProviderMessage());
        }

        @Test
        void qrAsksForAUrlAndRefusesThePlaceholder() {
            server.on("GET", "/devices/5/qr", 200, "whatspie/qr-success.json");
            failure(GatewayResponseException.class, base + "&operation=qr&deviceId=5");
            assertEquals("response_type=url", server.last().query());
        }

        @Test
        void qrLink() {
            server.onBody("GET", "/devices/5/qr", 200, "application/json",
                    "{\"status\":200,\"message\":\"OK\",\"data\":{\"qr\":\"https://qr.whatspie.example/5.png\"}}", Map.of());
            QrCode qr = (QrCode) call(base + "&operation=qr&deviceId=5");
            assertEquals("https://qr.whatspie.example/5.png", qr.getLink());
            assertFalse(qr.hasImage());
        }

        @Test
        void qrOnAConnectedDeviceIsAlreadyConnected() {
            server.on("GET", "/devices/5/qr", 200, "whatspie/qr-already-connected.json");
            DeviceAlreadyConnectedException e = failure(DeviceAlreadyConnectedException.class, base + "&operation=qr&deviceId=5");
            assertEquals("Device connected", e.getProviderMessage());
        }

        @Test
        void qrGenerationFailedIsUnavailable() {
            server.on("GET", "/devices/5/qr", 500, "whatspie/qr-failed.json");
            assertEquals("QR code generation failed",
                    failure(GatewayUnavailableException.class, base + "&operation=qr&deviceId=5").getProviderMessage());
            server.on("GET", "/devices/5/qr", 200, "whatspie/qr-failed.json");
            failure(GatewayUnavailableException.class, base + "&operation=qr&deviceId=5");
        }
    }

    // ------------------------------------------------------------------ wassly

    @Nested
    class Wassly {
        @Test
        void devicesWithAGivenToken() {
            server.on("GET", "/api/whatsapp-web-devices", 200, "wassly/devices-success.json");
            Device d = (Device) call("whatsdev:wassly/devices?operation=get&deviceId=14wdfwef-da6f-11f0-3314-32423432"
                                     + "&apiKey=k1&token=t1&baseUrl=" + server.url() + "/api");
            assertEquals("device_id_123", d.getId());
            assertEquals("Chrome on Windows", d.getName());
            assertEquals(DeviceStatus.CONNECTED, d.getStatus());
            assertEquals(Instant.parse("2024-01-15T10:30:00Z"), d.getLastActiveAt());
            assertEquals("k1", server.last().header("apikey"));
            assertEquals("Bearer t1", server.last().header("Authorization"));
        }

        @Test
        void logsInWithApiKeyEmailAndPassword() throws Exception {
            server.on("POST", "/api/login", 200, "wassly/login-success.json");
            server.on("GET", "/api/whatsapp-web-devices", 200, "wassly/devices-success.json");
            call("whatsdev:wassly/devices?operation=list&apiKey=k1&username=me@example.com&password=s3cret&baseUrl="
                 + server.url() + "/api");
            ReplayServer.Recorded login = server.requests().get(0);
            assertEquals("/api/login", login.path());
            assertEquals("k1", login.header("apikey"));
            assertEquals(json("{\"email\":\"me@example.com\",\"password\":\"s3cret\"}"), json(login.body()));
            assertEquals("Bearer tok-from-login", server.last().header("Authorization"));
        }
    }

    // ------------------------------------------------------------------ whatsgate-org

    @Nested
    class WhatsgateOrg {
        final String base = "whatsdev:whatsgate-org/devices?apiKey=org-key&baseUrl=" + server.url() + "/api/v1";

        @Test
        void sessionCreateQrMode() throws Exception {
            server.on("POST", "/api/v1/session-create", 200, "whatsgate-org/session-create-success.json");
            Device d = (Device) call(base + "&operation=create&deviceName=My WhatsApp&webhookUrl=https://callback.my/script.handler");
            assertEquals(json(ReplayServer.fixture("whatsgate-org/session-create-request.json")), json(server.last().body()));
            assertEquals("org-key", server.last().header("X-Api-Key"));
            assertEquals("6345454545454", d.getId());
            assertEquals("My WhatsApp", d.getName());
            assertEquals(DeviceStatus.STARTING, d.getStatus());
            assertEquals("PENDING", d.getRawStatus());
            assertEquals(Instant.parse("2022-10-11T19:30:14Z"), d.getCreatedAt());
            assertEquals("https://whatsgate.org/qr/6345454545454", d.getExtra().get("qr_link"));
            assertEquals("Initialization", d.getExtra().get("status_name"));
        }

        @Test
        void sessionCreateCodeMode() throws Exception {
            server.onBody("POST", "/api/v1/session-create", 200, "application/json",
                    ReplayServer.fixture("whatsgate-org/session-create-success.json").replace("\"qr\": null,", "\"code\": \"WXYZ-1234\","),
                    Map.of());
            Device d = (Device) call(base + "&operation=create&deviceName=My WhatsApp&webhookUrl=https://callback.my/script.handler"
                                     + "&phoneNumber=79999999999");
            assertEquals(json(ReplayServer.fixture("whatsgate-org/session-create-code-request.json")), json(server.last().body()));
            assertEquals("WXYZ-1234", d.getExtra().get("code"));
        }

        @Test
        void unauthorizedOnHttp500IsAuthentication() {
            server.on("POST", "/api/v1/sessions-get", 500, "whatsgate-org/unauthorized.json");
            GatewayAuthenticationException e = failure(GatewayAuthenticationException.class, base + "&operation=list");
            assertEquals(500, e.getHttpStatus());
            assertEquals("Your request was made with invalid credentials.", e.getProviderMessage());
        }
    }

    // ------------------------------------------------------------------ witime

    @Nested
    class Witime {
        final String base = "whatsdev:witime/devices?token=wit-key&baseUrl=" + server.url();

        @Test
        void generateQrcodeSendsTheUserAgentAndRefusesThePlaceholder() throws Exception {
            server.on("POST", "/generate_qrcode.aspx", 200, "witime/generate-qrcode-success.json");
            failure(GatewayResponseException.class,
                    base + "&operation=qr&userAgent=Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7)...");
            assertEquals(json(ReplayServer.fixture("witime/generate-qrcode-request.json")), json(server.last().body()));
            assertEquals("wid=wit-key", server.last().query());
        }

        @Test
        void generateQrcodeDecodesTheSvgAndTtl() {
            String svg = QrTestSupport.svg("witime-token");
            server.onBody("POST", "/generate_qrcode.aspx", 200, "application/json",
                    "{\"qr\":\"" + Base64.getEncoder().encodeToString(svg.getBytes()) + "\",\"status\":1,\"error\":\"\",\"ttl\":20}",
                    Map.of());
            Instant before = Instant.now();
            QrCode qr = (QrCode) call(base + "&operation=qr");
            assertEquals(QrCode.MEDIA_TYPE_SVG, qr.getMediaType());
            assertEquals(svg, new String(qr.getImage()));
            assertEquals(20, qr.getTtlSeconds());
            assertFalse(qr.getExpiresAt().isBefore(before.plusSeconds(20)));
        }

        @Test
        void connectionAlreadyEstablished() {
            server.on("POST", "/generate_qrcode.aspx", 200, "witime/generate-qrcode-error.json");
            assertEquals("Connection already established",
                    failure(DeviceAlreadyConnectedException.class, base + "&operation=qr").getProviderMessage());
        }

        @Test
        void status() {
            server.on("GET", "/status.aspx", 200, "witime/status-success.json");
            Device d = (Device) call(base + "&operation=status");
            assertEquals("GET", server.last().method());
            assertEquals(DeviceStatus.CONNECTED, d.getStatus());
            assertEquals("10", d.getRawStatus());
            assertEquals("WhatsAppAuthenticated", d.getExtra().get("statusString"));
            assertEquals("6D6307C3-2973-4468-85FA-D047CB8E1F2E", d.getId());
            assertEquals("5511987654321", d.getPhone());
            assertEquals("Atendimento Maria", d.getName());
            assertEquals(Boolean.TRUE, d.getExtra().get("CanRestoreConnection"));
        }

        @Test
        void disconnect() {
            server.on("GET", "/disconnect.aspx", 200, "witime/disconnect-success.json");
            Device d = (Device) call(base + "&operation=logout");
            assertEquals(DeviceStatus.DISCONNECTED, d.getStatus());
            assertEquals("0", d.getRawStatus());
            assertFalse(d.isConnected());
        }

        @Test
        void closeAndRestoreParseTheStatusInsideTheString() {
            server.on("GET", "/close_session.aspx", 200, "witime/close-session-success.json");
            server.on("GET", "/restore_session.aspx", 200, "witime/restore-session-success.json");
            assertEquals(DeviceStatus.DISCONNECTED, ((Device) call(base + "&operation=closeSession")).getStatus());
            Device restored = (Device) call(base + "&operation=restoreSession");
            assertEquals(DeviceStatus.CONNECTED, restored.getStatus());
            assertEquals("10", restored.getRawStatus());
        }

        @Test
        void saveSessionAcceptsSucessoAndSuccess() {
            server.on("GET", "/save_session.aspx", 200, "witime/save-session-success.json");
            assertEquals("saveSession", ((OperationResult) call(base + "&operation=saveSession")).getOperation());
            server.onBody("GET", "/save_session.aspx", 200, "application/json", "{\"success\": true}", Map.of());
            call(base + "&operation=saveSession");
            server.onBody("GET", "/save_session.aspx", 200, "application/json", "{\"success\": false}", Map.of());
            failure(WhatsDevException.class, base + "&operation=saveSession");
        }

        @Test
        void clear() {
            server.on("GET", "/clear.aspx", 200, "witime/clear-success.json");
            assertEquals("clear ok", ((OperationResult) call(base + "&operation=clear")).getMessage());
        }

        @Test
        void setConfig() throws Exception {
            server.on("POST", "/set_config.aspx", 200, "witime/set-config-success.json");
            Device d = (Device) call(base + "&operation=setWebhook&webhookUrl=https://my-system.com/newWebHook&userAgent=Opera");
            JsonNode sent = json(server.last().body());
            JsonNode documented = json(ReplayServer.fixture("witime/set-config-request.json"));
            assertEquals(documented.get("webhook"), sent.get("webhook"));
            assertEquals(documented.get("user_agent"), sent.get("user_agent"));
            assertEquals("https://my-system.com/newWebHook", d.getExtra().get("Webhook"));
            assertEquals(DeviceStatus.CONNECTED, d.getStatus());
        }

        @Test
        void theKeyNeverLeaksThroughTheWebhookEcho() {
            server.onBody("GET", "/status.aspx", 200, "application/json",
                    "{\"status\":10,\"statusString\":\"WhatsAppAuthenticated\",\"connected\":true,\"WebID\":\"wit-key\","
                                                             + "\"Webhook\":\"http://erp.example&wid=wit-key\"}",
                    Map.of());
            Device d = (Device) call(base + "&operation=status");
            assertFalse(d.toString().contains("wit-key"));
            assertFalse(d.getId().contains("wit-key"));
            assertEquals("http://erp.example&wid=xxxxxx", d.getExtra().get("Webhook"));
            assertNull(d.getExtra().get("WebID"));
        }
    }

    @Test
    void callsGoThroughTheConfiguredProxy() {
        // the replay server acts as the HTTP proxy: the gateway host is never resolved or contacted
        server.on("GET", "/api/devices/status", 200, "whatsgate-net/devices-status-success.json");
        int proxyPort = Integer.parseInt(server.url().substring(server.url().lastIndexOf(':') + 1));
        Object list = call("whatsdev:whatsgate-net/devices?operation=list&token=t&baseUrl=http://gateway.invalid/api"
                           + "&proxyHost=127.0.0.1&proxyPort=" + proxyPort);
        assertEquals(1, ((List<?>) list).size());
        assertEquals("gateway.invalid", server.last().header("Host"));
    }

    static Map<String, Object> headers(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
