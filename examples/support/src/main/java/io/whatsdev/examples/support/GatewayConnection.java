package io.whatsdev.examples.support;

import java.util.Locale;
import java.util.function.Function;

import io.whatsdev.simulator.Gateway;
import io.whatsdev.simulator.GatewaySimulator;
import io.whatsdev.simulator.SimulatorCredentials;
import org.apache.camel.main.Main;

/**
 * Where an example's whatsdev component points: a gateway, its base URL and its credentials. Read from the environment
 * ({@code WHATSDEV_GATEWAY}, {@code WHATSDEV_TOKEN}, {@code WHATSDEV_API_KEY}, {@code WHATSDEV_USERNAME},
 * {@code WHATSDEV_PASSWORD}, {@code WHATSDEV_BASE_URL}, {@code WHATSDEV_SUBDOMAIN}) or from the system properties of
 * the same meaning ({@code whatsdev.token}, {@code whatsdev.base-url}, ...), or made for the embedded simulator.
 * <p>
 * Credentials go on the component ({@code camel.component.whatsdev.token}, ...), so route URIs carry none; they are
 * never printed: {@link #toString()} is {@link #describe()}.
 */
public record GatewayConnection(String gateway, String baseUrl, String token, String apiKey, String username, String password,
                                String subdomain) {

    /** The variables a user sets, in the order the usage texts list them. */
    public static final String USAGE = """
              WHATSDEV_GATEWAY    whatsgate-net, whatspie, wassly, whatsgate-org or witime
              WHATSDEV_TOKEN      the gateway's token (witime: the instance key) (never printed)
              WHATSDEV_API_KEY    the API key where the gateway needs one (wassly, whatsgate-org) (never printed)
              WHATSDEV_USERNAME   wassly: the account's e-mail, to log in (never printed)
              WHATSDEV_PASSWORD   wassly: the account's password, to log in (never printed)
              WHATSDEV_BASE_URL   the gateway's base URL, if not its documented one
              WHATSDEV_SUBDOMAIN  whatsgate-net: the account's subdomain
            """;

    /** From the environment (and system properties); {@code defaultGateway} unless WHATSDEV_GATEWAY names another. */
    public static GatewayConnection from(String defaultGateway, Function<String, String> env) {
        String gw = setting(env, "WHATSDEV_GATEWAY");
        return new GatewayConnection(gw == null ? defaultGateway : gw.toLowerCase(Locale.ROOT), setting(env, "WHATSDEV_BASE_URL"),
                setting(env, "WHATSDEV_TOKEN"), setting(env, "WHATSDEV_API_KEY"), setting(env, "WHATSDEV_USERNAME"),
                setting(env, "WHATSDEV_PASSWORD"), setting(env, "WHATSDEV_SUBDOMAIN"));
    }

    /**
     * The gateway on that simulator, with all of the simulator's credentials: each gateway's provider takes the ones it
     * uses, so which gateway needs which is known only there.
     */
    public static GatewayConnection simulator(String gateway, GatewaySimulator sim) {
        return new GatewayConnection(gateway, sim.baseUrl(Gateway.of(gateway)), SimulatorCredentials.TOKEN, SimulatorCredentials.API_KEY,
                SimulatorCredentials.USERNAME, SimulatorCredentials.PASSWORD, null);
    }

    /**
     * An environment variable, or the system property of the same meaning when set (WHATSDEV_BASE_URL =
     * whatsdev.base-url); blank counts as unset.
     */
    public static String setting(Function<String, String> env, String name) {
        String property = "whatsdev." + name.substring("WHATSDEV_".length()).toLowerCase(Locale.ROOT).replace('_', '-');
        String v = System.getProperty(property);
        if (v == null || v.isBlank()) {
            v = env.apply(name);
        }
        return v == null || v.isBlank() ? null : v.trim();
    }

    /** Whether the user named a gateway address or credentials; if not, the examples run on the embedded simulator. */
    public boolean isConfigured() {
        return baseUrl != null || token != null || apiKey != null || username != null || password != null;
    }

    /** Puts the address and credentials on the whatsdev component of this Camel Main, over its application.properties. */
    public Main applyTo(Main main) {
        put(main, "camel.component.whatsdev.base-url", baseUrl);
        put(main, "camel.component.whatsdev.token", token);
        put(main, "camel.component.whatsdev.api-key", apiKey);
        put(main, "camel.component.whatsdev.username", username);
        put(main, "camel.component.whatsdev.password", password);
        put(main, "camel.component.whatsdev.subdomain", subdomain);
        main.addOverrideProperty("whatsdev.gateway", gateway);
        return main;
    }

    private static void put(Main main, String key, String value) {
        if (value != null) {
            main.addOverrideProperty(key, value);
        }
    }

    /** A line for the console: the gateway, its address, and which credentials are set, never their values. */
    public String describe() {
        StringBuilder b = new StringBuilder(gateway);
        if (baseUrl != null) {
            b.append(" at ").append(baseUrl);
        }
        String set = (token != null ? ", token" : "") + (apiKey != null ? ", API key" : "") + (username != null ? ", username" : "")
                     + (password != null ? ", password" : "");
        if (!set.isEmpty()) {
            b.append(" (").append(set.substring(2)).append(" set, hidden)");
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return describe();
    }
}
