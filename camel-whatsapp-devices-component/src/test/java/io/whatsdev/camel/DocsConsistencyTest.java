package io.whatsdev.camel;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;

import io.whatsdev.camel.model.DeviceStatus;
import io.whatsdev.camel.provider.GatewayProvider;
import io.whatsdev.camel.provider.GatewayProviders;
import io.whatsdev.camel.provider.Support;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The docs' operation matrix and status mapping table are made from the registered gateways (each gateway's operation
 * table, wire calls, status table and status notes). When the page is out of date, this test writes the fresh tables
 * between the page's markers and fails, so the build never passes with a stale page: commit the regenerated file.
 */
class DocsConsistencyTest {

    private static final Path PAGE = Path.of("../docs/modules/ROOT/pages/gateways.adoc");

    @Test
    void operationMatrixIsMadeFromTheGateways() throws Exception {
        check("matrix", matrix(GatewayProviders.all().values()));
    }

    @Test
    void statusTableIsMadeFromTheGateways() throws Exception {
        check("statuses", statuses(GatewayProviders.all().values()));
    }

    @Test
    void everyGatewayIsListedWithItsPage() throws Exception {
        StringBuilder list = new StringBuilder();
        GatewayProviders.all().keySet().forEach(name -> list.append("* xref:gateway-").append(name).append(".adoc[").append(name)
                .append("]\n"));
        check("pages", list.toString());
    }

    @Test
    void theEventsPageListsTheGatewaysThatPush() throws Exception {
        StringBuilder t = new StringBuilder("Gateways whose callbacks whatsdev reads: ");
        java.util.List<String> pushing = GatewayProviders.all().values().stream().filter(g -> g.callbacks() != null)
                .map(GatewayProvider::name).toList();
        t.append(pushing.isEmpty() ? "none" : String.join(", ", pushing)).append(".\n");
        check(Path.of("../docs/modules/ROOT/pages/events.adoc"), "events", t.toString());
    }

    @Test
    void theEventsPageListsTheGatewaysWithAFeed() throws Exception {
        StringBuilder t = new StringBuilder("Gateways whose event feed whatsdev polls: ");
        java.util.List<String> feeds = GatewayProviders.all().values().stream().filter(g -> g.eventFeed() != null)
                .map(GatewayProvider::name).toList();
        t.append(feeds.isEmpty() ? "none" : String.join(", ", feeds)).append(".\n");
        check(Path.of("../docs/modules/ROOT/pages/events.adoc"), "feeds", t.toString());
    }

    static String matrix(Collection<GatewayProvider> gateways) {
        StringBuilder t = new StringBuilder();
        t.append("[cols=\"2").append(",3".repeat(gateways.size())).append("\",options=\"header\"]\n|===\n| Operation");
        gateways.forEach(g -> t.append(" | ").append(g.name()));
        t.append('\n');
        for (WhatsDevOperation op : WhatsDevOperation.values()) {
            t.append("| `").append(op.name()).append('`');
            for (GatewayProvider g : gateways) {
                Support s = g.operations().get(op);
                t.append(" | ");
                if (s == null) {
                    t.append('-');
                } else {
                    String wire = g.wireCalls().get(op);
                    t.append(s.name().toLowerCase(Locale.ROOT)).append(wire == null ? "" : ": " + wire);
                }
            }
            t.append('\n');
        }
        return t.append("|===\n").toString();
    }

    static String statuses(Collection<GatewayProvider> gateways) {
        StringBuilder t = new StringBuilder("[cols=\"2,3,2,4\",options=\"header\"]\n|===\n| Gateway | Raw value | Normalized | Meaning\n");
        for (GatewayProvider g : gateways) {
            for (Map.Entry<String, DeviceStatus> e : g.statusMapping().entrySet()) {
                String note = g.statusNotes().getOrDefault(e.getKey(), "");
                t.append("| ").append(g.name()).append(" | `").append(e.getKey()).append("` | `").append(e.getValue().name())
                        .append("` | ").append(note).append('\n');
            }
        }
        return t.append("|===\n").toString();
    }

    private static void check(String marker, String fresh) throws Exception {
        check(PAGE, marker, fresh);
    }

    private static void check(Path page, String marker, String fresh) throws Exception {
        String text = Files.readString(page, StandardCharsets.UTF_8);
        String begin = "// " + marker + ":begin\n";
        int start = text.indexOf(begin);
        int end = text.indexOf("// " + marker + ":end");
        assertTrue(start >= 0 && end > start, "markers for " + marker + " missing in " + page);
        String committed = text.substring(start + begin.length(), end);
        if (!committed.equals(fresh)) {
            Files.writeString(page, text.substring(0, start + begin.length()) + fresh + text.substring(end), StandardCharsets.UTF_8);
            fail("the " + marker + " block of " + page + " was out of date and has been regenerated from the registered "
                 + "gateways: commit it");
        }
    }
}
