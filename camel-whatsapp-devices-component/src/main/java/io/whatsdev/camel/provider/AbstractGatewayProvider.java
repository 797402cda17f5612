package io.whatsdev.camel.provider;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import io.whatsdev.camel.WhatsDevConfiguration;
import io.whatsdev.camel.WhatsDevOperation;
import io.whatsdev.camel.exception.WhatsDevException;
import io.whatsdev.camel.model.DeviceStatus;

/**
 * The descriptor part that every gateway has: its name, base URL, operation table, status table and client constructor.
 * A gateway's class passes its constants here and adds its checks and its {@link GatewayClient}.
 */
public abstract class AbstractGatewayProvider implements GatewayProvider {

    /** The constructor of a gateway's client. */
    @FunctionalInterface
    protected interface ClientFactory {
        GatewayClient create(GatewayProvider provider, String baseUrl, Transport transport, WhatsDevConfiguration configuration);
    }

    private final String name;
    private final String defaultBaseUrl;
    private final Operations<?> operations;
    private final Map<String, DeviceStatus> statuses;
    private final ClientFactory clients;

    protected AbstractGatewayProvider(String name, String defaultBaseUrl, Operations<?> operations,
                                      Map<String, DeviceStatus> statuses, ClientFactory clients) {
        this.name = name;
        this.defaultBaseUrl = defaultBaseUrl;
        this.operations = operations;
        this.statuses = Collections.unmodifiableMap(new LinkedHashMap<>(statuses));
        this.clients = clients;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String defaultBaseUrl() {
        return defaultBaseUrl;
    }

    @Override
    public final Map<WhatsDevOperation, Support> operations() {
        return operations.support();
    }

    @Override
    public final Map<WhatsDevOperation, String> wireCalls() {
        return operations.wire();
    }

    @Override
    public final Object execute(GatewayClient client, OperationRequest request) throws WhatsDevException {
        return operations.execute(client, request);
    }

    @Override
    public final Map<String, DeviceStatus> statusMapping() {
        return statuses;
    }

    @Override
    public final GatewayClient newClient(WhatsDevConfiguration configuration, Transport transport) {
        return clients.create(this, resolveBaseUrl(configuration), transport, configuration);
    }

    @Override
    public String toString() {
        return "GatewayProvider[" + name + "]";
    }
}
