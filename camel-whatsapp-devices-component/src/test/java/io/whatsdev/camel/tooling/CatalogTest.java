package io.whatsdev.camel.tooling;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.camel.catalog.CamelCatalog;
import org.apache.camel.catalog.DefaultCamelCatalog;
import org.apache.camel.tooling.model.ComponentModel;
import org.apache.camel.catalog.EndpointValidationResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Camel's catalog, which IDE plugins, Camel JBang and designers build on, reads whatsdev's descriptor from the jar: at
 * {@code META-INF/io/whatsdev/camel/whatsdev.json} (the runtime's path) and at {@code io/whatsdev/camel/whatsdev.json}
 * (where camel-catalog-maven looks), the same file at both.
 */
class CatalogTest {

    private static String json;
    private static CamelCatalog catalog;

    @BeforeAll
    static void addWhatsdevToTheCatalog() throws IOException {
        json = read("io/whatsdev/camel/whatsdev.json");
        catalog = new DefaultCamelCatalog();
        catalog.addComponent("whatsdev", "io.whatsdev.camel.WhatsDevComponent", json);
    }

    private static String read(String path) throws IOException {
        try (InputStream in = CatalogTest.class.getClassLoader().getResourceAsStream(path)) {
            assertNotNull(in, path + " is not on the class path");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theDescriptorIsAtBothPaths() throws IOException {
        assertEquals(read("META-INF/io/whatsdev/camel/whatsdev.json"), json);
    }

    @Test
    void theCatalogKnowsTheComponent() {
        assertTrue(catalog.findComponentNames().contains("whatsdev"));
        ComponentModel model = catalog.componentModel("whatsdev");
        assertEquals("io.whatsdev", model.getGroupId());
        assertEquals("camel-whatsapp-devices", model.getArtifactId());
        assertTrue(model.getEndpointOptions().stream().anyMatch(o -> o.getName().equals("instanceTokens") && o.isSecret()));
    }

    @Test
    void theCatalogValidatesWhatsdevUris() {
        assertTrue(catalog.validateEndpointProperties("whatsdev:whatspie/devices?token=t&operation=list").isSuccess());
        EndpointValidationResult bad = catalog.validateEndpointProperties("whatsdev:whatspie/devices?token=t&operation=pair");
        assertFalse(bad.isSuccess());
        assertTrue(bad.getInvalidEnum().containsKey("operation"), bad.summaryErrorMessage(false));
        EndpointValidationResult unknown = catalog.validateEndpointProperties("whatsdev:whatspie/devices?instances=a%3Dk");
        assertTrue(unknown.getUnknown().contains("instances"), unknown.summaryErrorMessage(false));
    }

    @Test
    void theCatalogBuildsWhatsdevUris() throws Exception {
        String uri = catalog.asEndpointUri("whatsdev",
                Map.of("provider", "whatspie", "resource", "devices", "token", "t", "delay", "5000"), false);
        assertEquals("whatsdev:whatspie/devices?delay=5000&token=RAW(t)", uri, "a secret is wrapped in RAW()");
    }
}
