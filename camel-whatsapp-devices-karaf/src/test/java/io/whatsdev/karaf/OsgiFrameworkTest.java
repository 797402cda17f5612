package io.whatsdev.karaf;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

import aQute.bnd.header.Attrs;
import aQute.bnd.header.Parameters;
import aQute.bnd.osgi.Builder;
import aQute.bnd.osgi.Jar;
import io.whatsdev.karaf.example.ExampleGateway;
import io.whatsdev.karaf.example.ExampleGatewayActivator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.Version;
import org.osgi.framework.VersionRange;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The component bundle in a real OSGi framework (Apache Felix, embedded): its system bundle exports the packages of the
 * Camel 4.18, Jackson, httpclient5/httpcore5 and SLF4J jars this build uses, at their versions ({@link HostPackages}),
 * which is what camel-karaf's features bring into Karaf. The whatsdev bundle must resolve against them and start; then
 * its gateways are looked at from inside the framework, and gateway bundles come and go as OSGi services.
 * <p>
 * Not covered here: Camel itself running inside OSGi (that needs camel-karaf's {@code camel-core-osgi}, whose 4.18
 * bundles do not resolve in this build's Maven repository), and a real Karaf.
 */
class OsgiFrameworkTest {

    /** The built-in gateways, by name, as the class path's registry finds them (the bundle must find the same). */
    private static final List<String> BUILT_IN = List.copyOf(io.whatsdev.camel.provider.GatewayProviders.all().keySet());

    private static Map<String, String> host;
    private static Framework framework;
    private static Bundle whatsdev;

    @BeforeAll
    static void startFramework() throws Exception {
        host = HostPackages.exports();
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, System.getProperty("felix.storage", "target/felix-cache"));
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, HostPackages.systemPackagesExtra(host));
        config.put("felix.service.urlhandlers", "false");
        framework = ServiceLoader.load(FrameworkFactory.class).iterator().next().newFramework(config);
        framework.start();
        try (InputStream in = ComponentBundle.open()) {
            whatsdev = context().installBundle("whatsdev:" + ComponentBundle.jar(), in);
        }
        try {
            whatsdev.start();
        } catch (BundleException e) {
            fail("The whatsdev bundle does not start in OSGi: " + e.getMessage(), e);
        }
    }

    @AfterAll
    static void stopFramework() throws Exception {
        if (framework != null) {
            framework.stop();
            framework.waitForStop(10_000);
        }
    }

    private static BundleContext context() {
        return framework.getBundleContext();
    }

    @Test
    void theHostExportsCamelAtTheVersionBuiltAgainst() {
        assertEquals(System.getProperty("camel.version"), host.get("org.apache.camel"));
        assertTrue(host.containsKey("org.apache.hc.client5.http.impl.classic"), host.keySet().toString());
        assertTrue(host.containsKey("com.fasterxml.jackson.databind"), host.keySet().toString());
    }

    @Test
    void theBundleResolvesAgainstCamelAndStarts() throws Exception {
        assertEquals(Bundle.ACTIVE, whatsdev.getState());
        Map<String, Version> wired = new TreeMap<>();
        for (BundleWire wire : whatsdev.adapt(BundleWiring.class).getRequiredWires(PackageNamespace.PACKAGE_NAMESPACE)) {
            Map<String, Object> attributes = wire.getCapability().getAttributes();
            wired.put((String) attributes.get(PackageNamespace.PACKAGE_NAMESPACE),
                    (Version) attributes.get(PackageNamespace.CAPABILITY_VERSION_ATTRIBUTE));
        }
        Version camel = Version.parseVersion(System.getProperty("camel.version"));
        assertEquals(camel, wired.get("org.apache.camel"));
        assertEquals(camel, wired.get("org.apache.camel.spi"));
        // every import is wired, the optional OSGi ones too (the framework has them)
        Parameters imports = new Parameters(ComponentBundle.header("Import-Package"));
        for (Map.Entry<String, Attrs> e : imports.entrySet()) {
            boolean own = e.getKey().startsWith("io.whatsdev.camel");
            assertTrue(own || wired.containsKey(e.getKey()), e.getKey() + " is not wired: " + wired.keySet());
        }
    }

    @Test
    void theBuiltInGatewaysAreFoundInsideTheFramework() throws Exception {
        assertEquals(BUILT_IN, List.copyOf(gateways().keySet()));
        Class<?> registry = whatsdev.loadClass("io.whatsdev.camel.provider.GatewayProviders");
        assertEquals(whatsdev.adapt(BundleWiring.class).getClassLoader(), registry.getClassLoader());
        assertNotSame(io.whatsdev.camel.provider.GatewayProviders.class, registry, "the bundle's own copy, not the class path's");
    }

    @Test
    void aGatewayServiceOfAnotherBundleIsAGatewayWhileItIsThere() throws Exception {
        Bundle a = installExample("example.gateway.a", "example");
        try {
            a.start();
            assertEquals("https://example.gateway.a.invalid", baseUrl("example"));
            java.util.SortedSet<String> known = new java.util.TreeSet<>(BUILT_IN);
            known.add("example");
            assertTrue(unknownProviderMessage().endsWith("known providers: " + String.join(", ", known)), unknownProviderMessage());
            a.stop();
            assertEquals(BUILT_IN, List.copyOf(gateways().keySet()));
        } finally {
            a.uninstall();
        }
    }

    @Test
    void aSecondServiceOfATakenNameWaitsAndTakesOverWhenTheFirstGoes() throws Exception {
        Bundle a = installExample("example.gateway.a", "example");
        Bundle b = installExample("example.gateway.b", "example");
        Bundle clash = installExample("example.gateway.clash", "whatspie");
        try {
            a.start();
            b.start();
            clash.start();
            assertEquals("https://example.gateway.a.invalid", baseUrl("example"));
            assertFalse(baseUrl("whatspie").contains("clash"), "a built-in gateway keeps its name");
            a.stop();
            assertEquals("https://example.gateway.b.invalid", baseUrl("example"));
            b.stop();
            assertFalse(gateways().containsKey("example"));
        } finally {
            a.uninstall();
            b.uninstall();
            clash.uninstall();
        }
    }

    @Test
    void whileTheComponentBundleIsStoppedItsServiceGatewaysAreGone() throws Exception {
        Bundle a = installExample("example.gateway.a", "example");
        try {
            a.start();
            whatsdev.stop();
            assertEquals(BUILT_IN, List.copyOf(gateways().keySet()));
            whatsdev.start();
            assertEquals("https://example.gateway.a.invalid", baseUrl("example"));
        } finally {
            if (whatsdev.getState() != Bundle.ACTIVE) {
                whatsdev.start();
            }
            a.uninstall();
        }
    }

    /** GatewayProviders.all() of the bundle's copy of the class: gateway name to provider. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> gateways() throws Exception {
        return (Map<String, Object>) whatsdev.loadClass("io.whatsdev.camel.provider.GatewayProviders").getMethod("all")
                .invoke(null);
    }

    private static String baseUrl(String gateway) throws Exception {
        Object provider = gateways().get(gateway);
        return (String) whatsdev.loadClass("io.whatsdev.camel.provider.GatewayProvider").getMethod("defaultBaseUrl")
                .invoke(provider);
    }

    private static String unknownProviderMessage() throws Exception {
        try {
            whatsdev.loadClass("io.whatsdev.camel.provider.GatewayProviders").getMethod("lookup", String.class)
                    .invoke(null, "nobody");
            throw new AssertionError("lookup of an unknown gateway succeeded");
        } catch (InvocationTargetException e) {
            return e.getCause().getMessage();
        }
    }

    /**
     * A gateway bundle made on the spot with bnd from this module's test classes ({@link ExampleGateway} and its
     * activator), importing the gateway SPI from the whatsdev bundle at the version that bundle exports.
     */
    private static Bundle installExample(String symbolicName, String gatewayName) throws Exception {
        Path jar = Files.createTempFile(Path.of("target"), symbolicName, ".jar");
        try (Builder builder = new Builder()) {
            builder.setProperty(Constants.BUNDLE_SYMBOLICNAME, symbolicName);
            builder.setProperty(Constants.BUNDLE_VERSION, "1.0.0");
            builder.setProperty(Constants.BUNDLE_ACTIVATOR, ExampleGatewayActivator.class.getName());
            builder.setProperty("Private-Package", ExampleGateway.class.getPackageName());
            builder.setProperty("Example-Gateway", gatewayName);
            builder.addClasspath(location(ExampleGateway.class));
            builder.addClasspath(ComponentBundle.jar().toFile());
            builder.addClasspath(location(Framework.class));
            try (Jar built = builder.build()) {
                assertTrue(builder.isOk(), builder.getErrors().toString());
                built.write(jar.toFile());
            }
        }
        try (InputStream in = Files.newInputStream(jar)) {
            return context().installBundle(symbolicName, in);
        } finally {
            Files.delete(jar);
        }
    }

    private static File location(Class<?> type) throws IOException {
        try {
            return new File(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IOException(e);
        }
    }

    @Test
    void aGatewayBundleImportsTheSpiInARangeOfTheExportedVersion() throws Exception {
        Bundle a = installExample("example.gateway.imports", "imports");
        try {
            Parameters imports = new Parameters(a.getHeaders().get(Constants.IMPORT_PACKAGE));
            Version exported = Version.parseVersion(
                    new Parameters(ComponentBundle.header(Constants.EXPORT_PACKAGE)).get("io.whatsdev.camel.provider").getVersion());
            VersionRange range = new VersionRange(imports.get("io.whatsdev.camel.provider").getVersion());
            assertTrue(range.includes(exported), range + " " + exported);
            assertFalse(range.includes(new Version(exported.getMajor() + 1, 0, 0)), range.toString());
        } finally {
            a.uninstall();
        }
    }
}
