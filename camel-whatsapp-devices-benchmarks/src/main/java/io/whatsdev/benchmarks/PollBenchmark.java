package io.whatsdev.benchmarks;

import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
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
 * A poll in which nothing changed, at 1k, 10k and 100k whatspie devices, against its floor, time and bytes allocated
 * ({@link CallerAllocation}):
 * <ul>
 * <li>{@link #noChange}: one poll of a whatsdev polling consumer ({@link WhatspiePolling}): {@code GET /devices}, every
 * device read into whatsdev's model, diffed against its recorded status; nothing to emit, and the benchmark fails if
 * the poll emits anything.</li>
 * <li>{@link #floor}: the same GET of the same bytes, read by Jackson's {@code readTree}: what any poller must pay.</li>
 * </ul>
 * One poll at 100k devices takes a large part of a second: iterations of 2 s, one fork, a fixed 2 GB heap.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class PollBenchmark {

    /** The consumer and the gateway, with a list of {@code devices} devices whose statuses the consumer recorded. */
    @State(Scope.Benchmark)
    public static class Unchanged {
        @Param({"1000", "10000", "100000"})
        public int devices;

        private WhatspiePolling polling;

        @Setup(Level.Trial)
        public void start() throws Exception {
            polling = WhatspiePolling.unchanged(devices);
        }

        @TearDown(Level.Trial)
        public void stop() throws Exception {
            polling.close();
        }
    }

    @Benchmark
    public int noChange(Unchanged state, CallerAllocation allocation) throws Exception {
        int emitted = state.polling.poll();
        allocation.count();
        if (emitted != 0) {
            throw new IllegalStateException("a poll of " + state.devices + " unchanged devices emitted " + emitted);
        }
        return emitted;
    }

    @Benchmark
    public JsonNode floor(Unchanged state, CallerAllocation allocation) throws Exception {
        JsonNode answer = state.polling.floor();
        allocation.count();
        return answer;
    }
}
