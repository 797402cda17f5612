package io.whatsdev.karaf.example;

import java.util.Map;

import io.whatsdev.camel.WhatsDevConfiguration;
import io.whatsdev.camel.WhatsDevOperation;
import io.whatsdev.camel.model.DeviceStatus;
import io.whatsdev.camel.provider.GatewayClient;
import io.whatsdev.camel.provider.GatewayProvider;
import io.whatsdev.camel.provider.Support;
import io.whatsdev.camel.provider.Transport;

/**
 * A third-party gateway as another bundle would ship it. Its base URL names the bundle that registered it, so that a
 * test can tell two gateways of one name apart.
 */
public final class ExampleGateway implements GatewayProvider {

    private final String name;
    private final String bundle;

    public ExampleGateway(String name, String bundle) {
        this.name = name;
        this.bundle = bundle;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String defaultBaseUrl() {
        return "https://" + bundle + ".invalid";
    }

    @Override
    public Map<WhatsDevOperation, Support> operations() {
        return Map.of(WhatsDevOperation.list, Support.NATIVE);
    }

    @Override
    public Map<String, DeviceStatus> statusMapping() {
        return Map.of("online", DeviceStatus.CONNECTED);
    }

    @Override
    public void validate(WhatsDevConfiguration configuration) {
        // nothing to check: this gateway is never called
    }

    @Override
    public GatewayClient newClient(WhatsDevConfiguration configuration, Transport transport) {
        throw new UnsupportedOperationException("an example gateway for the OSGi test; it has no client");
    }
}
