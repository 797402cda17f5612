package io.whatsdev.benchmarks;

import java.util.concurrent.TimeUnit;

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
 * A poll in which every device changed, at 1k and 4k whatspie devices: the gateway answers all devices PAIRED, then all
 * UNPAIRED, and so on ({@link WhatspiePolling#alternating}), so each poll emits one exchange per device, routed to a
 * route that counts them. The benchmark fails unless each poll emitted, and the route received, exactly one exchange
 * per device.
 * <p>
 * The number to compare is the cost per change: besides the time per poll, JMH reports {@code changes}, counted as
 * operations ({@link Changes}), that is the time per change; if a poll's cost grows linearly with the changes, it is the
 * same at 1k and 4k.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class AllChangedPollBenchmark {

    @State(Scope.Benchmark)
    public static class Changing {
        @Param({"1000", "4000"})
        public int devices;

        private WhatspiePolling polling;

        @Setup(Level.Trial)
        public void start() throws Exception {
            polling = WhatspiePolling.alternating(devices);
        }

        @TearDown(Level.Trial)
        public void stop() throws Exception {
            polling.close();
        }
    }

    /** The changes emitted, counted as operations: in JMH's average-time report, the time per change. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Changes {
        public long changes;
    }

    @Benchmark
    public int allChanged(Changing state, Changes changes) throws Exception {
        long routedBefore = state.polling.routed();
        int emitted = state.polling.poll();
        long routed = state.polling.routed() - routedBefore;
        if (emitted != state.devices || routed != state.devices) {
            throw new IllegalStateException("a poll in which all " + state.devices + " devices changed emitted " + emitted
                                            + " exchanges, and the route received " + routed);
        }
        changes.changes += emitted;
        return emitted;
    }
}
