package io.whatsdev.camel.provider;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.whatsdev.camel.WhatsDevOperation;

/**
 * The gateways, by name: those found with {@link ServiceLoader} on the component's own class loader (the built-in ones,
 * and on a flat class path any jar's {@code META-INF/services/io.whatsdev.camel.provider.GatewayProvider}), and those
 * {@link #register(GatewayProvider) registered} at run time. In OSGi the component's bundle registers every
 * {@code GatewayProvider} service that other bundles publish (see {@code io.whatsdev.camel.osgi}), because there
 * {@link ServiceLoader} only sees the component's own bundle.
 * <p>
 * Endpoints look their gateway up once, when they are created: unregistering a gateway refuses new endpoints for it and
 * leaves existing ones as they are.
 */
public final class GatewayProviders {

    /** What a gateway's name must look like: it is the first segment of a URI path, and lookups lower-case it. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");

    private static final Map<String, GatewayProvider> FOUND;
    private static final Map<String, GatewayProvider> REGISTERED = new TreeMap<>();

    /** Found and registered together, sorted by name; replaced whole on every change, so readers need no lock. */
    private static volatile Map<String, GatewayProvider> providers;

    static {
        Map<String, GatewayProvider> found = new TreeMap<>();
        for (GatewayProvider p : ServiceLoader.load(GatewayProvider.class, GatewayProvider.class.getClassLoader())) {
            found.put(p.name(), p);
        }
        FOUND = Collections.unmodifiableMap(found);
        providers = FOUND;
    }

    private GatewayProviders() {
    }

    /** All gateways, sorted by name: an unmodifiable snapshot. */
    public static Map<String, GatewayProvider> all() {
        return providers;
    }

    /**
     * Adds a gateway at run time, for {@code whatsdev:<name>/devices} endpoints created from now on.
     *
     * @throws IllegalArgumentException if its name is not a lower-case URI segment ({@code [a-z0-9][a-z0-9._-]*})
     * @throws IllegalStateException    if a gateway of that name is already there
     */
    public static synchronized void register(GatewayProvider provider) {
        String name = provider.name();
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Gateway name '" + Inputs.printable(name) + "' of " + provider.getClass().getName()
                                               + " is not allowed; a name is lower case: " + NAME.pattern());
        }
        GatewayProvider present = providers.get(name);
        if (present != null) {
            throw new IllegalStateException("A gateway named '" + name + "' is already there (" + present.getClass().getName()
                                            + "); " + provider.getClass().getName() + " is not added");
        }
        REGISTERED.put(name, provider);
        publish();
    }

    /**
     * Removes a gateway that {@link #register(GatewayProvider)} added; gateways found by {@link ServiceLoader} stay.
     *
     * @return whether that very instance was registered (and is now removed)
     */
    public static synchronized boolean unregister(GatewayProvider provider) {
        String name = provider.name();
        if (name == null || !REGISTERED.remove(name, provider)) {
            return false;
        }
        publish();
        return true;
    }

    private static void publish() {
        Map<String, GatewayProvider> all = new TreeMap<>(FOUND);
        all.putAll(REGISTERED);
        providers = Collections.unmodifiableMap(all);
    }

    /** The gateway of that name, or an error listing the known ones. */
    public static GatewayProvider lookup(String name) {
        Map<String, GatewayProvider> now = providers;
        GatewayProvider p = name == null ? null : now.get(name.toLowerCase(Locale.ROOT));
        if (p == null) {
            throw new IllegalArgumentException(
                    "Unknown provider '" + Inputs.printable(name) + "'; known providers: " + String.join(", ", now.keySet()));
        }
        return p;
    }

    /** The names of the gateways that support the operation. */
    public static List<String> supporting(WhatsDevOperation operation) {
        return providers.values().stream().filter(p -> p.operations().containsKey(operation)).map(GatewayProvider::name)
                .collect(Collectors.toList());
    }

    /** The error message for an operation a gateway cannot do. */
    public static String unsupportedMessage(GatewayProvider provider, WhatsDevOperation operation) {
        List<String> able = supporting(operation);
        return "Operation '" + operation + "' is not supported by provider " + provider.name() + "; "
               + (able.isEmpty() ? "no provider supports it" : "providers that support it: " + String.join(", ", able))
               + ". " + provider.name() + " supports: " + provider.operations().keySet();
    }

    /** Why a gateway refuses an option that only other gateways take, naming them and what the option is. */
    public static String foreignOptionMessage(GatewayProvider gateway, String option) {
        List<String> owners = new java.util.ArrayList<>();
        String what = null;
        for (GatewayProvider p : all().values()) {
            String d = p.gatewayOptions().get(option);
            if (d != null) {
                owners.add(p.name());
                what = what == null ? d : what;
            }
        }
        return option + " is " + (owners.isEmpty() ? "not an option of any gateway" : "a " + String.join(" and ", owners) + " option ("
                                                                                      + what + ")")
               + "; " + gateway.name() + " does not take it";
    }
}
