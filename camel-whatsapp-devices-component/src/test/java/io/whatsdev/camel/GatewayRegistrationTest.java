package io.whatsdev.camel;

import java.util.List;
import java.util.Map;

import io.whatsdev.camel.model.Device;
import io.whatsdev.camel.model.DeviceStatus;
import io.whatsdev.camel.provider.GatewayClient;
import io.whatsdev.camel.provider.GatewayProvider;
import io.whatsdev.camel.provider.GatewayProviders;
import io.whatsdev.camel.provider.Support;
import io.whatsdev.camel.provider.Transport;
import io.whatsdev.camel.provider.whatspie.WhatspieProvider;
import io.whatsdev.simulator.Gateway;
import io.whatsdev.simulator.SimulatorCredentials;
import org.apache.camel.ResolveEndpointFailedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Gateways added at run time with {@link GatewayProviders#register(GatewayProvider)} (what the OSGi bundle does for
 * each {@code GatewayProvider} service): usable in {@code whatsdev:<name>/devices} at once, listed wherever the known
 * gateways are listed, and gone again after {@link GatewayProviders#unregister(GatewayProvider)}.
 */
class GatewayRegistrationTest extends SimulatorCamelTestSupport {

    /** A third-party gateway: whatspie's wire format under another name, so that it can talk to the simulator. */
    static final class AcmeGateway implements GatewayProvider {

        private final String name;
        private final GatewayProvider wire = new WhatspieProvider();

        AcmeGateway(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String defaultBaseUrl() {
            return "https://api.acme.invalid";
        }

        @Override
        public Map<WhatsDevOperation, Support> operations() {
            return Map.of(WhatsDevOperation.list, Support.NATIVE, WhatsDevOperation.get, Support.NATIVE);
        }

        @Override
        public Map<String, DeviceStatus> statusMapping() {
            return wire.statusMapping();
        }

        @Override
        public void validate(WhatsDevConfiguration configuration) {
            wire.validate(configuration);
        }

        @Override
        public GatewayClient newClient(WhatsDevConfiguration configuration, Transport transport) {
            return wire.newClient(configuration, transport);
        }
    }

    private final AcmeGateway acme = new AcmeGateway("acme");

    @AfterEach
    void unregister() {
        // other test classes in this JVM see the same static registry: leave it as found
        GatewayProviders.unregister(acme);
    }

    private String acmeUri(String operation) {
        return "whatsdev:acme/devices?operation=" + operation + "&baseUrl=" + sim.baseUrl(Gateway.of("whatspie")) + "&token="
               + SimulatorCredentials.TOKEN;
    }

    /** Endpoint creation fails; returns the root cause's message. */
    private String refused(String uri) {
        Throwable t = assertThrows(ResolveEndpointFailedException.class, () -> context.getEndpoint(uri));
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    @Test
    void aRegisteredGatewayIsUsableInUrisAtOnce() {
        assertTrue(refused(acmeUri("list")).startsWith("Unknown provider 'acme'"));
        sim.createDevice(Gateway.of("whatspie"), "7", "acme phone").scan();

        GatewayProviders.register(acme);

        @SuppressWarnings("unchecked")
        List<Device> devices = template.requestBody(acmeUri("list"), null, List.class);
        assertEquals(1, devices.size());
        assertEquals("7", devices.get(0).getId());
        assertSame(acme, GatewayProviders.lookup("ACME"));
    }

    /** The gateways of the class path's service files, sorted: what the registry holds before a test adds one. */
    private static java.util.SortedSet<String> builtIn() {
        java.util.SortedSet<String> names = new java.util.TreeSet<>();
        java.util.ServiceLoader.load(GatewayProvider.class).forEach(p -> names.add(p.name()));
        return names;
    }

    @Test
    void aRegisteredGatewayIsListedWhereTheKnownOnesAre() {
        java.util.SortedSet<String> expected = new java.util.TreeSet<>(builtIn());
        GatewayProviders.register(acme);
        expected.add("acme");

        assertEquals(List.copyOf(expected), List.copyOf(GatewayProviders.all().keySet()));
        String unknown = refused("whatsdev:nobody/devices?token=t");
        assertTrue(unknown.contains("known providers: " + String.join(", ", expected)), unknown);
        assertTrue(GatewayProviders.supporting(WhatsDevOperation.list).contains("acme"));
        String unsupported = refused(acmeUri("qr"));
        assertTrue(unsupported.contains("is not supported by provider acme"), unsupported);
    }

    @Test
    void anUnregisteredGatewayRefusesNewEndpoints() {
        GatewayProviders.register(acme);
        assertTrue(GatewayProviders.unregister(acme));

        assertFalse(GatewayProviders.all().containsKey("acme"));
        String message = refused(acmeUri("list"));
        assertTrue(message.startsWith("Unknown provider 'acme'; known providers: " + String.join(", ", builtIn())), message);
        assertFalse(GatewayProviders.unregister(acme), "only once");
    }

    @Test
    void unregisterRemovesOnlyThatInstanceAndNeverABuiltInGateway() {
        GatewayProviders.register(acme);

        assertFalse(GatewayProviders.unregister(new AcmeGateway("acme")));
        assertSame(acme, GatewayProviders.lookup("acme"));
        assertFalse(GatewayProviders.unregister(new WhatspieProvider()));
        assertFalse(GatewayProviders.unregister(GatewayProviders.lookup("whatspie")));
        assertEquals(builtIn().size() + 1, GatewayProviders.all().size());
    }

    @Test
    void aTakenNameIsRefused() {
        GatewayProviders.register(acme);

        IllegalStateException twice = assertThrows(IllegalStateException.class, () -> GatewayProviders.register(new AcmeGateway("acme")));
        assertTrue(twice.getMessage().startsWith("A gateway named 'acme' is already there"), twice.getMessage());
        assertThrows(IllegalStateException.class, () -> GatewayProviders.register(new AcmeGateway("whatspie")));
        assertSame(acme, GatewayProviders.lookup("acme"));
    }

    @Test
    void aNameThatNoUriCanReachIsRefused() {
        for (String bad : new String[] { "Acme", "acme/devices", "", "-acme", "ac me" }) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> GatewayProviders.register(new AcmeGateway(bad)), bad);
            assertTrue(e.getMessage().contains("is not allowed; a name is lower case"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> GatewayProviders.register(new AcmeGateway(null)));
        assertEquals(builtIn().size(), GatewayProviders.all().size());
    }

    @Test
    void theMapOfAllIsAReadOnlySnapshot() {
        Map<String, GatewayProvider> before = GatewayProviders.all();
        GatewayProviders.register(acme);

        assertFalse(before.containsKey("acme"));
        assertThrows(UnsupportedOperationException.class, () -> GatewayProviders.all().remove("acme"));
    }
}
