package io.whatsdev.camel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.whatsdev.camel.model.DeviceStatus;
import io.whatsdev.camel.provider.GatewayProvider;
import io.whatsdev.camel.provider.GatewayProviders;
import io.whatsdev.camel.provider.Support;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The docs' operation matrix and status mapping table say what the code does.
 */
class DocsConsistencyTest {

    private static final Path PAGE = Path.of("../docs/modules/ROOT/pages/gateways.adoc");

    private static List<List<String>> table(String marker) throws Exception {
        String text = Files.readString(PAGE);
        int start = text.indexOf("// " + marker + ":begin");
        int end = text.indexOf("// " + marker + ":end");
        assertTrue(start >= 0 && end > start, "markers for " + marker + " missing in " + PAGE);
        List<List<String>> rows = new ArrayList<>();
        for (String line : text.substring(start, end).split("\n")) {
            if (line.startsWith("| ") && !line.startsWith("|===")) {
                List<String> cells = new ArrayList<>();
                for (String c : line.substring(1).split(" \\| ")) {
                    cells.add(c.trim().replace("`", ""));
                }
                rows.add(cells);
            }
        }
        return rows.subList(1, rows.size()); // header row
    }

    @Test
    void operationMatrixMatchesTheProviders() throws Exception {
        List<List<String>> rows = table("matrix");
        List<String> columns = List.of("whatsgate-net", "whatspie", "wassly", "whatsgate-org", "witime");
        assertEquals(GatewayProviders.all().keySet(), new java.util.TreeSet<>(columns));
        assertEquals(WhatsDevOperation.values().length, rows.size(), "one row per operation");
        for (List<String> row : rows) {
            WhatsDevOperation op = WhatsDevOperation.valueOf(row.get(0));
            for (int i = 0; i < columns.size(); i++) {
                GatewayProvider p = GatewayProviders.lookup(columns.get(i));
                Support s = p.operations().get(op);
                String cell = row.get(i + 1);
                String expected = s == null ? "-" : s.name().toLowerCase();
                assertTrue(cell.equals(expected) || cell.startsWith(expected + ":"),
                        op + " on " + p.name() + ": docs say '" + cell + "', code says " + expected);
            }
        }
    }

    @Test
    void statusTableMatchesTheMappings() throws Exception {
        Map<String, Map<String, DeviceStatus>> documented = new TreeMap<>();
        for (List<String> row : table("statuses")) {
            documented.computeIfAbsent(row.get(0), k -> new HashMap<>()).put(row.get(1), DeviceStatus.valueOf(row.get(2)));
        }
        Map<String, Map<String, DeviceStatus>> code = new TreeMap<>();
        GatewayProviders.all().forEach((name, p) -> code.put(name, new HashMap<>(p.statusMapping())));
        assertEquals(code, documented);
    }
}
