package io.whatsdev.camel.provider.evolution;

import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Evolution API v2 over real HTTP on loopback: the fixtures of {@code contract/evolution} (built from the fact sheet, see
 * its README) are served verbatim, and every request the client sends is compared with what Evolution expects: method,
 * path, query, the {@code apikey} header and the JSON body.
 */
class EvolutionContractTest extends CamelTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "EVO-5ecr3t-global-key-42";

    @RegisterExtension
    static final ReplayServer server = new ReplayServer();

    private String base() {
        return "whatsdev:evolution/devices?apiKey=" + KEY + "&baseUrl=" + server.url();
    }

    private Object call(String uri) {
        return template.requestBody(uri, (Object) null);
    }

    private <T extends WhatsDevException> T failure(Class<T> type, String uri) {
        CamelExecutionException e = assertThrows(CamelExecutionException.class, () -> call(uri));
        T t = assertInstanceOf(type, e.getCause());
        assertEquals("evolution", t.getProvider());
        assertFalse(t.getMessage().contains(KEY), t.getMessage());
        assertFalse(e.getMessage().contains(KEY), e.getMessage());
        return t;
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    private static String fixture(String name) {
        return ReplayServer.fixture("evolution/" + name);
    }

    /** One row of fetch-instances.json, as fetchInstances?instanceName= answers it: an array of one. */
    private static String row(String instance) throws Exception {
        for (JsonNode r : json(fixture("fetch-instances.json"))) {
            if (instance.equals(r.path("name").asText())) {
                return "[" + r + "]";
            }
        }
        throw new AssertionError("no row " + instance);
    }

    private static void onJson(String method, String path, int status, String body) {
        server.onBody(method, path, status, "application/json; charset=utf-8", body, Map.of());
    }

    /** Every call carries the global key in the apikey header, and nothing else that looks like a credential. */
    private static void signed(ReplayServer.Recorded r) {
        assertEquals(KEY, r.header("apikey"));
        assertNull(r.header("Authorization"));
        assertTrue(r.query() == null || !r.query().contains(KEY), r.query());
    }

    // ------------------------------------------------------------------ list, get, status

    @Nested
    class Reading {

        @Test
        @SuppressWarnings("unchecked")
        void listIsFetchInstances() {
            server.on("GET", "/instance/fetchInstances", 200, "evolution/fetch-instances.json");
            List<Device> list = (List<Device>) call(base() + "&operation=list");
            assertEquals("GET", server.last().method());
            assertEquals("/instance/fetchInstances", server.last().path());
            assertNull(server.last().query());
            signed(server.last());
            assertEquals(List.of("i1", "i2", "i3", "i4"), list.stream().map(Device::getId).toList());
            assertEquals(List.of(DeviceStatus.CONNECTED, DeviceStatus.NOT_INITIALIZED, DeviceStatus.AWAITING_SCAN,
                    DeviceStatus.DISCONNECTED), list.stream().map(Device::getStatus).toList());
            Device i1 = list.get(0);
            assertEquals("i1", i1.getName());
            assertEquals("5511999999999", i1.getPhone());
            assertEquals("open", i1.getRawStatus());
            assertTrue(i1.isConnected());
            assertEquals(Instant.parse("2025-12-01T09:00:00Z"), i1.getCreatedAt());
            assertEquals(Instant.parse("2025-12-05T10:00:00Z"), i1.getUpdatedAt());
            assertEquals("N", i1.getExtra().get("profileName"));
            assertEquals("5511999999999@s.whatsapp.net", i1.getExtra().get("ownerJid"));
            assertEquals("cm4r8q2x50000evo1i1", i1.getExtra().get("instanceId"));
            assertEquals(12, ((Map<?, ?>) i1.getExtra().get("_count")).get("Message"));
            // the instance's own API key and the relations (Setting holds a wavoip token) stay out of the device
            assertFalse(i1.getExtra().containsKey("token"));
            assertFalse(i1.getExtra().containsKey("Setting"));
            assertFalse(i1.getExtra().toString().contains("4F2C6E0A"), i1.getExtra().toString());
            assertFalse(i1.getExtra().toString().contains("wavoip-5ecr3t"), i1.getExtra().toString());
            Device i3 = list.get(2);
            assertEquals("5511977776666", i3.getPhone(), "the number given at create, where there is no ownerJid");
            assertFalse(i3.isConnected());
            assertEquals(401L, ((Number) list.get(3).getExtra().get("disconnectionReasonCode")).longValue());
        }

        @Test
        void getIsFetchInstancesByName() {
            server.on("GET", "/instance/fetchInstances", 200, "evolution/fetch-instance.json");
            Device d = (Device) call(base() + "&operation=get&deviceId=i1");
            assertEquals("instanceName=i1", server.last().query());
            signed(server.last());
            assertEquals("i1", d.getId());
            assertEquals(DeviceStatus.CONNECTED, d.getStatus());
            assertEquals("5511999999999", d.getPhone());
        }

        @Test
        void getOfAnUnknownInstanceIsNotFound() {
            server.on("GET", "/instance/fetchInstances", 404, "evolution/fetch-not-found.json");
            DeviceNotFoundException e = failure(DeviceNotFoundException.class, base() + "&operation=get&deviceId=i9");
            assertEquals("Instance \"i9\" not found", e.getProviderMessage());
            assertEquals(404, e.getHttpStatus());
        }

        @Test
        void getRefusesARowOfAnotherInstance() throws Exception {
            onJson("GET", "/instance/fetchInstances", 200, row("i2"));
            GatewayResponseException e = failure(GatewayResponseException.class, base() + "&operation=get&deviceId=i1");
            assertTrue(e.getMessage().contains("the answer is about instance 'i2', not 'i1'"), e.getMessage());
        }

        @Test
        void statusOpenIsOneCall() {
            server.on("GET", "/instance/connectionState/i1", 200, "evolution/connection-state-open.json");
            Device d = (Device) call(base() + "&operation=status&deviceId=i1");
            assertEquals(1, server.requests().size());
            assertEquals("GET", server.last().method());
            signed(server.last());
            assertEquals(DeviceStatus.CONNECTED, d.getStatus());
            assertEquals("open", d.getRawStatus());
            assertEquals("i1", d.getId());
        }

        @Test
        void statusCloseOfANeverPairedInstance() throws Exception {
            server.on("GET", "/instance/connectionState/i2", 200, "evolution/connection-state-close.json");
            onJson("GET", "/instance/fetchInstances", 200, row("i2"));
            Device d = (Device) call(base() + "&operation=status&deviceId=i2");
            List<ReplayServer.Recorded> calls = server.requests();
            assertEquals(2, calls.size());
            assertEquals("/instance/connectionState/i2", calls.get(0).path());
            assertEquals("/instance/fetchInstances", calls.get(1).path());
            assertEquals("instanceName=i2", calls.get(1).query());
            calls.forEach(EvolutionContractTest::signed);
            assertEquals(DeviceStatus.NOT_INITIALIZED, d.getStatus());
            assertEquals("close", d.getRawStatus());
        }

        @Test
        void statusCloseOfAPairedInstance() throws Exception {
            onJson("GET", "/instance/connectionState/i4", 200, "{\"instance\":{\"instanceName\":\"i4\",\"state\":\"close\"}}");
            onJson("GET", "/instance/fetchInstances", 200, row("i4"));
            Device d = (Device) call(base() + "&operation=status&deviceId=i4");
            assertEquals(DeviceStatus.DISCONNECTED, d.getStatus());
            assertEquals("close", d.getRawStatus());
            assertEquals("5511988887777", d.getPhone());
            assertEquals(401L, ((Number) d.getExtra().get("disconnectionReasonCode")).longValue());
        }

        @Test
        void statusConnectingWithAQrIssued() throws Exception {
            server.on("GET", "/instance/connectionState/i3", 200, "evolution/connection-state-connecting.json");
            onJson("GET", "/instance/fetchInstances", 200, row("i3"));
            Device d = (Device) call(base() + "&operation=status&deviceId=i3");
            assertEquals(DeviceStatus.AWAITING_SCAN, d.getStatus());
            assertEquals("connecting", d.getRawStatus());
            assertEquals("connecting", d.getExtra().get("connectionStatus"));
        }

        @Test
        void statusConnectingWhileRestoring() throws Exception {
            // the live state is connecting, the row still close: saved credentials being restored, no QR
            onJson("GET", "/instance/connectionState/i4", 200,
                    "{\"instance\":{\"instanceName\":\"i4\",\"state\":\"connecting\"}}");
            onJson("GET", "/instance/fetchInstances", 200, row("i4"));
            Device d = (Device) call(base() + "&operation=status&deviceId=i4");
            assertEquals(DeviceStatus.STARTING, d.getStatus());
            assertEquals("connecting", d.getRawStatus());
            assertEquals("close", d.getExtra().get("connectionStatus"));
        }

        @Test
        void statusOfAnUnknownInstanceIsNotFound() {
            server.on("GET", "/instance/connectionState/i1", 404, "evolution/instance-not-found.json");
            assertEquals("The \"i1\" instance does not exist",
                    failure(DeviceNotFoundException.class, base() + "&operation=status&deviceId=i1").getProviderMessage());
        }
    }

    // ------------------------------------------------------------------ create, qr, pairing code, restore

    @Nested
    class Pairing {

        @Test
        void createSendsTheV2BodyWithTheWebhook() throws Exception {
            server.on("POST", "/instance/create", 201, "evolution/create-success.json");
            Device d = (Device) call(base() + "&operation=create&deviceName=i1&webhookUrl=https://x/evo");
            assertEquals("POST", server.last().method());
            assertEquals("/instance/create", server.last().path());
            signed(server.last());
            assertTrue(server.last().header("Content-Type").startsWith("application/json"));
            assertEquals(json(fixture("create-request.json")), json(server.last().body()));
            assertEquals("i1", d.getId());
            assertEquals("i1", d.getName());
            assertEquals(DeviceStatus.AWAITING_SCAN, d.getStatus());
            assertEquals("connecting", d.getRawStatus());
            assertEquals("af5d6d7e-3c41-4b8e-9a0f-2d7c1e6b5a49", d.getExtra().get("instanceId"));
            assertEquals("WHATSAPP-BAILEYS", d.getExtra().get("integration"));
            assertEquals("https://x/evo", d.getExtra().get("webhookUrl"));
            assertEquals(1, ((Map<?, ?>) d.getExtra().get("qrcode")).get("count"));
            // hash is the instance's own API key
            assertFalse(d.getExtra().toString().contains("4F2C6E0A"), d.getExtra().toString());
        }

        @Test
        void createWithoutWebhookSendsNone() throws Exception {
            server.on("POST", "/instance/create", 201, "evolution/create-close.json");
            Device d = (Device) call(base() + "&operation=create&deviceName=i1");
            JsonNode expected = json(fixture("create-request.json"));
            ((com.fasterxml.jackson.databind.node.ObjectNode) expected).remove("webhook");
            assertEquals(expected, json(server.last().body()));
            assertEquals(DeviceStatus.NOT_INITIALIZED, d.getStatus());
            assertEquals("close", d.getRawStatus());
        }

        @Test
        void createOfATakenNameIsABadRequestNotAnAuthenticationFailure() {
            server.on("POST", "/instance/create", 403, "evolution/name-in-use.json");
            GatewayBadRequestException e = failure(GatewayBadRequestException.class, base() + "&operation=create&deviceName=i1");
            assertEquals("This name \"i1\" is already in use.", e.getProviderMessage());
            assertEquals(403, e.getHttpStatus());
        }

        @Test
        void createRefusesANameFromAHeaderBeforeAnyCall() {
            CamelExecutionException e = assertThrows(CamelExecutionException.class,
                    () -> template.requestBodyAndHeader(base() + "&operation=create", null, WhatsDevConstants.DEVICE_NAME,
                            "Loja Centro"));
            IllegalArgumentException cause = assertInstanceOf(IllegalArgumentException.class, e.getCause());
            assertTrue(cause.getMessage().contains("header CamelWhatsDevDeviceName) 'Loja Centro' is not an Evolution instance name"),
                    cause.getMessage());
            assertEquals(0, server.requests().size());
        }

        @Test
        void qrRefusesThePlaceholderImage() {
            server.on("GET", "/instance/connect/i1", 200, "evolution/connect-qr.json");
            GatewayResponseException e = failure(GatewayResponseException.class, base() + "&operation=qr&deviceId=i1");
            assertTrue(e.getMessage().contains("neither a data: URI nor base64 of a PNG, JPEG or SVG image"), e.getMessage());
            assertEquals("GET", server.last().method());
            assertNull(server.last().query());
            signed(server.last());
        }

        @Test
        void qrDecodesThePngDataUri() throws Exception {
            byte[] png = QrTestSupport.png("2@evolution-contract-test");
            onJson("GET", "/instance/connect/i1", 200, fixture("connect-qr.json")
                    .replace("data:image/png;base64,…", "data:image/png;base64," + Base64.getEncoder().encodeToString(png)));
            QrCode qr = (QrCode) call(base() + "&operation=qr&deviceId=i1");
            assertEquals(QrCode.MEDIA_TYPE_PNG, qr.getMediaType());
            assertArrayEquals(png, qr.getImage());
            assertEquals("2@evolution-contract-test", QrTestSupport.decode(qr));
            assertEquals("i1", qr.getDeviceId());
            assertNull(qr.getExpiresAt(), "the answer does not say when the QR code was issued");
        }

        @Test
        void qrOnAnOpenInstanceIsAlreadyConnected() {
            server.on("GET", "/instance/connect/i1", 200, "evolution/connection-state-open.json");
            DeviceAlreadyConnectedException e = failure(DeviceAlreadyConnectedException.class, base() + "&operation=qr&deviceId=i1");
            assertTrue(e.getProviderMessage().contains("already connected (state open)"), e.getProviderMessage());
        }

        @Test
        void qrBeforeTheFirstQrIsUnavailable() {
            server.on("GET", "/instance/connect/i1", 200, "evolution/connect-no-qr.json");
            GatewayUnavailableException e = failure(GatewayUnavailableException.class, base() + "&operation=qr&deviceId=i1");
            assertEquals("Evolution has issued no QR code yet (count 0); ask again in a few seconds", e.getProviderMessage());
        }

        @Test
        void connectErrorOnHttp200IsAFailureWithTheGatewaysMessage() {
            server.on("GET", "/instance/connect/i1", 200, "evolution/connect-error.json");
            GatewayBadRequestException e = failure(GatewayBadRequestException.class, base() + "&operation=qr&deviceId=i1");
            assertTrue(e.getProviderMessage().startsWith("[object Object]"), e.getProviderMessage());
            assertTrue(e.getProviderMessage().contains("#992"), e.getProviderMessage());
            assertEquals(200, e.getHttpStatus());
            onJson("GET", "/instance/connect/i1", 200, "{\"error\":true,\"message\":\"Error: Connection Closed\"}");
            assertEquals("Error: Connection Closed",
                    failure(GatewayBadRequestException.class, base() + "&operation=qr&deviceId=i1").getProviderMessage());
        }

        @Test
        void qrOfAnUnknownInstanceIsNotFound() {
            server.on("GET", "/instance/connect/i1", 404, "evolution/instance-not-found.json");
            assertEquals("The \"i1\" instance does not exist",
                    failure(DeviceNotFoundException.class, base() + "&operation=qr&deviceId=i1").getProviderMessage());
        }

        @Test
        void pairingCodeSendsTheNumber() {
            server.on("GET", "/instance/connect/i1", 200, "evolution/connect-pairing-code.json");
            Exchange out = template.request(base() + "&operation=pairingCode&deviceId=i1&phoneNumber=5511999999999", ex -> {
            });
            PairingCode pc = out.getMessage().getBody(PairingCode.class);
            assertEquals("number=5511999999999", server.last().query());
            assertEquals("/instance/connect/i1", server.last().path());
            signed(server.last());
            assertEquals("WZYEH1YY", pc.getCode());
            assertEquals("i1", pc.getDeviceId());
            assertEquals("5511999999999", pc.getPhone());
            assertEquals("WZYEH1YY", out.getMessage().getHeader(WhatsDevConstants.PAIRING_CODE));
        }

        @Test
        void pairingCodeWhenEvolutionIgnoredTheNumber() {
            // a QR code without a pairing code: the instance was not close, so Evolution did not use the number
            server.on("GET", "/instance/connect/i1", 200, "evolution/connect-qr.json");
            GatewayBadRequestException e = failure(GatewayBadRequestException.class,
                    base() + "&operation=pairingCode&deviceId=i1&phoneNumber=5511999999999");
            assertTrue(e.getProviderMessage().contains("it uses 'number' only when the instance is close"), e.getProviderMessage());
            server.on("GET", "/instance/connect/i1", 200, "evolution/connect-no-qr.json");
            failure(GatewayUnavailableException.class, base() + "&operation=pairingCode&deviceId=i1&phoneNumber=5511999999999");
        }

        @Test
        void pairingCodeNeedsTheInstance() {
            CamelExecutionException e = assertThrows(CamelExecutionException.class,
                    () -> call(base() + "&operation=pairingCode&phoneNumber=5511999999999"));
            assertTrue(e.getCause().getMessage().contains("Operation pairingCode on evolution needs a device"), e.getCause().getMessage());
            assertEquals(0, server.requests().size());
        }

        @Test
        void restoreSessionReturnsTheDevice() {
            server.on("GET", "/instance/connect/i4", 200, "evolution/connect-no-qr.json");
            Device starting = (Device) call(base() + "&operation=restoreSession&deviceId=i4");
            assertEquals("/instance/connect/i4", server.last().path());
            assertNull(server.last().query());
            signed(server.last());
            assertEquals("i4", starting.getId());
            assertEquals(DeviceStatus.STARTING, starting.getStatus());
            assertNull(starting.getRawStatus(), "the answer carries no status word");

            onJson("GET", "/instance/connect/i4", 200, "{\"instance\":{\"instanceName\":\"i4\",\"state\":\"open\"}}");
            Device open = (Device) call(base() + "&operation=restoreSession&deviceId=i4");
            assertEquals(DeviceStatus.CONNECTED, open.getStatus());
            assertEquals("open", open.getRawStatus());

            // a QR code: there was no session to restore, a scan is awaited
            server.on("GET", "/instance/connect/i4", 200, "evolution/connect-qr.json");
            Device scan = (Device) call(base() + "&operation=restoreSession&deviceId=i4");
            assertEquals(DeviceStatus.AWAITING_SCAN, scan.getStatus());
            assertEquals(1L, scan.getExtra().get("count"));
        }
    }

    // ------------------------------------------------------------------ logout, delete, webhook

    @Nested
    class Teardown {

        @Test
        void logout() {
            server.on("DELETE", "/instance/logout/i1", 200, "evolution/logout-success.json");
            Device d = (Device) call(base() + "&operation=logout&deviceId=i1");
            assertEquals("DELETE", server.last().method());
            assertEquals("/instance/logout/i1", server.last().path());
            signed(server.last());
            assertEquals("i1", d.getId());
            assertEquals(DeviceStatus.DISCONNECTED, d.getStatus());
            assertFalse(d.isConnected());
            assertNull(d.getRawStatus(), "the answer carries no status word");
            assertEquals("Instance logged out", d.getExtra().get("message"));
        }

        @Test
        void logoutOfAClosedInstanceIsABadRequest() {
            server.on("DELETE", "/instance/logout/i1", 400, "evolution/logout-not-connected.json");
            GatewayBadRequestException e = failure(GatewayBadRequestException.class, base() + "&operation=logout&deviceId=i1");
            assertEquals("The \"i1\" instance is not connected", e.getProviderMessage());
            assertEquals(400, e.getHttpStatus());
        }

        @Test
        void delete() {
            server.on("DELETE", "/instance/delete/i1", 200, "evolution/delete-success.json");
            OperationResult r = (OperationResult) call(base() + "&operation=delete&deviceId=i1");
            assertEquals("DELETE", server.last().method());
            assertEquals("/instance/delete/i1", server.last().path());
            signed(server.last());
            assertEquals("Instance deleted", r.getMessage());
            assertEquals("i1", r.getDeviceId());
            assertEquals("delete", r.getOperation());
        }

        @Test
        void deleteOfAnUnknownInstanceIsNotFound() {
            server.on("DELETE", "/instance/delete/i1", 404, "evolution/instance-not-found.json");
            failure(DeviceNotFoundException.class, base() + "&operation=delete&deviceId=i1");
        }

        @Test
        void setWebhookSendsTheV2BodyAndReturnsTheDevice() throws Exception {
            server.on("POST", "/webhook/set/i1", 201, "evolution/set-webhook-success.json");
            server.on("GET", "/instance/fetchInstances", 200, "evolution/fetch-instance.json");
            Device d = (Device) call(base() + "&operation=setWebhook&deviceId=i1&webhookUrl=https://x/evo");
            List<ReplayServer.Recorded> calls = server.requests();
            assertEquals(2, calls.size());
            assertEquals("POST", calls.get(0).method());
            assertEquals("/webhook/set/i1", calls.get(0).path());
            assertEquals(json(fixture("set-webhook-request.json")), json(calls.get(0).body()));
            assertEquals("instanceName=i1", calls.get(1).query());
            calls.forEach(EvolutionContractTest::signed);
            assertEquals(DeviceStatus.CONNECTED, d.getStatus());
            Map<?, ?> hook = (Map<?, ?>) d.getExtra().get("webhook");
            assertEquals("https://x/evo", hook.get("url"));
            assertEquals(Boolean.TRUE, hook.get("enabled"));
            assertEquals(EvolutionProvider.DEVICE_EVENTS, hook.get("events"));
            assertFalse(hook.containsKey("headers"));
            assertFalse(d.toString().contains("jwt-5ecr3t-key") || d.getExtra().toString().contains("jwt-5ecr3t-key"));
        }

        @Test
        void setWebhookRefusedBySchemaCarriesTheMessage() {
            server.on("POST", "/webhook/set/i1", 400, "evolution/validation-error.json");
            GatewayBadRequestException e = failure(GatewayBadRequestException.class,
                    base() + "&operation=setWebhook&deviceId=i1&webhookUrl=https://x/evo");
            assertEquals("webhook requires property \"url\"", e.getProviderMessage());
            assertEquals(1, server.requests().size());
        }
    }

    // ------------------------------------------------------------------ credentials and configuration

    @Nested
    class Credentials {

        @Test
        void aRefusedKeyIsAnAuthenticationFailure() {
            server.on("GET", "/instance/fetchInstances", 401, "evolution/unauthorized.json");
            GatewayAuthenticationException e = failure(GatewayAuthenticationException.class, base() + "&operation=list");
            assertEquals("Unauthorized", e.getProviderMessage());
            assertEquals(401, e.getHttpStatus());
        }

        @Test
        void anEchoedKeyIsMasked() {
            onJson("GET", "/instance/fetchInstances", 401,
                    "{\"status\":401,\"error\":\"Unauthorized\",\"response\":{\"message\":[\"bad key " + KEY + "\"]}}");
            GatewayAuthenticationException e = failure(GatewayAuthenticationException.class, base() + "&operation=list");
            assertEquals("bad key xxxxxx", e.getProviderMessage());
        }

        @Test
        void anInstanceTokenInAQuotedAnswerIsMasked() {
            onJson("GET", "/instance/fetchInstances", 200, "[{\"token\":\"INSTANCE-5ecr3t-77\",\"name\":\"i1\"}]");
            GatewayResponseException e = failure(GatewayResponseException.class, base() + "&operation=list");
            assertTrue(e.getMessage().contains("the answer has no 'connectionStatus'"), e.getMessage());
            assertTrue(e.getMessage().contains("\"token\":\"xxxxxx\""), e.getMessage());
            assertFalse(e.getMessage().contains("INSTANCE-5ecr3t-77"), e.getMessage());
            onJson("POST", "/instance/create", 201, "{\"hash\":\"HASH-5ecr3t-99\",\"instance\":{\"instanceName\":\"i1\"}}");
            e = failure(GatewayResponseException.class, base() + "&operation=create&deviceName=i1");
            assertFalse(e.getMessage().contains("HASH-5ecr3t-99"), e.getMessage());
        }

        @Test
        void aQuoteCutInsideASecretMasksWhatIsLeft() {
            assertEquals("{\"name\":\"i1\",\"token\":\"xxxxxx", EvolutionReader.maskOtherSecrets("{\"name\":\"i1\",\"token\":\"ABCD-12"));
            assertEquals("{\"jwt_key\": \"xxxxxx\", \"url\":\"u\"}",
                    EvolutionReader.maskOtherSecrets("{\"jwt_key\": \"k-1\", \"url\":\"u\"}"));
        }

        @Test
        void aPathTheServerDoesNotHaveIsNotAMissingInstance() {
            server.on("GET", "/instance/fetchInstances", 404, "evolution/route-not-found.json");
            GatewayBadRequestException e = failure(GatewayBadRequestException.class, base() + "&operation=list");
            assertEquals("Cannot GET /instance/fetchInstance", e.getProviderMessage());
        }

        @Test
        void theKeyNeverShowsInTheEndpoint() {
            WhatsDevEndpoint endpoint = context.getEndpoint(base() + "&operation=list", WhatsDevEndpoint.class);
            assertFalse(endpoint.toString().contains(KEY), endpoint.toString());
            assertFalse(endpoint.getEndpointBaseUri().contains(KEY));
            assertFalse(endpoint.getConfiguration().toString().contains(KEY), endpoint.getConfiguration().toString());
            assertEquals(server.url(), endpoint.getServiceUrl());
        }
    }

    @Nested
    class Configuration {

        private String refused(String uri) {
            ResolveEndpointFailedException e = assertThrows(ResolveEndpointFailedException.class, () -> context.getEndpoint(uri));
            Throwable t = e;
            while (t.getCause() != null) {
                t = t.getCause();
            }
            assertFalse(t.getMessage().contains(KEY), t.getMessage());
            return t.getMessage();
        }

        @Test
        void baseUrlIsRequired() {
            String message = refused("whatsdev:evolution/devices?apiKey=" + KEY + "&operation=list");
            assertEquals("baseUrl is required for provider evolution: the Evolution API server's root, e.g. http://localhost:8080 "
                         + "(Evolution is self-hosted, so there is no default)", message);
        }

        @Test
        void apiKeyIsRequired() {
            String message = refused("whatsdev:evolution/devices?baseUrl=http://localhost:8080&operation=list");
            assertTrue(message.startsWith("apiKey is required for provider evolution (the global API key"), message);
            // a token is not the key
            assertTrue(refused("whatsdev:evolution/devices?baseUrl=http://localhost:8080&token=t0ken")
                    .startsWith("apiKey is required for provider evolution"));
        }

        @ParameterizedTest
        @ValueSource(strings = { "Loja%20Centro", "-i1", ".", "a..b", "i1:device", "a@b", "a%2Fb" })
        void deviceIdIsAnInstanceNameWhatsdevCanAddress(String id) {
            String message = refused(base() + "&deviceId=" + id);
            assertTrue(message.contains("is not an Evolution instance name whatsdev can address; allowed: 1 to 128 letters, "
                                        + "digits and '. _ -', starting with a letter or digit"), message);
        }

        @Test
        void deviceNameBecomesTheInstanceNameSoItFollowsTheSameRule() {
            assertTrue(refused(base() + "&operation=create&deviceName=Loja%20Centro")
                    .startsWith("deviceName 'Loja Centro' is not an Evolution instance name"));
        }

        @Test
        void operationsEvolutionHasNoCallForAreRefused() {
            for (String op : new String[] { "closeSession", "saveSession", "clear" }) {
                assertTrue(refused(base() + "&operation=" + op).contains("is not supported by provider evolution"), op);
            }
        }

        @Test
        void aValidInstanceNameIsTakenAsIs() {
            WhatsDevEndpoint e = context.getEndpoint(base() + "&deviceId=Loja_Centro-2.b", WhatsDevEndpoint.class);
            assertEquals("Loja_Centro-2.b", e.getConfiguration().getDeviceId());
        }
    }
}
