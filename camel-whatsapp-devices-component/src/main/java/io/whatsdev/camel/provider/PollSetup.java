package io.whatsdev.camel.provider;

import java.util.Map;

import io.whatsdev.camel.WhatsDevConfiguration;

/**
 * What a gateway needs to make the consumer's {@link PollTarget}s: the endpoint's configuration, the values of the
 * gateway-only options it was given (see {@link GatewayProvider#gatewayOptions()}), the endpoint's client and the
 * shared transport (to make further clients).
 */
public record PollSetup(WhatsDevConfiguration configuration, Map<String, String> gatewayOptions, GatewayClient client,
                        Transport transport) {
}
