package io.whatsdev.camel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.whatsdev.camel.model.Device;
import io.whatsdev.camel.model.DeviceStatus;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every row of the docs' status table, served in the gateway's own envelope over loopback HTTP, comes out of the
 * client as the documented normalized status with the raw value kept.
 */
class StatusMappingTest extends CamelTestSupport {

    @RegisterExtension
    static final ReplayServer server = new ReplayServer();

    static Stream<Arguments> documentedRows() throws Exception {
        String text = Files.readString(Path.of("../docs/modules/ROOT/pages/gateways.adoc"));
        String table = text.substring(text.indexOf("// statuses:begin"), text.indexOf("// statuses:end"));
        List<Arguments> rows = new ArrayList<>();
        for (String line : table.split("\n")) {
            if (line.startsWith("| ") && !line.startsWith("| Gateway")) {
                String[] cells = line.substring(2).split(" \\| ");
                rows.add(Arguments.of(cells[0].trim(), cells[1].trim().replace("`", ""),
                        DeviceStatus.valueOf(cells[2].trim().replace("`", ""))));
            }
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @MethodSource("documentedRows")
    void documentedRawValueNormalizes(String provider, String raw, DeviceStatus expected) {
        server.reset();
        String json = "\"" + raw + "\"";
        String uri;
        switch (provider) {
            case "whatsgate-net" -> {
                server.onBody("GET", "/api/status/123456789", 200, "application/json", "{\"success\":true,\"message\":" + json + "}", Map.of());
                uri = "whatsdev:whatsgate-net/devices?operation=status&deviceId=123456789&token=t&baseUrl=" + server.url() + "/api";
            }
            case "whatspie" -> {
                // "UNPAIRED (no phone yet)" is UNPAIRED on a device without a phone
                boolean noPhone = raw.endsWith(" (no phone yet)");
                raw = noPhone ? raw.substring(0, raw.indexOf(' ')) : raw;
                server.onBody("GET", "/devices/5", 200, "application/json", "{\"status\":200,\"message\":\"OK\",\"data\":{\"id\":5,"
                                                                             + (noPhone ? "" : "\"phone\":\"628111\",") + "\"paired_status\":\""
                                                                             + raw + "\"}}",
                        Map.of());
                uri = "whatsdev:whatspie/devices?operation=status&deviceId=5&token=t&baseUrl=" + server.url();
            }
            case "wassly" -> {
                server.onBody("GET", "/api/whatsapp-web-devices", 200, "application/json",
                        "{\"success\":true,\"devices\":[{\"id\":\"d1\",\"status\":" + json + "}]}", Map.of());
                uri = "whatsdev:wassly/devices?operation=status&deviceId=d1&apiKey=k&token=t&baseUrl=" + server.url() + "/api";
            }
            case "whatsgate-org" -> {
                server.onBody("POST", "/api/v1/sessions-get", 200, "application/json",
                        "{\"result\":\"OK\",\"data\":[{\"unique_id\":\"1\",\"status\":" + json + "}]}", Map.of());
                uri = "whatsdev:whatsgate-org/devices?operation=status&deviceId=1&apiKey=k&baseUrl=" + server.url() + "/api/v1";
            }
            case "witime" -> {
                server.onBody("GET", "/status.aspx", 200, "application/json",
                        "{\"status\":" + raw + ",\"connected\":false,\"WebID\":\"W1\"}", Map.of());
                uri = "whatsdev:witime/devices?operation=status&token=k&baseUrl=" + server.url();
            }
            default -> throw new AssertionError("unknown provider in the docs table: " + provider);
        }
        Device d = template.requestBody(uri, null, Device.class);
        assertEquals(expected, d.getStatus());
        assertEquals(raw, d.getRawStatus());
    }
}
