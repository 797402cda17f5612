package io.whatsdev.camel.provider;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.whatsdev.camel.WhatsDevOperation;

/** The gateways found on the class path, by name. */
public final class GatewayProviders {

    private static final Map<String, GatewayProvider> PROVIDERS;

    static {
        Map<String, GatewayProvider> found = new TreeMap<>();
        for (GatewayProvider p : ServiceLoader.load(GatewayProvider.class, GatewayProvider.class.getClassLoader())) {
            found.put(p.name(), p);
        }
        PROVIDERS = Collections.unmodifiableMap(found);
    }

    private GatewayProviders() {
    }

    /** All gateways, sorted by name. */
    public static Map<String, GatewayProvider> all() {
        return PROVIDERS;
    }

    /** The gateway of that name, or an error listing the known ones. */
    public static GatewayProvider lookup(String name) {
        GatewayProvider p = name == null ? null : PROVIDERS.get(name.toLowerCase(java.util.Locale.ROOT));
        if (p == null) {
            throw new IllegalArgumentException(
                    "Unknown provider '" + Inputs.printable(name) + "'; known providers: " + String.join(", ", PROVIDERS.keySet()));
        }
        return p;
    }

    /** The names of the gateways that support the operation. */
    public static List<String> supporting(WhatsDevOperation operation) {
        return PROVIDERS.values().stream().filter(p -> p.operations().containsKey(operation)).map(GatewayProvider::name)
                .collect(Collectors.toList());
    }

    /** The error message for an operation a gateway cannot do. */
    public static String unsupportedMessage(GatewayProvider provider, WhatsDevOperation operation) {
        List<String> able = supporting(operation);
        return "Operation '" + operation + "' is not supported by provider " + provider.name() + "; "
               + (able.isEmpty() ? "no provider supports it" : "providers that support it: " + String.join(", ", able))
               + ". " + provider.name() + " supports: " + provider.operations().keySet();
    }
}
