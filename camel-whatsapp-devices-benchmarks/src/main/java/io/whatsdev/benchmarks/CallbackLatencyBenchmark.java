package io.whatsdev.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import io.whatsdev.camel.WhatsDevConstants;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.openjdk.jmh.annotations.AuxCounters;
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
import org.openjdk.jmh.infra.ThreadParams;

/**
 * Callback-to-route latency: how long a gateway waits for its webhook call to be answered when
 * {@code whatsdev:waha/events} receives it, against a plain platform-http route on the same server.
 * <ul>
 * <li>{@link #events}: a signed WAHA {@code session.status} callback, POSTed over loopback to the events consumer, which
 * verifies its HMAC, decodes it, routes a {@code StatusChange} to a route that only counts it, and only then answers
 * 200. So the round trip is the callback-to-route latency plus the answer.</li>
 * <li>{@link #baseline}: the same bytes and headers POSTed to {@code platform-http:/baseline}, a route that reads the
 * body and answers 200: what the HTTP server, Camel's platform-http and the client cost by themselves.</li>
 * </ul>
 * Both go through one {@link LoopbackClient} (keep-alive) to one {@link LoopbackCamel}. The next callback is built and
 * signed before each invocation ({@link Level#Invocation}), outside the measured time. A benchmark that measured
 * refusals or dropped duplicates would be a lie, so an answer other than 200 fails the run, and at the end of every
 * iteration {@link Delivered} checks that the route received each callback answered 200 (its counts are in JMH's
 * results as {@code events:answered} and {@code events:routed}).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(2)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class CallbackLatencyBenchmark {

    /** The WAHA webhook's {@code hmac.key}, the endpoint's {@code webhookSecret}. */
    static final String SECRET = "bench-hmac-key";

    /** The Camel Main with both routes, the client, and how many status changes the events route received per session. */
    @State(Scope.Benchmark)
    public static class Server {
        private final Map<String, LongAdder> routed = new ConcurrentHashMap<>();
        private LoopbackCamel camel;
        private LoopbackClient client;
        private URI events;
        private URI baseline;

        @Setup(Level.Trial)
        public void start() throws Exception {
            camel = LoopbackCamel.start(new RouteBuilder() {
                @Override
                public void configure() {
                    // baseUrl and apiKey are required of a WAHA endpoint; the events consumer never calls the gateway
                    from("whatsdev:waha/events?webhookSecret=RAW(" + SECRET + ")&baseUrl=http://127.0.0.1:3000&apiKey=unused")
                            .routeId("events")
                            .process(e -> count(e.getMessage().getHeader(WhatsDevConstants.DEVICE_ID, String.class)));
                    from("platform-http:/baseline?httpMethodRestrict=POST")
                            .routeId("baseline")
                            .process(Server::receiveOnly);
                }
            });
            client = new LoopbackClient();
            events = camel.uri("/whatsdev/waha");
            baseline = camel.uri("/baseline");
        }

        @TearDown(Level.Trial)
        public void stop() throws Exception {
            client.close();
            camel.close();
        }

        private void count(String session) {
            routed.computeIfAbsent(session, s -> new LongAdder()).increment();
        }

        /** The baseline route: the body read, an empty 200, as the events consumer answers WAHA. */
        private static void receiveOnly(Exchange exchange) {
            Message m = exchange.getMessage();
            m.getBody(byte[].class);
            m.getHeaders().clear();
            m.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
            m.setBody(null);
        }

        LoopbackClient client() {
            return client;
        }

        /** How many status changes about this session the events route received so far. */
        long routed(String session) {
            LongAdder n = routed.get(session);
            return n == null ? 0 : n.sum();
        }

        /** POSTs a callback to the events consumer; fails unless it was answered 200. */
        int postEvent(WahaStatusCallbacks.Delivery d) throws IOException {
            return ok("events", client.post(events, d.body(), d.headers()));
        }

        /** POSTs the same bytes to the baseline route; fails unless it was answered 200. */
        int postBaseline(WahaStatusCallbacks.Delivery d) throws IOException {
            return ok("baseline", client.post(baseline, d.body(), d.headers()));
        }

        private static int ok(String route, int status) {
            if (status != 200) {
                throw new IllegalStateException("the " + route + " route answered " + status + ", not 200: the benchmark "
                                                + "would measure something else than it says");
            }
            return status;
        }
    }

    /** The next callback of this thread's session, built and signed before each invocation, outside the measured time. */
    @State(Scope.Thread)
    public static class NextCallback {
        private WahaStatusCallbacks callbacks;
        private WahaStatusCallbacks.Delivery next;

        @Setup(Level.Trial)
        public void session(ThreadParams thread) {
            open(thread.getThreadIndex());
        }

        /** Callbacks about a session of this thread's own. */
        void open(int threadIndex) {
            callbacks = new WahaStatusCallbacks("bench-" + threadIndex, SECRET);
        }

        @Setup(Level.Invocation)
        public void sign() {
            next = callbacks.next();
        }

        String session() {
            return callbacks.session();
        }

        WahaStatusCallbacks.Delivery delivery() {
            return next;
        }
    }

    /**
     * This thread's callbacks in an iteration: {@code answered} 200 by the events consumer, and {@code routed}, received
     * by the route. They must be equal: checked when the iteration ends, which fails the run otherwise.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Delivered {
        public long answered;
        public long routed;
        private Server server;
        private String session;
        private long routedBefore;

        @Setup(Level.Iteration)
        public void before(Server server, NextCallback callbacks) {
            this.server = server;
            this.session = callbacks.session();
            routedBefore = server.routed(session);
        }

        @TearDown(Level.Iteration)
        public void check() {
            routed = server.routed(session) - routedBefore;
            if (routed != answered) {
                throw new IllegalStateException("the events route received " + routed + " of the " + answered
                                                + " callbacks answered 200 in this iteration (session " + session + ")");
            }
        }
    }

    @Benchmark
    public int events(Server server, NextCallback callback, Delivered delivered) throws IOException {
        int status = server.postEvent(callback.next);
        delivered.answered++;
        return status;
    }

    @Benchmark
    public int baseline(Server server, NextCallback callback) throws IOException {
        return server.postBaseline(callback.next);
    }
}
