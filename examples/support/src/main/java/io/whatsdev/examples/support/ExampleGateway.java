package io.whatsdev.examples.support;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;

import io.whatsdev.simulator.Gateway;
import io.whatsdev.simulator.GatewaySimulator;
import io.whatsdev.simulator.SimulatorCredentials;
import org.apache.camel.main.Main;

/**
 * The gateway an example runs against: the embedded simulator, seeded with demo devices (default), or a real gateway
 * when {@code WHATSDEV_TOKEN}, {@code WHATSDEV_API_KEY} or {@code WHATSDEV_BASE_URL} is set (environment, or system
 * properties {@code whatsdev.token}, ...). Credentials go on the component, never into route URIs or logs.
 */
public final class ExampleGateway implements AutoCloseable {

    private final String gateway;
    private final GatewaySimulator simulator;
    private final String baseUrl;
    private final String token;
    private final String apiKey;
    private final String subdomain;

    private ExampleGateway(String gateway, GatewaySimulator simulator, String baseUrl, String token, String apiKey, String subdomain) {
        this.gateway = gateway;
        this.simulator = simulator;
        this.baseUrl = baseUrl;
        this.token = token;
        this.apiKey = apiKey;
        this.subdomain = subdomain;
    }

    /** From the environment; {@code defaultGateway} unless WHATSDEV_GATEWAY says otherwise. */
    public static ExampleGateway fromEnvironment(String defaultGateway) {
        return from(defaultGateway, System::getenv);
    }

    public static ExampleGateway from(String defaultGateway, Function<String, String> env) {
        String gw = value(env, "WHATSDEV_GATEWAY");
        gw = gw == null ? defaultGateway : gw.toLowerCase(Locale.ROOT);
        String baseUrl = value(env, "WHATSDEV_BASE_URL");
        String token = value(env, "WHATSDEV_TOKEN");
        String apiKey = value(env, "WHATSDEV_API_KEY");
        if (baseUrl == null && token == null && apiKey == null) {
            GatewaySimulator sim = GatewaySimulator.start(0).seedDemoDevices();
            return new ExampleGateway(gw, sim, sim.baseUrl(Gateway.of(gw)), SimulatorCredentials.TOKEN, SimulatorCredentials.API_KEY,
                    null);
        }
        return new ExampleGateway(gw, null, baseUrl, token, apiKey, value(env, "WHATSDEV_SUBDOMAIN"));
    }

    /** Uses an already running simulator (tests). */
    public static ExampleGateway simulated(String gateway, GatewaySimulator sim) {
        return new ExampleGateway(gateway, sim, sim.baseUrl(Gateway.of(gateway)), SimulatorCredentials.TOKEN,
                SimulatorCredentials.API_KEY, null);
    }

    private static String value(Function<String, String> env, String name) {
        String property = "whatsdev." + name.substring("WHATSDEV_".length()).toLowerCase(Locale.ROOT).replace('_', '-');
        String v = System.getProperty(property);
        if (v == null || v.isBlank()) {
            v = env.apply(name);
        }
        return v == null || v.isBlank() ? null : v.trim();
    }

    /** Puts the gateway's address and credentials on the whatsdev component of this Camel Main. */
    public Main configure(Main main) {
        put(main, "camel.component.whatsdev.base-url", baseUrl);
        put(main, "camel.component.whatsdev.token", token);
        put(main, "camel.component.whatsdev.api-key", apiKey);
        put(main, "camel.component.whatsdev.subdomain", subdomain);
        if (simulator != null && "wassly".equals(gateway)) {
            put(main, "camel.component.whatsdev.username", SimulatorCredentials.USERNAME);
            put(main, "camel.component.whatsdev.password", SimulatorCredentials.PASSWORD);
        }
        main.addOverrideProperty("whatsdev.gateway", gateway);
        return main;
    }

    private static void put(Main main, String key, String value) {
        if (value != null) {
            // override: wins over an example's application.properties
            main.addOverrideProperty(key, value);
        }
    }

    public String gateway() {
        return gateway;
    }

    /** The embedded simulator, or null against a real gateway. */
    public GatewaySimulator simulator() {
        return simulator;
    }

    /** A line for the console, without secrets. */
    public String describe() {
        return simulator != null ? "the embedded simulator (" + gateway + " at " + baseUrl + ")"
                : gateway + (baseUrl != null ? " at " + baseUrl : "") + " (credentials hidden)";
    }

    /** In the simulator, has the phone of a device unlink it after a while (demos); does nothing against a real gateway. */
    public void unlinkLater(String deviceId, Duration after) {
        if (simulator == null) {
            return;
        }
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(after.toMillis());
                simulator.device(Gateway.of(gateway), deviceId).unlink();
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
