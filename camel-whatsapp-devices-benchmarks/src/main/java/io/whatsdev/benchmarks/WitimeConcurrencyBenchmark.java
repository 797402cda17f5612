package io.whatsdev.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import io.whatsdev.camel.ConsumerPoll;
import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One poll of {@code instances} witime instances, each with a key of its own ({@code instanceTokens}), polled
 * {@value #POLL_CONCURRENCY} at a time ({@code pollConcurrency}), every other option at its default, against a gateway
 * that answers {@code status.aspx} after {@code serverLatencyMs}. Nothing changes between polls: the benchmark fails
 * unless each poll made one call per instance and emitted nothing.
 * <p>
 * The ideal time of a poll is the latency times the rounds it needs, {@code ceil(instances / pollConcurrency) ×
 * serverLatencyMs}: 20 rounds of 20 ms, 400 ms, for 1,000 instances. The gateway has a thread per call in flight
 * ({@value #SERVER_THREADS}), so it is never what limits a poll.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class WitimeConcurrencyBenchmark {

    static final int POLL_CONCURRENCY = 50;
    static final int SERVER_THREADS = 4 * POLL_CONCURRENCY;

    /** status.aspx of a connected instance; whatsdev names each instance by its id in instanceTokens, not by WebID. */
    private static final byte[] STATUS = ("{\"status\":10,\"statusString\":\"WhatsAppAuthenticated\",\"connected\":true,"
                                          + "\"ConnectionInfo\":null,\"WebID\":\"bench\",\"Webhook\":null,\"UserAgent\":null,"
                                          + "\"CanRestoreConnection\":true}").getBytes(StandardCharsets.UTF_8);

    @State(Scope.Benchmark)
    public static class Instances {
        @Param({"1000"})
        public int instances;

        @Param({"20"})
        public int serverLatencyMs;

        private LoopbackGateway gateway;
        private CamelContext camel;
        private Consumer consumer;

        @Setup(Level.Trial)
        public void start() throws Exception {
            gateway = LoopbackGateway.start(SERVER_THREADS, serverLatencyMs).answer("/status.aspx", null, null, () -> STATUS);
            StringBuilder tokens = new StringBuilder();
            for (int i = 1; i <= instances; i++) {
                tokens.append(i == 1 ? "" : ",").append("instance").append(i).append("=key").append(i);
            }
            String uri = "whatsdev:witime/devices?instanceTokens=RAW(" + tokens + ")&pollConcurrency=" + POLL_CONCURRENCY
                         + "&baseUrl=" + gateway.baseUrl() + "&startScheduler=false";
            camel = new DefaultCamelContext();
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from(uri).routeId("witime").process(e -> {
                        // nothing to route: the benchmark checks that the polls emit nothing
                    });
                }
            });
            camel.start();
            consumer = camel.getRoute("witime").getConsumer();
            ConsumerPoll.once(consumer); // records every instance's status: the measured polls change nothing
        }

        @TearDown(Level.Trial)
        public void stop() throws Exception {
            camel.close();
            gateway.close();
        }

    }

    @Benchmark
    public int poll(Instances state) throws Exception {
        long before = state.gateway.requests();
        int emitted = ConsumerPoll.once(state.consumer);
        long calls = state.gateway.requests() - before;
        if (emitted != 0 || calls != state.instances) {
            throw new IllegalStateException("a poll of " + state.instances + " unchanged witime instances made " + calls
                                            + " calls and emitted " + emitted);
        }
        return emitted;
    }
}
