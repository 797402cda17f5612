package io.whatsdev.camel.provider.evolution;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.whatsdev.camel.ReplayServer;
import io.whatsdev.camel.model.Device;
import io.whatsdev.camel.model.DeviceStatus;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every evolution row of the docs' status table (gateways.adoc, written from the registration), served over loopback
 * HTTP as Evolution would answer {@code status} in that situation (the live state, and the instance's row where
 * whatsdev reads it), comes out of the client as the documented normalized status, with Evolution's own word as the
 * raw status.
 */
class EvolutionStatusMappingTest extends CamelTestSupport {

    @RegisterExtension
    static final ReplayServer server = new ReplayServer();

    static Stream<Arguments> documentedRows() throws Exception {
        String text = Files.readString(Path.of("../docs/modules/ROOT/pages/gateways.adoc"));
        String table = text.substring(text.indexOf("// statuses:begin"), text.indexOf("// statuses:end"));
        List<Arguments> rows = new ArrayList<>();
        for (String line : table.split("\n")) {
            if (line.startsWith("| evolution | ")) {
                String[] cells = line.substring(2).split(" \\| ");
                rows.add(Arguments.of(cells[1].trim().replace("`", ""), DeviceStatus.valueOf(cells[2].trim().replace("`", ""))));
            }
        }
        return rows.stream();
    }

    @Test
    void theDocsTableHasEveryKeyOfTheRegistration() throws Exception {
        List<String> documented = documentedRows().map(a -> (String) a.get()[0]).toList();
        assertEquals(List.copyOf(new EvolutionProvider().statusMapping().keySet()), documented);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("documentedRows")
    void documentedKeyNormalizes(String key, DeviceStatus expected) {
        server.reset();
        // the live state, and the row's database status and ownerJid that make the situation
        String state;
        String row = null;
        switch (key) {
            case EvolutionReader.OPEN -> state = "open";
            case EvolutionReader.CONNECTING_QR -> {
                state = "connecting";
                row = row("connecting", null);
            }
            case EvolutionReader.CONNECTING -> {
                state = "connecting";
                row = row("close", "5511988887777@s.whatsapp.net");
            }
            case EvolutionReader.CLOSE -> {
                state = "close";
                row = row("close", "5511988887777@s.whatsapp.net");
            }
            case EvolutionReader.CLOSE_NEVER_PAIRED -> {
                state = "close";
                row = row("close", null);
            }
            case EvolutionReader.REFUSED -> state = "refused"; // a webhook's word: served here all the same
            default -> throw new AssertionError("a status key without a situation in this test: " + key);
        }
        server.onBody("GET", "/instance/connectionState/i1", 200, "application/json",
                "{\"instance\":{\"instanceName\":\"i1\",\"state\":\"" + state + "\"}}", Map.of());
        if (row != null) {
            server.onBody("GET", "/instance/fetchInstances", 200, "application/json", row, Map.of());
        }
        Device d = template.requestBody("whatsdev:evolution/devices?operation=status&deviceId=i1&apiKey=k3y1&baseUrl="
                                        + server.url(), null, Device.class);
        assertEquals(expected, d.getStatus(), key);
        assertEquals(state, d.getRawStatus(), key);
        assertEquals(row == null ? 1 : 2, server.requests().size(), "calls for " + key);
        assertTrue(server.requests().stream().allMatch(r -> "k3y1".equals(r.header("apikey"))));
    }

    private static String row(String connectionStatus, String ownerJid) {
        return "[{\"id\":\"x1\",\"name\":\"i1\",\"connectionStatus\":\"" + connectionStatus + "\",\"ownerJid\":"
               + (ownerJid == null ? "null" : "\"" + ownerJid + "\"") + "}]";
    }
}
