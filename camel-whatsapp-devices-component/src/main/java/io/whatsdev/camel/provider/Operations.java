package io.whatsdev.camel.provider;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

import io.whatsdev.camel.WhatsDevOperation;
import io.whatsdev.camel.exception.WhatsDevException;

/**
 * What a gateway can do, said once: each supported operation with its support level and its handler (a method of the
 * gateway's client). The gateway's {@link GatewayProvider#operations()} and the docs' operation matrix are read from it,
 * and the client's {@link GatewayClient#execute(OperationRequest)} dispatches through it, so the two cannot disagree.
 *
 * <pre>
 * static final Operations&lt;Client&gt; OPERATIONS = Operations.of(Client.class)
 *         .nativeCall(WhatsDevOperation.list, (c, r) -&gt; c.list())
 *         .composed(WhatsDevOperation.status, (c, r) -&gt; c.findInList(r.deviceId(), WhatsDevOperation.status))
 *         .build();
 * </pre>
 *
 * @param <C> the gateway's client type
 */
public final class Operations<C extends GatewayClient> {

    /** Performs one operation with a gateway's client; returns the operation's body type. */
    @FunctionalInterface
    public interface Handler<C> {
        Object handle(C client, OperationRequest request) throws WhatsDevException;
    }

    private record Entry<C>(Support support, Handler<C> handler) {
    }

    private final Class<C> type;
    private final Map<WhatsDevOperation, Entry<C>> entries;
    private final Map<WhatsDevOperation, Support> support;

    private Operations(Class<C> type, Map<WhatsDevOperation, Entry<C>> entries) {
        this.type = type;
        this.entries = Collections.unmodifiableMap(new EnumMap<>(entries));
        Map<WhatsDevOperation, Support> s = new EnumMap<>(WhatsDevOperation.class);
        entries.forEach((op, e) -> s.put(op, e.support()));
        this.support = Collections.unmodifiableMap(s);
    }

    public static <C extends GatewayClient> Builder<C> of(Class<C> clientType) {
        return new Builder<>(clientType);
    }

    /** The supported operations and how; an operation not in the map is not supported. */
    public Map<WhatsDevOperation, Support> support() {
        return support;
    }

    /**
     * Performs the request's operation with this client.
     *
     * @throws IllegalArgumentException if the operation is not in the table (the endpoint refuses those earlier)
     */
    Object execute(GatewayClient client, OperationRequest request) throws WhatsDevException {
        Entry<C> e = entries.get(request.operation());
        if (e == null) {
            throw new IllegalArgumentException("operation " + request.operation() + " is not in the table of " + client.providerName());
        }
        return e.handler().handle(type.cast(client), request);
    }

    /** Builds a table; an operation can be given once only. */
    public static final class Builder<C extends GatewayClient> {
        private final Class<C> type;
        private final Map<WhatsDevOperation, Entry<C>> entries = new EnumMap<>(WhatsDevOperation.class);

        private Builder(Class<C> type) {
            this.type = type;
        }

        /** An operation that is one documented call of the gateway. */
        public Builder<C> nativeCall(WhatsDevOperation operation, Handler<C> handler) {
            return add(operation, Support.NATIVE, handler);
        }

        /** An operation built from documented calls (the gateway's docs page says how). */
        public Builder<C> composed(WhatsDevOperation operation, Handler<C> handler) {
            return add(operation, Support.COMPOSED, handler);
        }

        private Builder<C> add(WhatsDevOperation operation, Support support, Handler<C> handler) {
            if (entries.put(operation, new Entry<>(support, handler)) != null) {
                throw new IllegalStateException("operation " + operation + " is given twice");
            }
            return this;
        }

        public Operations<C> build() {
            return new Operations<>(type, entries);
        }
    }
}
