package io.whatsdev.camel;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.whatsdev.camel.exception.DeviceAlreadyConnectedException;
import io.whatsdev.camel.exception.DeviceNotFoundException;
import io.whatsdev.camel.exception.GatewayAuthenticationException;
import io.whatsdev.camel.exception.GatewayBadRequestException;
import io.whatsdev.camel.exception.WhatsDevException;
import io.whatsdev.camel.model.Device;
import io.whatsdev.camel.model.DeviceStatus;
import io.whatsdev.camel.model.OperationResult;
import io.whatsdev.camel.model.PairingCode;
import io.whatsdev.camel.model.QrCode;
import io.whatsdev.simulator.Gateway;
import io.whatsdev.simulator.SimDevice;
import io.whatsdev.simulator.SimulatorCredentials;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every operation of every gateway, through Camel routes, against the embedded simulator over real HTTP on loopback.
 * The operation and device come in headers, as a route that serves many devices would send them.
 */
class SimulatorRoutesTest extends SimulatorCamelTestSupport {

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                for (Gateway g : gateways().toList()) {
                    if (!g.equals(Gateway.of("witime"))) {
                        from("direct:" + g.id()).to(uri(g));
                    }
                }
                // a route that chains operations: the result headers of one step must not redirect the next
                from("direct:chain").to(uri(Gateway.of("whatspie")) + "&operation=list")
                        .split(body())
                            .setHeader(WhatsDevConstants.DEVICE_ID, simple("${body.id}"))
                            .to(uri(Gateway.of("whatspie")) + "&operation=status")
                            .to("mock:chained");
                // witime: one key per instance, so the key comes from the route's configuration
                from("direct:witime").toD(uri(Gateway.of("witime")).replace("{{witime.key}}", "${header.witimeKey}"));
            }
        };
    }

    Exchange send(Gateway g, String operation, Object... headers) {
        Map<String, Object> h = new HashMap<>();
        h.put(WhatsDevConstants.OPERATION, operation);
        for (int i = 0; i < headers.length; i += 2) {
            h.put((String) headers[i], headers[i + 1]);
        }
        Exchange ex = template.request("direct:" + g.id(), e -> e.getMessage().setHeaders(h));
        if (ex.getException() != null) {
            throw new CamelExecutionException("failed", ex, ex.getException());
        }
        return ex;
    }

    @SuppressWarnings("unchecked")
    <T> T body(Gateway g, String operation, Object... headers) {
        return (T) send(g, operation, headers).getMessage().getBody();
    }

    <T extends WhatsDevException> T failure(Class<T> type, Gateway g, String operation, Object... headers) {
        CamelExecutionException e = assertThrows(CamelExecutionException.class, () -> send(g, operation, headers));
        return assertInstanceOf(type, e.getCause());
    }

    static final String ID = WhatsDevConstants.DEVICE_ID;

    static byte[] fetch(String link) throws Exception {
        HttpResponse<byte[]> r = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(link)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode(), link);
        return r.body();
    }

    @Test
    void chainedOperationsInOneRoute() throws Exception {
        sim.createDevice(Gateway.of("whatspie"), "7", "a").scan();
        sim.createDevice(Gateway.of("whatspie"), "8", "b");
        var mock = getMockEndpoint("mock:chained");
        mock.expectedMessageCount(2);
        template.sendBody("direct:chain", null);
        mock.assertIsSatisfied();
        assertEquals(List.of("7=CONNECTED", "8=AWAITING_SCAN"), mock.getExchanges().stream()
                .map(e -> e.getMessage().getBody(Device.class).getId() + "=" + e.getMessage().getHeader(WhatsDevConstants.STATUS))
                .sorted().toList());
    }

    // ------------------------------------------------------------------

    @Nested
    class WhatsgateNet {
        final Gateway g = Gateway.of("whatsgate-net");

        @Test
        void lifecycle() {
            sim.createDevice(g, "628111000001", "Support").scan();
            sim.createDevice(g, "628111000002", "Sales");

            List<Device> list = body(g, "list");
            assertEquals(2, list.size());
            Exchange listed = send(g, "list");
            assertEquals(2, listed.getMessage().getHeader(WhatsDevConstants.DEVICE_COUNT));

            Device sales = body(g, "get", ID, "628111000002");
            assertEquals("Sales", sales.getName());
            assertEquals(DeviceStatus.NOT_INITIALIZED, sales.getStatus());

            Exchange qrEx = send(g, "qr", ID, "628111000002");
            QrCode qr = qrEx.getMessage().getBody(QrCode.class);
            assertEquals("image/png", qrEx.getMessage().getHeader(WhatsDevConstants.QR_MEDIA_TYPE));
            assertEquals(sim.device(g, "628111000002").currentQrToken(), QrTestSupport.decode(qr));

            Exchange status = send(g, "status", ID, "628111000002");
            assertEquals("AWAITING_SCAN", status.getMessage().getHeader(WhatsDevConstants.STATUS));
            assertEquals("not connected", status.getMessage().getHeader(WhatsDevConstants.RAW_STATUS));

            sim.device(g, "628111000002").scan();
            assertEquals(DeviceStatus.CONNECTED, SimulatorRoutesTest.this.<Device>body(g, "status", ID, "628111000002").getStatus());
            failure(DeviceAlreadyConnectedException.class, g, "qr", ID, "628111000002");

            sim.device(g, "628111000002").unlink();
            assertEquals(DeviceStatus.DISCONNECTED, SimulatorRoutesTest.this.<Device>body(g, "status", ID, "628111000002").getStatus());

            OperationResult deleted = body(g, "delete", ID, "628111000002");
            assertEquals("Device deleted successfully", deleted.getMessage());
            assertEquals(1, SimulatorRoutesTest.this.<List<Device>>body(g, "list").size());
            failure(DeviceNotFoundException.class, g, "status", ID, "628111000002");
            failure(DeviceNotFoundException.class, g, "get", ID, "628111000002");
        }

        @Test
        void wrongTokenIsRefused() {
            sim.createDevice(g, "628111000001", "Support");
            CamelExecutionException e = assertThrows(CamelExecutionException.class,
                    () -> template.requestBody(uri(g).replace(SimulatorCredentials.TOKEN, "wrong") + "&operation=list", (Object) null));
            GatewayAuthenticationException auth = assertInstanceOf(GatewayAuthenticationException.class, e.getCause());
            assertEquals(403, auth.getHttpStatus());
            assertEquals("invalid Access-Token", auth.getProviderMessage());
        }
    }

    @Nested
    class Whatspie {
        final Gateway g = Gateway.of("whatspie");

        @Test
        void lifecycle() throws Exception {
            Device created = body(g, "create", WhatsDevConstants.PACKAGE_CODE, "STARTER60K", WhatsDevConstants.DEVICE_NAME, "Basic Bot");
            String id = created.getId();
            assertTrue(id.matches("[0-9]+"), id);
            assertEquals(DeviceStatus.AWAITING_SCAN, created.getStatus(), "never paired: no phone yet");
            assertEquals("UNPAIRED", created.getRawStatus());
            assertEquals("STARTER60K", ((Map<?, ?>) created.getExtra().get("package")).get("code"));

            assertEquals(1, SimulatorRoutesTest.this.<List<Device>>body(g, "list").size());
            assertEquals(id, SimulatorRoutesTest.this.<Device>body(g, "get", ID, id).getId());

            QrCode qr = body(g, "qr", ID, id);
            assertNotNull(qr.getLink());
            byte[] png = fetch(qr.getLink());
            assertEquals(sim.device(g, id).currentQrToken(),
                    QrTestSupport.decode(QrCode.ofImage("whatspie", id, png, QrCode.MEDIA_TYPE_PNG, null, null)));

            sim.device(g, id).scan();
            assertEquals("CONNECTED", send(g, "status", ID, id).getMessage().getHeader(WhatsDevConstants.STATUS));
            DeviceAlreadyConnectedException already = failure(DeviceAlreadyConnectedException.class, g, "qr", ID, id);
            assertEquals("Device connected", already.getProviderMessage());

            sim.device(g, id).unlink();
            assertEquals(DeviceStatus.DISCONNECTED, SimulatorRoutesTest.this.<Device>body(g, "status", ID, id).getStatus());
            sim.device(g, id).expireQr();
            assertEquals(DeviceStatus.EXPIRED, SimulatorRoutesTest.this.<Device>body(g, "status", ID, id).getStatus());
            sim.device(g, id).suspend();
            assertEquals(DeviceStatus.SUSPENDED, SimulatorRoutesTest.this.<Device>body(g, "status", ID, id).getStatus());

            failure(DeviceNotFoundException.class, g, "get", ID, "999999");
        }

        @Test
        void createFallsBackToTheListWhenTheAnswerHasNoDevice() {
            sim.setting(Gateway.of("whatspie"), "createReturnsDevice", "false");
            try {
                Device created = body(g, "create", WhatsDevConstants.PACKAGE_CODE, "BUSINESS", WhatsDevConstants.DEVICE_NAME, "Enterprise Bot");
                assertEquals(sim.devices(g).get(0).id(), created.getId());
                assertEquals("Enterprise Bot", created.getName());
            } finally {
                sim.setting(Gateway.of("whatspie"), "createReturnsDevice", "true");
            }
        }

        @Test
        void deviceLimit() {
            sim.setting(Gateway.of("whatspie"), "deviceLimit", "1");
            try {
                body(g, "create", WhatsDevConstants.PACKAGE_CODE, "BETA", WhatsDevConstants.DEVICE_NAME, "one");
                GatewayBadRequestException e = failure(GatewayBadRequestException.class, g, "create",
                        WhatsDevConstants.PACKAGE_CODE, "BETA", WhatsDevConstants.DEVICE_NAME, "two");
                assertTrue(e.getProviderMessage().startsWith("Device limit exceeded"), e.getProviderMessage());
                assertEquals(403, e.getHttpStatus());
            } finally {
                sim.setting(Gateway.of("whatspie"), "deviceLimit", "10");
            }
        }
    }

    @Nested
    class Wassly {
        final Gateway g = Gateway.of("wassly");

        @Test
        void listGetStatusAndReloginOn401() {
            SimDevice chrome = sim.createDevice(g, "device_id_123", "Chrome on Windows").scan();
            sim.createDevice(g, "device_id_456", "Firefox on Linux");

            assertEquals(2, SimulatorRoutesTest.this.<List<Device>>body(g, "list").size());
            Device byInstance = body(g, "get", ID, sim.device(g, "device_id_123").instanceId());
            assertEquals("device_id_123", byInstance.getId());
            assertEquals(DeviceStatus.CONNECTED, byInstance.getStatus());
            assertEquals(DeviceStatus.DISCONNECTED, SimulatorRoutesTest.this.<Device>body(g, "status", ID, "device_id_456").getStatus());
            failure(DeviceNotFoundException.class, g, "get", ID, "nope");
            long logins = sim.requests(g).stream().filter(r -> r.path().endsWith("/login")).count();
            assertEquals(1, logins, "one login, token reused");

            sim.api(Gateway.of("wassly"), io.whatsdev.simulator.wassly.WasslyApi.class).revokeTokens();
            chrome.unlink();
            assertEquals(DeviceStatus.DISCONNECTED, SimulatorRoutesTest.this.<Device>body(g, "status", ID, "device_id_123").getStatus());
            assertEquals(2, sim.requests(g).stream().filter(r -> r.path().endsWith("/login")).count(), "logged in again once");
        }

        @Test
        void wrongApiKey() {
            sim.createDevice(g, "device_id_123", "Chrome");
            CamelExecutionException e = assertThrows(CamelExecutionException.class, () -> template.requestBody(
                    uri(g).replace(SimulatorCredentials.API_KEY, "wrong") + "&operation=list", (Object) null));
            assertInstanceOf(GatewayAuthenticationException.class, e.getCause());
        }
    }

    @Nested
    class WhatsgateOrg {
        final Gateway g = Gateway.of("whatsgate-org");

        @Test
        void lifecycle() throws Exception {
            Device created = body(g, "create", WhatsDevConstants.DEVICE_NAME, "My WhatsApp", WhatsDevConstants.WEBHOOK_URL,
                    "https://callback.example/handler");
            String id = created.getId();
            assertEquals(DeviceStatus.STARTING, created.getStatus());
            assertEquals("https://callback.example/handler", created.getExtra().get("callback"));

            QrCode qr = body(g, "qr", ID, id);
            assertTrue(qr.getLink().endsWith("/qr/" + id), qr.getLink());
            assertTrue(new String(fetch(qr.getLink())).contains("<"), "the QR page is served");

            sim.device(g, id).awaitScan();
            assertEquals(DeviceStatus.AWAITING_SCAN, SimulatorRoutesTest.this.<Device>body(g, "status", ID, id).getStatus());
            sim.device(g, id).scan();
            Device ready = body(g, "get", ID, id);
            assertEquals(DeviceStatus.CONNECTED, ready.getStatus());
            assertEquals("READY", ready.getRawStatus());
            failure(DeviceAlreadyConnectedException.class, g, "qr", ID, id);

            Device hooked = body(g, "setWebhook", ID, id, WhatsDevConstants.WEBHOOK_URL, "https://new.example/hook");
            assertEquals("https://new.example/hook", hooked.getExtra().get("callback"));

            assertEquals(1, SimulatorRoutesTest.this.<List<Device>>body(g, "list").size());
            OperationResult deleted = body(g, "delete", ID, id);
            assertEquals(DeviceStatus.DELETED, deleted.getDevice().getStatus());
            failure(DeviceNotFoundException.class, g, "delete", ID, "0000000000000");
        }

        @Test
        void pairingCode() {
            Exchange ex = send(g, "pairingCode", WhatsDevConstants.PHONE_NUMBER, "+79999999999");
            PairingCode code = ex.getMessage().getBody(PairingCode.class);
            assertTrue(code.getCode().matches("[A-Z0-9]{4}-[A-Z0-9]{4}"), code.getCode());
            assertEquals("79999999999", code.getPhone());
            assertEquals(code.getCode(), ex.getMessage().getHeader(WhatsDevConstants.PAIRING_CODE));
            assertEquals(code.getDeviceId(), sim.devices(g).get(0).id());
        }

        @Test
        void wrongKeyIsAuthenticationEvenOnHttp500() {
            CamelExecutionException e = assertThrows(CamelExecutionException.class, () -> template.requestBody(
                    uri(g).replace(SimulatorCredentials.API_KEY, "wrong") + "&operation=list", (Object) null));
            GatewayAuthenticationException auth = assertInstanceOf(GatewayAuthenticationException.class, e.getCause());
            assertEquals(500, auth.getHttpStatus());
        }
    }

    @Nested
    class Witime {
        final Gateway g = Gateway.of("witime");

        @Test
        void lifecycle() {
            SimDevice d = sim.createDevice(g, "6D6307C3-2973-4468-85FA-D047CB8E1F2E", "Atendimento Maria").phone("5511987654321");
            Object key = d.key();

            Device fresh = body(g, "status", "witimeKey", key);
            assertEquals(DeviceStatus.DISCONNECTED, fresh.getStatus());
            assertEquals("6D6307C3-2973-4468-85FA-D047CB8E1F2E", fresh.getId());

            QrCode qr = body(g, "qr", "witimeKey", key);
            assertEquals(QrCode.MEDIA_TYPE_SVG, qr.getMediaType());
            assertEquals(20, qr.getTtlSeconds());
            assertEquals(d.currentQrToken(), QrTestSupport.decode(qr));
            assertEquals(DeviceStatus.AWAITING_SCAN, SimulatorRoutesTest.this.<Device>body(g, "status", "witimeKey", key).getStatus());

            d.scan();
            Device connected = body(g, "get", "witimeKey", key);
            assertEquals(DeviceStatus.CONNECTED, connected.getStatus());
            assertEquals("5511987654321", connected.getPhone());
            assertEquals(List.of(connected.getId()), SimulatorRoutesTest.this.<List<Device>>body(g, "list", "witimeKey", key).stream().map(Device::getId).toList());
            failure(DeviceAlreadyConnectedException.class, g, "qr", "witimeKey", key);

            assertEquals("saveSession", SimulatorRoutesTest.this.<OperationResult>body(g, "saveSession", "witimeKey", key).getOperation());
            Device closed = body(g, "closeSession", "witimeKey", key);
            assertEquals(DeviceStatus.DISCONNECTED, closed.getStatus());
            assertEquals("11", closed.getRawStatus());
            assertEquals(DeviceStatus.CONNECTED, SimulatorRoutesTest.this.<Device>body(g, "restoreSession", "witimeKey", key).getStatus());

            Device hooked = body(g, "setWebhook", "witimeKey", key, WhatsDevConstants.WEBHOOK_URL, "https://erp.example/hook");
            assertEquals("https://erp.example/hook", hooked.getExtra().get("Webhook"));

            assertEquals("clear ok", SimulatorRoutesTest.this.<OperationResult>body(g, "clear", "witimeKey", key).getMessage());
            Device out = body(g, "logout", "witimeKey", key);
            assertEquals(DeviceStatus.DISCONNECTED, out.getStatus());
            assertEquals(DeviceStatus.DISCONNECTED, SimulatorRoutesTest.this.<Device>body(g, "status", "witimeKey", key).getStatus());
        }

        @Test
        void englishKeys() {
            SimDevice d = sim.createDevice(g, "A1B2", "x");
            sim.setting(Gateway.of("witime"), "useEnglishKeys", "true");
            try {
                assertEquals("saveSession", SimulatorRoutesTest.this.<OperationResult>body(g, "saveSession", "witimeKey", d.key()).getOperation());
            } finally {
                sim.setting(Gateway.of("witime"), "useEnglishKeys", "false");
            }
        }

        @Test
        void wrongKey() {
            sim.createDevice(g, "A1B2", "x");
            failure(GatewayAuthenticationException.class, g, "status", "witimeKey", "wk-not-a-key");
        }
    }
}
