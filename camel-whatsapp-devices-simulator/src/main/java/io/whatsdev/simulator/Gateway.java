package io.whatsdev.simulator;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * A simulated gateway: its URI name and the base path of its API on the simulator. The gateways are the registered
 * {@link SimulatedGateway} plug-ins ({@code META-INF/services/io.whatsdev.simulator.SimulatedGateway}), in the order
 * of registration; {@link #of(String)} gives one by name. Equal when the ids are (and there is one instance per id).
 */
public final class Gateway {

    private static final String SERVICES = "META-INF/services/" + SimulatedGateway.class.getName();

    private final String id;
    private final String basePath;
    private final SimulatedGateway plugin;

    private Gateway(SimulatedGateway plugin) {
        this.plugin = plugin;
        this.id = plugin.id();
        this.basePath = plugin.basePath();
    }

    /** The gateway's URI name, e.g. {@code whatspie}; also the first path segment of everything the simulator serves for it. */
    public String id() {
        return id;
    }

    /** The path of the gateway's API on the simulator, e.g. {@code /whatsgate-org/api/v1}. */
    public String basePath() {
        return basePath;
    }

    /** The plug-in that says everything else about the gateway (its device ids, the endpoint options that reach it, ...). */
    public SimulatedGateway plugin() {
        return plugin;
    }

    /** The gateway with this URI name; an {@link IllegalArgumentException} lists the registered names otherwise. */
    public static Gateway of(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("unknown gateway '" + id + "'; known: " + String.join(", ", ids())));
    }

    static Optional<Gateway> find(String id) {
        return Optional.ofNullable(id == null ? null : registered().get(id));
    }

    /** The registered URI names, in registration order. */
    public static List<String> ids() {
        return List.copyOf(registered().keySet());
    }

    /** The registered gateways, in registration order. */
    public static List<Gateway> all() {
        return List.copyOf(registered().values());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Gateway g && id.equals(g.id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return id;
    }

    private static Map<String, Gateway> registered() {
        Map<String, Gateway> gateways = Registered.BY_ID;
        if (gateways == null) {
            // only while the plug-ins are being instantiated, by one of them (same thread, class still initializing)
            throw new IllegalStateException("a SimulatedGateway used Gateway while the gateways were being loaded; "
                                            + "plug-in constructors must not use Gateway");
        }
        return gateways;
    }

    /** The plug-ins, loaded once, on first use (holder idiom: thread safe without locks). */
    private static final class Registered {

        static final Map<String, Gateway> BY_ID = load();

        private static Map<String, Gateway> load() {
            Map<String, Gateway> byId = new LinkedHashMap<>();
            // the simulator's own class loader: the result must not depend on which thread happens to use Gateway first
            for (SimulatedGateway plugin : ServiceLoader.load(SimulatedGateway.class, SimulatedGateway.class.getClassLoader())) {
                Gateway g = new Gateway(plugin);
                check(g, byId);
                byId.put(g.id, g);
            }
            if (byId.isEmpty()) {
                throw new IllegalStateException("no simulated gateway is registered in " + SERVICES);
            }
            return Collections.unmodifiableMap(byId);
        }

        private static void check(Gateway g, Map<String, Gateway> before) {
            String who = g.plugin.getClass().getName() + " (" + SERVICES + ")";
            if (g.id == null || !g.id.matches("[a-z0-9][a-z0-9-]*")) {
                throw new IllegalStateException(who + ": the id must be lower case letters, digits and '-', was '" + g.id + "'");
            }
            if (before.containsKey(g.id)) {
                throw new IllegalStateException(who + ": the id '" + g.id + "' is taken by " + before.get(g.id).plugin.getClass().getName());
            }
            String root = "/" + g.id;
            boolean below = g.basePath != null && (g.basePath.equals(root) || g.basePath.startsWith(root + "/") && !g.basePath.endsWith("/"));
            if (!below || g.basePath.contains("//")) {
                throw new IllegalStateException(who + ": the base path must be '" + root + "' or below it, without a trailing '/', was '"
                                                + g.basePath + "'");
            }
        }
    }
}
