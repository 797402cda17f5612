package io.whatsdev.examples.support;

import java.time.Duration;
import java.util.function.Function;

import io.whatsdev.simulator.Gateway;
import io.whatsdev.simulator.GatewaySimulator;
import org.apache.camel.main.Main;

/**
 * The gateway an example runs against: the embedded simulator, seeded with demo devices (default), or a real gateway
 * when any of its address or credentials is set (see {@link GatewayConnection}). Credentials go on the component, never
 * into route URIs or logs.
 */
public final class ExampleGateway implements AutoCloseable {

    private final GatewayConnection connection;
    private final GatewaySimulator simulator;

    private ExampleGateway(GatewayConnection connection, GatewaySimulator simulator) {
        this.connection = connection;
        this.simulator = simulator;
    }

    /** From the environment; {@code defaultGateway} unless WHATSDEV_GATEWAY says otherwise. */
    public static ExampleGateway fromEnvironment(String defaultGateway) {
        return from(defaultGateway, System::getenv);
    }

    public static ExampleGateway from(String defaultGateway, Function<String, String> env) {
        GatewayConnection configured = GatewayConnection.from(defaultGateway, env);
        if (configured.isConfigured()) {
            return new ExampleGateway(configured, null);
        }
        GatewaySimulator sim = GatewaySimulator.start(0).seedDemoDevices();
        return simulated(configured.gateway(), sim);
    }

    /** Uses an already running simulator (tests). */
    public static ExampleGateway simulated(String gateway, GatewaySimulator sim) {
        return new ExampleGateway(GatewayConnection.simulator(gateway, sim), sim);
    }

    /** Puts the gateway's address and credentials on the whatsdev component of this Camel Main. */
    public Main configure(Main main) {
        return connection.applyTo(main);
    }

    public String gateway() {
        return connection.gateway();
    }

    /** The embedded simulator, or null against a real gateway. */
    public GatewaySimulator simulator() {
        return simulator;
    }

    /** A line for the console, without secrets. */
    public String describe() {
        return simulator != null ? "the embedded simulator (" + connection.gateway() + " at " + connection.baseUrl() + ")"
                : connection.describe();
    }

    /** In the simulator, has the phone of a device unlink it after a while (demos); does nothing against a real gateway. */
    public void unlinkLater(String deviceId, Duration after) {
        if (simulator == null) {
            return;
        }
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(after.toMillis());
                simulator.device(Gateway.of(connection.gateway()), deviceId).unlink();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "demo-unlink");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() {
        if (simulator != null) {
            simulator.close();
        }
    }
}
