package io.whatsdev.camel.provider;

import java.util.Map;

import io.whatsdev.camel.WhatsDevConfiguration;
import io.whatsdev.camel.WhatsDevOperation;
import io.whatsdev.camel.model.DeviceStatus;

/**
 * One WhatsApp gateway: its name, base URL, what it can do, how its credentials and ids are checked, how its status
 * words map, and (in its {@link GatewayClient}) its paths, auth and envelopes. All wire knowledge of a gateway lives in
 * its provider class.
 * <p>
 * Providers are discovered with {@link java.util.ServiceLoader} ({@code META-INF/services/io.whatsdev.camel.provider.GatewayProvider}),
 * registered at run time with {@link GatewayProviders#register(GatewayProvider)}, or, in OSGi, published as services
 * (see {@code io.whatsdev.camel.osgi}).
 */
public interface GatewayProvider {

    /** The name used in URIs, e.g. {@code whatspie}. */
    String name();

    /** The documented base URL; may contain {@code {subdomain}}. */
    String defaultBaseUrl();

    /** Which operations the gateway supports, and how. Operations not in the map are not supported. */
    Map<WhatsDevOperation, Support> operations();

    /** Every documented status word or code, mapped to its normalized status (for the docs and for tests). */
    Map<String, DeviceStatus> statusMapping();

    /** Whether the operation needs a device id on this gateway. */
    default boolean requiresDeviceId(WhatsDevOperation operation) {
        return operation.targetsDevice();
    }

    /** Checks a device id (from a URI option or a header); returns it as it goes on the wire. */
    default String checkDeviceId(String deviceId, String option) {
        return Inputs.deviceId(deviceId, option);
    }

    /**
     * Checks the endpoint's configuration (credentials, gateway-specific options) when the endpoint is created.
     *
     * @throws IllegalArgumentException naming the option and what is allowed
     */
    void validate(WhatsDevConfiguration configuration);

    /** The base URL to call: the {@code baseUrl} option or the documented one, resolved. */
    default String resolveBaseUrl(WhatsDevConfiguration configuration) {
        return configuration.getBaseUrl() != null ? configuration.getBaseUrl() : defaultBaseUrl();
    }

    /** A client for one endpoint. */
    GatewayClient newClient(WhatsDevConfiguration configuration, Transport transport);
}
