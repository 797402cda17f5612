package io.whatsdev.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import io.whatsdev.camel.WhatsDevEndpoint;
import io.whatsdev.camel.model.Device;
import io.whatsdev.camel.model.DeviceStatus;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Producer;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.dataformat.JsonLibrary;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One {@code status} call of one whatspie device ({@code GET /devices/{id}} with its Bearer token), four ways, against
 * the same {@link LoopbackGateway}, time and bytes allocated ({@link CallerAllocation}):
 * <ul>
 * <li>{@link #raw}: Apache HttpClient 5 (classic) GET and Jackson's {@code readTree}, nothing more: the floor.</li>
 * <li>{@link #whatsdev}: the {@code whatsdev:whatspie/devices?operation=status} endpoint's producer, called directly
 * with a new exchange from the endpoint, as a route's {@code to(...)} step calls it: what whatsdev itself costs over the
 * floor (checking inputs, the call's deadline and size limit, decoding failures, reading the {@link Device}, setting
 * headers), without the cost of routing, which is the same for every component.</li>
 * <li>{@link #whatsdevRoute}: the same call as a route, {@code from("direct:...").to("whatsdev:...")}, called through
 * the direct endpoint's producer with a new exchange: what an application pays.</li>
 * <li>{@link #camelHttpRoute}: the same call hand-written with camel-http, as a route, called the same way:
 * {@code from("direct:...").setHeader("Authorization", ...).to("http://...").unmarshal().json(JsonNode.class)}.</li>
 * </ul>
 * No ProducerTemplate: it adds its own cost (an endpoint lookup, a producer cache) that is not whatsdev's. Every call is
 * checked (the device's id and status), so a failed call fails the run instead of being measured.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(2)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
public class CallBenchmark {

    static final long DEVICE = WhatspieBodies.FIRST_ID;

    /** The gateway, the raw client, and a Camel context with the whatsdev endpoint and both routes. */
    @State(Scope.Benchmark)
    public static class Calls {
        private LoopbackGateway gateway;
        private LoopbackClient client;
        private CamelContext camel;
        private URI deviceUri;
        private Endpoint whatsdevEndpoint;
        private Producer whatsdev;
        private Endpoint whatsdevRouteEndpoint;
        private Producer whatsdevRoute;
        private Endpoint camelHttpEndpoint;
        private Producer camelHttp;

        @Setup(Level.Trial)
        public void start() throws Exception {
            byte[] body = WhatspieBodies.one(DEVICE, true);
            gateway = LoopbackGateway.start(0, 0)
                    .answer("/devices/" + DEVICE, "Authorization", WhatspieBodies.AUTHORIZATION, () -> body);
            client = new LoopbackClient();
            deviceUri = gateway.uri("/devices/" + DEVICE);
            String whatsdevUri = "whatsdev:whatspie/devices?operation=status&deviceId=" + DEVICE + "&token="
                                 + WhatspieBodies.TOKEN + "&baseUrl=" + gateway.baseUrl();
            camel = new DefaultCamelContext();
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:whatsdev").to(whatsdevUri);
                    from("direct:camelHttp")
                            .setHeader("Authorization", constant(WhatspieBodies.AUTHORIZATION))
                            .to(deviceUri.toString())
                            .unmarshal().json(JsonLibrary.Jackson, JsonNode.class);
                }
            });
            camel.start();
            whatsdevEndpoint = camel.getEndpoint(whatsdevUri, WhatsDevEndpoint.class);
            whatsdev = started(whatsdevEndpoint.createProducer());
            whatsdevRouteEndpoint = camel.getEndpoint("direct:whatsdev");
            whatsdevRoute = started(whatsdevRouteEndpoint.createProducer());
            camelHttpEndpoint = camel.getEndpoint("direct:camelHttp");
            camelHttp = started(camelHttpEndpoint.createProducer());
        }

        private Producer started(Producer producer) throws Exception {
            camel.addService(producer, true, true);
            return producer;
        }

        @TearDown(Level.Trial)
        public void stop() throws Exception {
            camel.close();
            client.close();
            gateway.close();
        }
    }

    @Benchmark
    public JsonNode raw(Calls calls, CallerAllocation allocation) throws IOException {
        JsonNode answer = calls.client.getJson(calls.deviceUri, "Authorization", WhatspieBodies.AUTHORIZATION);
        allocation.count();
        return checked(answer);
    }

    @Benchmark
    public Device whatsdev(Calls calls, CallerAllocation allocation) throws Exception {
        return call(calls.whatsdevEndpoint, calls.whatsdev, allocation);
    }

    @Benchmark
    public Device whatsdevRoute(Calls calls, CallerAllocation allocation) throws Exception {
        return call(calls.whatsdevRouteEndpoint, calls.whatsdevRoute, allocation);
    }

    /** One call through the producer with a new exchange of the endpoint; the device it read. */
    private static Device call(Endpoint endpoint, Producer producer, CallerAllocation allocation) throws Exception {
        Exchange exchange = endpoint.createExchange();
        producer.process(exchange);
        allocation.count();
        return checked(exchange);
    }

    @Benchmark
    public JsonNode camelHttpRoute(Calls calls, CallerAllocation allocation) throws Exception {
        Exchange exchange = calls.camelHttpEndpoint.createExchange();
        calls.camelHttp.process(exchange);
        allocation.count();
        if (exchange.getException() != null) {
            throw exchange.getException();
        }
        return checked(exchange.getMessage().getBody(JsonNode.class));
    }

    /** The device a status call read; fails unless the exchange holds the benchmark's device, CONNECTED. */
    static Device checked(Exchange exchange) throws Exception {
        if (exchange.getException() != null) {
            throw exchange.getException();
        }
        Device d = exchange.getMessage().getBody(Device.class);
        if (d == null || !String.valueOf(DEVICE).equals(d.getId()) || d.getStatus() != DeviceStatus.CONNECTED) {
            throw new IllegalStateException("the status call did not read device " + DEVICE + " CONNECTED: " + d);
        }
        return d;
    }

    private static JsonNode checked(JsonNode answer) {
        JsonNode data = answer == null ? null : answer.get("data");
        if (data == null || data.path("id").asLong() != DEVICE || !"PAIRED".equals(data.path("paired_status").asText())) {
            throw new IllegalStateException("the call did not read device " + DEVICE + " PAIRED: " + answer);
        }
        return answer;
    }
}
