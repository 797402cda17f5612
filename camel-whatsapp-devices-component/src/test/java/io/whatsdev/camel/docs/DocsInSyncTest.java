package io.whatsdev.camel.docs;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The docs' option and header tables are made from the component's generated descriptor. When they are out of date,
 * this test writes the fresh tables and fails, so the build never passes with stale docs: commit the regenerated file.
 */
class DocsInSyncTest {

    private static final Path PARTIALS = Path.of("../docs/modules/ROOT/partials");

    private static JsonNode descriptor() throws Exception {
        try (InputStream in = DocsInSyncTest.class.getResourceAsStream("/META-INF/io/whatsdev/camel/whatsdev.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    @Test
    void optionTablesAreInSync() throws Exception {
        check("whatsdev-options.adoc", OptionTables.options(descriptor()));
    }

    @Test
    void headerTableIsInSync() throws Exception {
        check("whatsdev-headers.adoc", OptionTables.headers(descriptor()));
    }

    @Test
    void gatewayTablesAreInSync() throws Exception {
        AssertionError stale = null;
        for (var p : io.whatsdev.camel.provider.GatewayProviders.all().values()) {
            try {
                check("gateway-" + p.name() + "-tables.adoc", OptionTables.gateway(p));
            } catch (AssertionError e) {
                stale = e; // regenerate all of them before failing
            }
        }
        if (stale != null) {
            throw stale;
        }
    }

    private static void check(String name, String fresh) throws Exception {
        Path file = PARTIALS.resolve(name);
        String committed = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
        if (!fresh.equals(committed)) {
            Files.createDirectories(PARTIALS);
            Files.writeString(file, fresh, StandardCharsets.UTF_8);
            fail("docs/modules/ROOT/partials/" + name + " was out of date and has been regenerated from the descriptor: commit it");
        }
    }
}
