package io.whatsdev.benchmarks;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.whatsdev.camel.WhatsDevEndpoint;
import io.whatsdev.camel.model.Device;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Producer;
import org.apache.camel.impl.DefaultCamelContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 12's item 5: whatspie {@code status} calls per second with {@value #CALLERS} callers at once, the current
 * (blocking) producer against {@link AsyncWhatspieStatusProducer}, a {@code DefaultAsyncProducer} over HttpClient 5's
 * async client, against a gateway that answers after {@code serverLatencyMs} (0: the client's own cost under
 * concurrency; 5 ms: a gateway's latency, where concurrency matters). Both with a pool of 20 connections (whatsdev's
 * default {@code maxConnectionsPerRoute}).
 * <ul>
 * <li>{@link #sync}: {@value #CALLERS} threads, each calling {@code WhatsDevProducer} and waiting.</li>
 * <li>{@link #async}: {@value #CALLERS} threads, each calling the async producer and waiting for its callback, as a
 * route's caller blocked on a request-reply would.</li>
 * <li>{@link #asyncOneThread}: one thread keeping {@value #CALLERS} calls in flight (it starts them all and waits for
 * the last), what only an async producer allows: the same concurrency without a thread per call.</li>
 * </ul>
 * Every call is checked (the device, CONNECTED).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class AsyncProducerBenchmark {

    static final int CALLERS = 16;
    static final int MAX_CONNECTIONS = 20;

    @State(Scope.Benchmark)
    public static class Producers {
        @Param({"0", "5"})
        public int serverLatencyMs;

        private LoopbackGateway gateway;
        private CamelContext camel;
        private WhatsDevEndpoint endpoint;
        private Producer sync;
        private AsyncWhatspieStatusProducer async;

        @Setup(Level.Trial)
        public void start() throws Exception {
            byte[] body = WhatspieBodies.one(CallBenchmark.DEVICE, true);
            gateway = LoopbackGateway.start(4 * CALLERS, serverLatencyMs)
                    .answer("/devices/" + CallBenchmark.DEVICE, "Authorization", WhatspieBodies.AUTHORIZATION, () -> body);
            camel = new DefaultCamelContext();
            camel.start();
            endpoint = camel.getEndpoint("whatsdev:whatspie/devices?operation=status&deviceId=" + CallBenchmark.DEVICE
                                         + "&token=" + WhatspieBodies.TOKEN + "&baseUrl=" + gateway.baseUrl()
                                         + "&maxConnectionsPerRoute=" + MAX_CONNECTIONS, WhatsDevEndpoint.class);
            sync = endpoint.createProducer();
            camel.addService(sync, true, true);
            async = new AsyncWhatspieStatusProducer(endpoint, gateway.baseUrl(), WhatspieBodies.TOKEN,
                    String.valueOf(CallBenchmark.DEVICE), MAX_CONNECTIONS);
            camel.addService(async, true, true);
        }

        @TearDown(Level.Trial)
        public void stop() throws Exception {
            camel.close();
            gateway.close();
        }
    }

    @Benchmark
    @Threads(CALLERS)
    public Device sync(Producers p) throws Exception {
        Exchange exchange = p.endpoint.createExchange();
        p.sync.process(exchange);
        return CallBenchmark.checked(exchange);
    }

    @Benchmark
    @Threads(CALLERS)
    public Device async(Producers p) throws Exception {
        Exchange exchange = p.endpoint.createExchange();
        CompletableFuture<Void> done = new CompletableFuture<>();
        p.async.process(exchange, doneSync -> done.complete(null));
        done.get(30, TimeUnit.SECONDS);
        return CallBenchmark.checked(exchange);
    }

    @Benchmark
    @Threads(1)
    @OperationsPerInvocation(CALLERS)
    public Device asyncOneThread(Producers p) throws Exception {
        Exchange[] exchanges = new Exchange[CALLERS];
        CountDownLatch done = new CountDownLatch(CALLERS);
        for (int i = 0; i < CALLERS; i++) {
            exchanges[i] = p.endpoint.createExchange();
            p.async.process(exchanges[i], doneSync -> done.countDown());
        }
        if (!done.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("calls still in flight after 30 s");
        }
        Device last = null;
        for (Exchange e : exchanges) {
            last = CallBenchmark.checked(e);
        }
        return last;
    }
}
