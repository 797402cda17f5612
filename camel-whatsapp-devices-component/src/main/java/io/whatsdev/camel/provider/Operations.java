package io.whatsdev.camel.provider;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

import io.whatsdev.camel.WhatsDevOperation;
import io.whatsdev.camel.exception.WhatsDevException;

/**
 * What a gateway can do, said once: each supported operation with its support level and its handler (a method of the
 * gateway's client) and the wire call behind it, in a few words of AsciiDoc. The gateway's
 * {@link GatewayProvider#operations()} and the docs' operation matrix are read from it,
 * and the client's {@link GatewayClient#execute(OperationRequest)} dispatches through it, so the two cannot disagree.
 *
 * <pre>
 * static final Operations&lt;Client&gt; OPERATIONS = Operations.of(Client.class)
 *         .nativeCall(WhatsDevOperation.list, "`GET /devices`", (c, r) -&gt; c.listDevices())
 *         .composed(WhatsDevOperation.status, "from the device list", (c, r) -&gt; c.findInList(r.deviceId(), WhatsDevOperation.status))
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

    private record Entry<C>(Support support, String wire, Handler<C> handler) {
    }

    private final Class<C> type;
    private final Map<WhatsDevOperation, Entry<C>> entries;
    private final Map<WhatsDevOperation, Support> support;
    private final Map<WhatsDevOperation, String> wire;

    private Operations(Class<C> type, Map<WhatsDevOperation, Entry<C>> entries) {
        this.type = type;
        this.entries = Collections.unmodifiableMap(new EnumMap<>(entries));
        Map<WhatsDevOperation, Support> s = new EnumMap<>(WhatsDevOperation.class);
        Map<WhatsDevOperation, String> w = new EnumMap<>(WhatsDevOperation.class);
        entries.forEach((op, e) -> {
            s.put(op, e.support());
            w.put(op, e.wire());
        });
        this.support = Collections.unmodifiableMap(s);
        this.wire = Collections.unmodifiableMap(w);
    }

    public static <C extends GatewayClient> Builder<C> of(Class<C> clientType) {
        return new Builder<>(clientType);
    }

    /** The supported operations and how; an operation not in the map is not supported. */
    public Map<WhatsDevOperation, Support> support() {
        return support;
    }

    /** The wire call behind each supported operation, for the docs' operation matrix (AsciiDoc). */
    public Map<WhatsDevOperation, String> wire() {
        return wire;
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

        /** An operation that is one documented call of the gateway; {@code wire} names it (AsciiDoc), e.g. {@code `GET /devices`}. */
        public Builder<C> nativeCall(WhatsDevOperation operation, String wire, Handler<C> handler) {
            return add(operation, Support.NATIVE, wire, handler);
        }

        /** An operation built from documented calls; {@code wire} says how, e.g. {@code from the device list}. */
        public Builder<C> composed(WhatsDevOperation operation, String wire, Handler<C> handler) {
            return add(operation, Support.COMPOSED, wire, handler);
        }

        private Builder<C> add(WhatsDevOperation operation, Support support, String wire, Handler<C> handler) {
            if (wire == null || wire.isBlank()) {
                throw new IllegalArgumentException("operation " + operation + ": say the wire call behind it, for the docs");
            }
            if (entries.put(operation, new Entry<>(support, wire, handler)) != null) {
                throw new IllegalStateException("operation " + operation + " is given twice");
            }
            return this;
        }

        public Operations<C> build() {
            return new Operations<>(type, entries);
        }
    }
}
