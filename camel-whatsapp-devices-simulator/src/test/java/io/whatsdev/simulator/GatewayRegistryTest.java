package io.whatsdev.simulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The gateways are exactly the registered plug-ins, in registration order. */
class GatewayRegistryTest {

    private static final String SERVICES = "META-INF/services/" + SimulatedGateway.class.getName();

    @Test
    void idsAreTheServicesLinesInClassPathOrder() throws Exception {
        List<String> registered = new ArrayList<>();
        for (URL file : Collections.list(SimulatedGateway.class.getClassLoader().getResources(SERVICES))) {
            registered.addAll(ids(file));
        }
        assertEquals(registered, Gateway.ids());
        assertEquals(registered, Gateway.all().stream().map(Gateway::id).toList());
    }

    @Test
    void theModuleRegistersEveryPluginItHolds() throws Exception {
        URL classes = GatewaySimulator.class.getProtectionDomain().getCodeSource().getLocation();
        java.nio.file.Path root = java.nio.file.Path.of(classes.toURI());
        java.util.Set<String> plugins = new java.util.TreeSet<>();
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(root)) {
            for (java.nio.file.Path f : files.filter(x -> x.toString().endsWith(".class")).toList()) {
                String name = root.relativize(f).toString().replace(java.io.File.separatorChar, '.').replaceAll("\\.class$", "");
                Class<?> c = Class.forName(name, false, GatewaySimulator.class.getClassLoader());
                if (SimulatedGateway.class.isAssignableFrom(c) && !c.isInterface()
                    && !java.lang.reflect.Modifier.isAbstract(c.getModifiers())) {
                    plugins.add(c.getConstructor().newInstance() instanceof SimulatedGateway g ? g.id() : null);
                }
            }
        }
        assertEquals(plugins, new java.util.TreeSet<>(ids(new URL(classes, SERVICES))), "every plug-in of the module is registered, once");
    }

    @Test
    void anUnknownIdIsRefusedWithTheRegisteredOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Gateway.of("nobody"));
        assertEquals("unknown gateway 'nobody'; known: " + String.join(", ", Gateway.ids()), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Gateway.of(null));
    }

    @Test
    void aGatewayIsAValueOnItsId() {
        Gateway witime = Gateway.of("witime");
        assertSame(witime, Gateway.of("witime"));
        assertEquals("witime", witime.toString());
        assertEquals("witime".hashCode(), witime.hashCode());
        assertEquals("/witime", witime.basePath());
        assertNotEquals(witime, Gateway.of("wassly"));
    }

    /** The ids of the plug-ins a services file names, in its order (comments and blank lines skipped). */
    private static List<String> ids(URL file) throws IOException, ReflectiveOperationException {
        List<String> ids = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(file.openStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String name = line.replaceAll("#.*", "").trim();
                if (!name.isEmpty()) {
                    ids.add(Class.forName(name).asSubclass(SimulatedGateway.class).getConstructor().newInstance().id());
                }
            }
        }
        return ids;
    }
}
