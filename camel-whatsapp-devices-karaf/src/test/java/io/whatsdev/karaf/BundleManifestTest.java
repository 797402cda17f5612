package io.whatsdev.karaf;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import aQute.bnd.header.Attrs;
import aQute.bnd.header.Parameters;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Version;
import org.osgi.framework.VersionRange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The component jar's OSGi headers and contents, as {@code bnd-maven-plugin} made them: what is exported, what is
 * imported and with which ranges, and that the Camel metadata generated after compilation is in the jar.
 */
class BundleManifestTest {

    private static final Version CAMEL = Version.parseVersion(System.getProperty("camel.version"));

    private static Parameters imports() throws Exception {
        return new Parameters(ComponentBundle.header("Import-Package"));
    }

    @Test
    void identity() throws Exception {
        assertEquals("io.whatsdev.camel-whatsapp-devices", ComponentBundle.header("Bundle-SymbolicName"));
        assertEquals("2", ComponentBundle.header("Bundle-ManifestVersion"));
        assertEquals("io.whatsdev.camel.osgi.GatewayServiceActivator", ComponentBundle.header("Bundle-Activator"));
        assertTrue(ComponentBundle.has("io/whatsdev/camel/osgi/GatewayServiceActivator.class"));
    }

    @Test
    void exportsThePublicApiAndTheGatewaySpiAtTheBundleVersion() throws Exception {
        Parameters exports = new Parameters(ComponentBundle.header("Export-Package"));
        assertEquals(Set.of("io.whatsdev.camel", "io.whatsdev.camel.model", "io.whatsdev.camel.exception",
                "io.whatsdev.camel.provider"), exports.keySet());
        Version bundle = Version.parseVersion(ComponentBundle.header("Bundle-Version"));
        Version expected = new Version(bundle.getMajor(), bundle.getMinor(), bundle.getMicro());
        for (Map.Entry<String, Attrs> e : exports.entrySet()) {
            assertEquals(expected, Version.parseVersion(e.getValue().getVersion()), e.getKey());
        }
    }

    @Test
    void importsCamelWithARangeThatHoldsTheCamelBuiltAgainst() throws Exception {
        Parameters imports = imports();
        // Camel's OSGi activator registers a bundle's META-INF/services/org/apache/camel/* only for such importers
        assertTrue(imports.containsKey("org.apache.camel"));
        assertTrue(imports.containsKey("org.apache.camel.spi"));
        for (Map.Entry<String, Attrs> e : imports.entrySet()) {
            if (e.getKey().startsWith("org.apache.camel")) {
                VersionRange range = new VersionRange(e.getValue().getVersion());
                assertTrue(range.includes(CAMEL), e.getKey() + " " + range);
                assertFalse(range.includes(new Version(5, 0, 0)), e.getKey() + " " + range);
            }
        }
    }

    @Test
    void everyLibraryImportHasARange() throws Exception {
        for (Map.Entry<String, Attrs> e : imports().entrySet()) {
            String p = e.getKey();
            if (p.startsWith("com.fasterxml.jackson") || p.startsWith("org.apache.hc.") || p.startsWith("org.slf4j")
                    || p.startsWith("org.osgi")) {
                assertNotNull(e.getValue().getVersion(), p + " has no version range");
                assertTrue(new VersionRange(e.getValue().getVersion()).getRight() != null, p + " has no upper bound");
            }
        }
    }

    @Test
    void osgiIsOptionalSoThatNothingChangesOutsideOsgi() throws Exception {
        for (Map.Entry<String, Attrs> e : imports().entrySet()) {
            if (e.getKey().startsWith("org.osgi")) {
                assertEquals("optional", e.getValue().get("resolution:"), e.getKey());
            }
        }
    }

    @Test
    void importsNeitherTheSimulatorNorTestPackages() throws Exception {
        Set<String> refused = new TreeSet<>();
        for (String p : imports().keySet()) {
            if (p.startsWith("io.whatsdev.simulator") || p.startsWith("io.whatsdev.camel.osgi") || p.startsWith("org.junit")
                    || p.startsWith("org.apache.camel.test") || p.startsWith("com.code_intelligence")
                    || p.startsWith("org.apache.logging")) {
                refused.add(p);
            }
        }
        assertEquals(Set.of(), refused);
    }

    @Test
    void theGeneratedCamelMetadataIsInTheJar() throws Exception {
        for (String entry : new String[] {
                "io/whatsdev/camel/WhatsDevComponentConfigurer.class",
                "io/whatsdev/camel/WhatsDevEndpointConfigurer.class",
                "io/whatsdev/camel/WhatsDevEndpointUriFactory.class",
                "META-INF/services/org/apache/camel/component/whatsdev",
                "META-INF/services/org/apache/camel/configurer/whatsdev-component",
                "META-INF/services/org/apache/camel/configurer/whatsdev-endpoint",
                "META-INF/services/org/apache/camel/urifactory/whatsdev-endpoint",
                "META-INF/io/whatsdev/camel/whatsdev.json",
                "META-INF/services/io.whatsdev.camel.provider.GatewayProvider" }) {
            assertTrue(ComponentBundle.has(entry), entry + " is not in " + ComponentBundle.jar());
        }
    }
}
