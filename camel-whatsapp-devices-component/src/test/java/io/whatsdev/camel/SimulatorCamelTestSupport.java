package io.whatsdev.camel;

import java.util.function.BooleanSupplier;

import io.whatsdev.simulator.Gateway;
import io.whatsdev.simulator.GatewaySimulator;
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
     * An endpoint URI for the gateway on that simulator, with the options its simulated counterpart gives
     * ({@link io.whatsdev.simulator.SimulatedGateway#whatsdevOptions}); where each device has its own key (witime), the
     * key is a {@code {{witime.key}}} slot a route fills per exchange.
     */
    static String uri(GatewaySimulator sim, Gateway g) {
        String options = g.plugin().whatsdevOptions(java.util.List.of());
        return "whatsdev:" + g.id() + "/devices?baseUrl=" + sim.baseUrl(g) + (options.isEmpty() ? "" : "&" + options);
    }

    /** The gateways registered with both whatsdev and the simulator: what the shared routes run on. */
    static java.util.stream.Stream<Gateway> gateways() {
        return Gateway.all().stream().filter(g -> io.whatsdev.camel.provider.GatewayProviders.all().containsKey(g.id()));
    }
}
