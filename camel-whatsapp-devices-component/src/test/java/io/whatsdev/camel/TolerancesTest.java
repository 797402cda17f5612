package io.whatsdev.camel;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.whatsdev.camel.exception.GatewayResponseException;
import io.whatsdev.camel.model.Device;
import io.whatsdev.camel.model.QrCode;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Lenient where the gateways' docs are loose, each tolerance named in the gateway's docs page: a QR field in every form
 * (a data: URI, plain base64 of PNG or SVG, a link where one is documented), numbers sent as strings, {@code sucesso} and
 * {@code success}, a byte order mark before the JSON. Strict everywhere else.
 */
class TolerancesTest extends CamelTestSupport {

    @RegisterExtension
    static final ReplayServer server = new ReplayServer();

    private static final byte[] PNG = QrTestSupport.png("tolerances");
    private static final String SVG = QrTestSupport.svg("tolerances");

    private Object call(String uri) {
        return template.requestBody(uri, (Object) null);
    }

    private String net() {
        return "whatsdev:whatsgate-net/devices?token=t0ken&operation=qr&deviceId=628111000001&baseUrl=" + server.url();
    }

    private String pie() {
        return "whatsdev:whatspie/devices?token=t0ken&operation=qr&deviceId=5&baseUrl=" + server.url();
    }

    private String witime() {
        return "whatsdev:witime/devices?token=k3y0&operation=qr&baseUrl=" + server.url();
    }

    /** Every QR form, on each gateway whose QR field carries an image. */
    @ParameterizedTest
    @ValueSource(strings = { "data-uri", "plain-base64", "base64url", "data-uri-wrong-type" })
    void qrImageInEveryForm(String form) {
        String png = Base64.getEncoder().encodeToString(PNG);
        String value = switch (form) {
            case "data-uri" -> "data:image/png;base64," + png;
            case "plain-base64" -> png;
            case "base64url" -> Base64.getUrlEncoder().withoutPadding().encodeToString(PNG);
            default -> "data:image/svg+xml;base64," + png; // the bytes decide
        };
        server.onBody("GET", "/connect/628111000001", 200, "application/json", "{\"success\":true,\"qrCode\":\"" + value + "\"}", Map.of());
        server.onBody("GET", "/devices/5/qr", 200, "application/json", "{\"status\":200,\"message\":\"OK\",\"data\":{\"qr\":\"" + value
                                                                    + "\"}}",
                Map.of());
        server.onBody("POST", "/generate_qrcode.aspx", 200, "application/json", "{\"qr\":\"" + value + "\",\"status\":1,\"ttl\":20}",
                Map.of());
        for (String uri : List.of(net(), pie(), witime())) {
            QrCode qr = (QrCode) call(uri);
            assertEquals(QrCode.MEDIA_TYPE_PNG, qr.getMediaType(), uri);
            assertArrayEquals(PNG, qr.getImage());
            assertEquals("tolerances", QrTestSupport.decode(qr));
        }
    }

    @Test
    void witimeSvgAsDocumentedAndAsADataUri() {
        String b64 = Base64.getEncoder().encodeToString(SVG.getBytes(StandardCharsets.UTF_8));
        for (String value : List.of(b64, "data:image/svg+xml;base64," + b64)) {
            server.onBody("POST", "/generate_qrcode.aspx", 200, "application/json", "{\"qr\":\"" + value + "\",\"status\":1,\"ttl\":\"20\"}",
                    Map.of());
            QrCode qr = (QrCode) call(witime());
            assertEquals(QrCode.MEDIA_TYPE_SVG, qr.getMediaType());
            assertEquals(20, qr.getTtlSeconds(), "ttl sent as a string");
            assertEquals("tolerances", QrTestSupport.decode(qr));
        }
    }

    /** A link only where the gateway documents one: whatspie yes, whatsgate-net and witime no. */
    @Test
    void qrLinkOnlyWhereDocumented() {
        String link = "https://qr.example/5.png";
        server.onBody("GET", "/devices/5/qr", 200, "application/json", "{\"status\":200,\"data\":{\"qr\":\"" + link + "\"}}", Map.of());
        assertEquals(link, ((QrCode) call(pie())).getLink());
        server.onBody("GET", "/connect/628111000001", 200, "application/json", "{\"success\":true,\"qrCode\":\"" + link + "\"}", Map.of());
        CamelExecutionException e = assertThrows(CamelExecutionException.class, () -> call(net()));
        assertTrue(assertInstanceOf(GatewayResponseException.class, e.getCause()).getMessage()
                .contains("neither a data: URI nor base64 of a PNG, JPEG or SVG image"), e.getCause().getMessage());
    }

    @Test
    void notAnImageIsRefusedWhateverTheForm() {
        String text = Base64.getEncoder().encodeToString("just text".getBytes(StandardCharsets.UTF_8));
        for (String value : List.of(text, "data:image/png;base64," + text, "data:image/png," + text, "javascript:alert(1)")) {
            server.onBody("GET", "/devices/5/qr", 200, "application/json", "{\"status\":200,\"data\":{\"qr\":\"" + value + "\"}}",
                    Map.of());
            CamelExecutionException e = assertThrows(CamelExecutionException.class, () -> call(pie()), value);
            assertInstanceOf(GatewayResponseException.class, e.getCause());
        }
    }

    @Test
    void numbersSentAsStrings() {
        server.onBody("GET", "/devices", 200, "application/json",
                "{\"status\":\"200\",\"message\":\"OK\",\"data\":[{\"id\":\"2076\",\"phone\":\"62811\",\"paired_status\":\"PAIRED\"}]}",
                Map.of());
        @SuppressWarnings("unchecked")
        List<Device> devices = (List<Device>) call("whatsdev:whatspie/devices?token=t0ken&operation=list&baseUrl=" + server.url());
        assertEquals("2076", devices.get(0).getId());

        server.onBody("GET", "/status.aspx", 200, "application/json", "{\"status\":\"10\",\"connected\":\"true\",\"WebID\":\"W1\"}",
                Map.of());
        Device d = (Device) call("whatsdev:witime/devices?token=k3y0&operation=status&baseUrl=" + server.url());
        assertEquals("10", d.getRawStatus());
        assertTrue(d.isConnected());
    }

    @Test
    void sucessoAndSuccessAndAByteOrderMark() {
        for (String flag : List.of("sucesso", "success")) {
            server.onBody("GET", "/save_session.aspx", 200, "application/json", "\uFEFF  {\"" + flag + "\":false,\"message\":\"disk full\"}",
                    Map.of());
            CamelExecutionException e = assertThrows(CamelExecutionException.class,
                    () -> call("whatsdev:witime/devices?token=k3y0&operation=saveSession&baseUrl=" + server.url()));
            assertTrue(e.getCause().getMessage().contains("disk full"), e.getCause().getMessage());
        }
    }
}
