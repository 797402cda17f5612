package io.whatsdev.camel;

import java.io.IOException;
import java.net.ServerSocket;

import io.whatsdev.simulator.GatewaySimulator;
import org.apache.camel.main.Main;

/**
 * What the tests of pushed events share: a simulator whose gateways call back (a retry after 50 ms, not the
 * gateways' minutes), a free port on loopback, and a Camel Main serving platform-http on it, as an application runs the
 * events consumer. {@link #close} stops both.
 */
final class CallbackHarness implements AutoCloseable {

    final GatewaySimulator sim;
    final int port;
    private Main main;

    private CallbackHarness(GatewaySimulator sim, int port) {
        this.sim = sim;
        this.port = port;
    }

    static CallbackHarness start() throws IOException {
        GatewaySimulator sim = GatewaySimulator.start().callbackRetryDelayMillis(50);
        try (ServerSocket s = new ServerSocket(0)) {
            return new CallbackHarness(sim, s.getLocalPort());
        }
    }

    /** A new Camel Main with platform-http on the port, not started; {@link #close} stops it. */
    Main newMain() {
        main = new Main();
        main.configure().httpServer().withEnabled(true).withPort(port);
        return main;
    }

    @Override
    public void close() {
        if (main != null) {
            main.stop();
        }
        sim.close();
    }
}
