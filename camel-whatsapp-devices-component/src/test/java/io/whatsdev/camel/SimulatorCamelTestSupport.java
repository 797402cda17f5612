package io.whatsdev.camel;

import java.util.function.BooleanSupplier;

import io.whatsdev.simulator.Gateway;
import io.whatsdev.simulator.GatewaySimulator;
import io.whatsdev.simulator.SimulatorCredentials;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * A Camel test whose class shares one embedded gateway simulator on loopback: started before the first test, reset
 * before each test (devices, faults and recorded requests go; settings such as the fault delay stay), closed after the
 * last. Test classes run one after another, so the one static simulator is never shared by two classes at once.
 */
abstract class SimulatorCamelTestSupport extends CamelTestSupport {

    static GatewaySimulator sim;

    @BeforeAll
    static void startSimulator() {
        sim = GatewaySimulator.start();
    }

    @AfterAll
    static void stopSimulator() {
        sim.close();
        sim = null;
    }

    @BeforeEach
    void resetSimulator() {
        sim.reset();
    }

    /** Waits up to 10 s for the condition; fails the test naming what did not happen. */
    static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        Await.until(condition, what, java.time.Duration.ofSeconds(10));
    }

    /** An endpoint URI for the gateway on this class's simulator; see {@link #uri(GatewaySimulator, Gateway)}. */
    static String uri(Gateway g) {
        return uri(sim, g);
    }

    /**
     * An endpoint URI for the gateway on that simulator, with the simulator's credentials. witime's token is a
     * {@code {{witime.key}}} slot, because each witime instance has its own key.
     */
    static String uri(GatewaySimulator sim, Gateway g) {
        String base = "whatsdev:" + g.id() + "/devices?baseUrl=" + sim.baseUrl(g);
        String id = g.id();
        if (id.equals("whatsgate-net") || id.equals("whatspie")) {
            return base + "&token=" + SimulatorCredentials.TOKEN;
        } else if (id.equals("wassly")) {
            return base + "&apiKey=" + SimulatorCredentials.API_KEY + "&username=" + SimulatorCredentials.USERNAME
                   + "&password=" + SimulatorCredentials.PASSWORD;
        } else if (id.equals("whatsgate-org")) {
            return base + "&apiKey=" + SimulatorCredentials.API_KEY;
        } else if (id.equals("witime")) {
            return base + "&token=RAW({{witime.key}})";
        }
        throw new IllegalArgumentException("no simulator credentials known for " + id);
    }
}
