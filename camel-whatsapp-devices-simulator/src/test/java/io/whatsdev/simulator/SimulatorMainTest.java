package io.whatsdev.simulator;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimulatorMainTest {

    @Test
    void parsesTheOptions() {
        assertEquals(new SimulatorMain.Options(8099, false, null, false), SimulatorMain.Options.parse());
        assertEquals(new SimulatorMain.Options(0, true, Duration.ofSeconds(5), false),
                SimulatorMain.Options.parse("--port", "0", "--seed", "--auto-scan-seconds", "5"));
        assertTrue(SimulatorMain.Options.parse("--help").help());
        assertThrows(IllegalArgumentException.class, () -> SimulatorMain.Options.parse("--port"));
        assertThrows(IllegalArgumentException.class, () -> SimulatorMain.Options.parse("--port", "x"));
        assertThrows(IllegalArgumentException.class, () -> SimulatorMain.Options.parse("--port", "99999"));
        assertThrows(IllegalArgumentException.class, () -> SimulatorMain.Options.parse("--bogus"));
    }

    @Test
    void usageListsTheRegisteredGateways() {
        assertTrue(SimulatorMain.usage().contains("Gateways: " + String.join(", ", Gateway.ids())), SimulatorMain.usage());
        assertTrue(SimulatorMain.usage().contains("default 8099"), SimulatorMain.usage());
    }

    @Test
    void startsSeedsAndDescribes() {
        SimulatorMain.Options options = SimulatorMain.Options.parse("--port", "0", "--seed", "--auto-scan-seconds", "3");
        try (GatewaySimulator sim = SimulatorMain.start(options)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            SimulatorMain.describe(sim, options, new PrintStream(out, true, StandardCharsets.UTF_8));
            String text = out.toString(StandardCharsets.UTF_8);
            for (Gateway g : Gateway.all()) {
                assertTrue(text.contains(sim.baseUrl(g)), text);
            }
            assertTrue(text.contains("Access-Token: sim-token"), text);
            assertTrue(text.contains("apikey: sim-apikey, login demo@whatsdev.test / sim-password"), text);
            assertTrue(text.contains("(key wk-demo)"), text);
            assertTrue(text.contains("auto-scan"), text);
            assertEquals(1, sim.devices(Gateway.of("wassly")).size());
        }
    }
}
