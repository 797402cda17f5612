package io.whatsdev.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import io.whatsdev.camel.ConsumerPoll;
import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.service.ServiceHelper;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * The heap a polling consumer keeps per tracked device: a whatspie endpoint and its consumer (with its default
 * in-memory state repository) are created, started and polled twice ({@code devices} unchanged devices); the heap in
 * use is read before, with the consumer alive, and once the consumer is stopped and the endpoint removed, each time
 * after full collections. Alive minus before, divided by the devices, is reported as {@code retainedBytesPerDevice};
 * after-stop minus before as {@code leftAfterStopBytesPerDevice} (near 0 where stopping frees it all): medians of
 * {@value #SAMPLES} samples in one invocation. It includes the endpoint's and consumer's fixed cost (a few KB to
 * tens of KB, its gateway client and thread pool), which is why it is measured at 10k and 100k devices.
 * <p>
 * The time JMH reports (one invocation) is of no interest; the gateway's list, rendered once, is alive in both
 * readings.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 0)
@Measurement(iterations = 1)
public class RetainedBytesBenchmark {

    static final int SAMPLES = 5;

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    @State(Scope.Benchmark)
    public static class Tracked {
        @Param({"10000", "100000"})
        public int devices;

        private LoopbackGateway gateway;
        private CamelContext camel;

        @Setup(Level.Trial)
        public void start() throws Exception {
            byte[] list = WhatspieBodies.list(devices, true);
            gateway = LoopbackGateway.start(0, 0).answer("/devices", "Authorization", WhatspieBodies.AUTHORIZATION, () -> list);
            camel = new DefaultCamelContext();
            camel.start();
        }

        @TearDown(Level.Trial)
        public void stop() throws Exception {
            camel.close();
            gateway.close();
        }
    }

    /** Per device, medians of {@value #SAMPLES} samples in the last invocation. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Retained {
        /** Heap in use with the polled consumer alive, minus heap in use before it was created. */
        public double retainedBytesPerDevice;
        /** Heap in use once the consumer is stopped and its endpoint removed, minus heap in use before: what stays. */
        public double leftAfterStopBytesPerDevice;
    }

    @Benchmark
    public double retained(Tracked tracked, Retained retained) throws Exception {
        long[] alive = new long[SAMPLES];
        long[] left = new long[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            long before = usedAfterGc();
            alive[i] = polledConsumerAlive(tracked) - before;
            left[i] = usedAfterGc() - before;
        }
        retained.retainedBytesPerDevice = median(alive) / tracked.devices;
        retained.leftAfterStopBytesPerDevice = median(left) / tracked.devices;
        return retained.retainedBytesPerDevice;
    }

    /** Creates, starts and polls a consumer; the heap in use while it is alive; then stops it and removes its endpoint. */
    private static long polledConsumerAlive(Tracked tracked) throws Exception {
        Endpoint endpoint = tracked.camel.getEndpoint(WhatspiePolling.endpointUri(tracked.gateway));
        Consumer consumer = endpoint.createConsumer(exchange -> {
        });
        ServiceHelper.startService(consumer);
        if (ConsumerPoll.once(consumer) != 0 || ConsumerPoll.once(consumer) != 0) {
            throw new IllegalStateException("a poll of unchanged devices emitted exchanges");
        }
        long alive = usedAfterGc();
        ServiceHelper.stopAndShutdownService(consumer);
        tracked.camel.removeEndpoint(endpoint);
        return alive;
    }

    private static double median(long[] samples) {
        long[] sorted = samples.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static long usedAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return MEMORY.getHeapMemoryUsage().getUsed();
    }
}
