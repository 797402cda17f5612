package io.whatsdev.simulator;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The simulator page's table of gateways (base URL and credentials) is made from the registered plug-ins. When it is out
 * of date, this test writes the fresh table between the page's markers and fails: commit the regenerated page.
 */
class SimulatorDocsTest {

    private static final Path PAGE = Path.of("../docs/modules/ROOT/pages/simulator.adoc");

    @Test
    void theGatewayTableIsMadeFromThePlugins() throws Exception {
        StringBuilder t = new StringBuilder("[cols=\"2,4,4\",options=\"header\"]\n|===\n| Gateway | Base URL | Credentials\n");
        for (Gateway g : Gateway.all()) {
            if (!isBuiltIn(g)) {
                continue; // a test's own plug-in is not the product's
            }
            t.append("| ").append(g.id()).append(" | `http://127.0.0.1:8099").append(g.basePath()).append("` | ");
            String credentials = plugin(g).credentials();
            t.append(credentials.isEmpty() ? "none" : "`" + credentials + "`").append('\n');
        }
        check("gateways", t.append("|===\n").toString());
    }

    private static boolean isBuiltIn(Gateway g) {
        return plugin(g).getClass().getName().startsWith("io.whatsdev.simulator.") && !plugin(g).getClass().getName()
                .startsWith("io.whatsdev.simulator.fakegate.");
    }

    private static SimulatedGateway plugin(Gateway g) {
        return ServiceLoader.load(SimulatedGateway.class).stream().map(ServiceLoader.Provider::get).filter(p -> p.id().equals(g.id()))
                .findFirst().orElseThrow();
    }

    private static void check(String marker, String fresh) throws Exception {
        String text = Files.readString(PAGE, StandardCharsets.UTF_8);
        String begin = "// " + marker + ":begin\n";
        int start = text.indexOf(begin);
        int end = text.indexOf("// " + marker + ":end");
        assertTrue(start >= 0 && end > start, "markers for " + marker + " missing in " + PAGE);
        if (!text.substring(start + begin.length(), end).equals(fresh)) {
            Files.writeString(PAGE, text.substring(0, start + begin.length()) + fresh + text.substring(end), StandardCharsets.UTF_8);
            fail("the " + marker + " table of docs/modules/ROOT/pages/simulator.adoc was out of date and has been regenerated: commit it");
        }
    }
}
