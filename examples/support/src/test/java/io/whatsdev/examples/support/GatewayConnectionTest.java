package io.whatsdev.examples.support;

import java.util.List;
import java.util.Map;

import io.whatsdev.camel.WhatsDevConstants;
import io.whatsdev.camel.model.Device;
import io.whatsdev.simulator.Gateway;
import io.whatsdev.simulator.GatewaySimulator;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The examples' gateway settings: read from the environment, applied to a Camel Main, never printed. */
class GatewayConnectionTest {

    static GatewaySimulator sim;

    @BeforeAll
    static void start() {
        sim = GatewaySimulator.start(0).seedDemoDevices();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    /** The simulator's connection, put on the component by applyTo, is all a route needs: wassly logs in with it. */
    @ParameterizedTest
    @ValueSource(strings = { "whatsgate-net", "whatspie", "wassly", "whatsgate-org" })
    void simulatorConnectionConfiguresTheComponent(String gateway) throws Exception {
        Main main = new Main();
        GatewayConnection.simulator(gateway, sim).applyTo(main);
        main.start();
        try {
            List<?> devices = main.getCamelContext().createProducerTemplate()
                    .requestBodyAndHeader("whatsdev:" + gateway + "/devices", null, WhatsDevConstants.OPERATION, "list", List.class);
            assertFalse(devices.isEmpty(), "the demo devices");
            assertEquals(sim.devices(Gateway.of(gateway)).size(), devices.size());
            assertTrue(devices.stream().allMatch(Device.class::isInstance));
        } finally {
            main.stop();
        }
    }

    @Test
    void unsetMeansTheSimulatorAndSecretsAreNeverPrinted() {
        GatewayConnection none = GatewayConnection.from("whatspie", Map.<String, String>of()::get);
        assertFalse(none.isConfigured());
        assertEquals("whatspie", none.gateway());

        GatewayConnection c = GatewayConnection.from("whatspie", Map.of("WHATSDEV_GATEWAY", "WITIME", "WHATSDEV_TOKEN", " k-123 ",
                "WHATSDEV_SUBDOMAIN", "")::get);
        assertTrue(c.isConfigured());
        assertEquals("witime", c.gateway());
        assertEquals("k-123", c.token(), "trimmed");
        assertNull(c.subdomain(), "blank is unset");
        assertEquals("witime (token set, hidden)", c.describe());
        assertEquals(c.describe(), c.toString());
    }
}
