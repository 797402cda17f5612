package io.whatsdev.simulator;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The five simulated gateways, with their URI names and the base path of their API on the simulator. */
public enum Gateway {
    WHATSGATE_NET("whatsgate-net", "/whatsgate-net/api"),
    WHATSPIE("whatspie", "/whatspie"),
    WASSLY("wassly", "/wassly/api"),
    WHATSGATE_ORG("whatsgate-org", "/whatsgate-org/api/v1"),
    WITIME("witime", "/witime");

    private final String id;
    private final String basePath;

    Gateway(String id, String basePath) {
        this.id = id;
        this.basePath = basePath;
    }

    /** The gateway's URI name, e.g. {@code whatspie}; also the first path segment of everything the simulator serves for it. */
    public String id() {
        return id;
    }

    /** The path of the gateway's API on the simulator, e.g. {@code /whatsgate-org/api/v1}. */
    public String basePath() {
        return basePath;
    }

    /** The gateway with this URI name; an {@link IllegalArgumentException} lists the five names otherwise. */
    public static Gateway of(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("unknown gateway '" + id + "'; known: " + String.join(", ", ids())));
    }

    static Optional<Gateway> find(String id) {
        return Arrays.stream(values()).filter(g -> g.id.equals(id)).findFirst();
    }

    /** The five URI names, in declaration order. */
    public static List<String> ids() {
        return Arrays.stream(values()).map(Gateway::id).toList();
    }
}
