package io.whatsdev.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import io.whatsdev.camel.ConsumerPoll;
import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * A whatsdev polling consumer of whatspie's {@code GET /devices}, in a route that only counts the exchanges it receives,
 * against a {@link LoopbackGateway} serving a list of {@code devices} devices rendered in advance; and the floor: the
 * same GET read by {@link LoopbackClient#getJson}.
 * <p>
 * The consumer's scheduler is not started ({@code startScheduler=false}): {@link #poll} polls once, on the caller's
 * thread, so a benchmark's invocation is exactly one poll. The route is started and its first poll made before this
 * returns: the statuses are recorded (no {@code emitInitialState}), so the next poll of the same list changes nothing.
 */
final class WhatspiePolling implements AutoCloseable {

    /** The answer of {@code GET /devices} is large (about 390 bytes a device): whatsdev's limit, raised to fit. */
    static final long MAX_RESPONSE_SIZE = 256L * 1024 * 1024;

    private final int devices;
    private final LoopbackGateway gateway;
    private final LoopbackClient client;
    private final CamelContext camel;
    private final Consumer consumer;
    private final AtomicLong routed = new AtomicLong();

    private WhatspiePolling(int devices, Supplier<byte[]> list) throws Exception {
        this.devices = devices;
        gateway = LoopbackGateway.start(0, 0).answer("/devices", "Authorization", WhatspieBodies.AUTHORIZATION, list);
        client = new LoopbackClient();
        camel = new DefaultCamelContext();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(endpointUri(gateway)).routeId("poll").process(e -> routed.incrementAndGet());
            }
        });
        camel.start();
        consumer = camel.getRoute("poll").getConsumer();
        poll();
    }

    /** Every poll reads the same list: every device PAIRED (CONNECTED). */
    static WhatspiePolling unchanged(int devices) throws Exception {
        byte[] list = WhatspieBodies.list(devices, true);
        return new WhatspiePolling(devices, () -> list);
    }

    /**
     * Every poll reads the other list: all devices PAIRED (CONNECTED), then all UNPAIRED (DISCONNECTED), and so on; so
     * after the first poll, every poll changes every device. Only the consumer may call the gateway.
     */
    static WhatspiePolling alternating(int devices) throws Exception {
        byte[][] lists = {WhatspieBodies.list(devices, true), WhatspieBodies.list(devices, false)};
        AtomicLong requests = new AtomicLong();
        return new WhatspiePolling(devices, () -> lists[(int) (requests.getAndIncrement() % 2)]);
    }

    /** The polling endpoint of a gateway: its scheduler not started, a response size limit that fits the list. */
    static String endpointUri(LoopbackGateway gateway) {
        return "whatsdev:whatspie/devices?token=" + WhatspieBodies.TOKEN + "&baseUrl=" + gateway.baseUrl()
               + "&startScheduler=false&maxResponseSize=" + MAX_RESPONSE_SIZE;
    }

    int devices() {
        return devices;
    }

    /** One poll of the consumer; the exchanges it emitted (each routed before this returns). */
    int poll() throws Exception {
        return ConsumerPoll.once(consumer);
    }

    /** Exchanges the route received so far. */
    long routed() {
        return routed.get();
    }

    /** The floor: the same GET, read into a Jackson tree; fails unless it holds every device. */
    JsonNode floor() throws IOException {
        URI uri = gateway.uri("/devices");
        JsonNode answer = client.getJson(uri, "Authorization", WhatspieBodies.AUTHORIZATION);
        if (answer.path("data").size() != devices) {
            throw new IllegalStateException("GET /devices read " + answer.path("data").size() + " devices, not " + devices);
        }
        return answer;
    }

    @Override
    public void close() throws Exception {
        camel.close();
        client.close();
        gateway.close();
    }
}
