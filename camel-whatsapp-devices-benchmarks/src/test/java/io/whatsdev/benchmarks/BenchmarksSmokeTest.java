package io.whatsdev.benchmarks;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every benchmark of the module runs through JMH, as {@code -Pbenchmarks} runs it (one forked JVM each), with the
 * smallest settings: it must produce samples, and the events route must have received every callback answered 200.
 * Times are not asserted: this is a smoke pass, not a measurement.
 */
class BenchmarksSmokeTest {

    private static final String EVENTS = CallbackLatencyBenchmark.class.getName() + ".events";
    private static final String BASELINE = CallbackLatencyBenchmark.class.getName() + ".baseline";

    @Test
    void everyBenchmarkMeasuresAndEveryCallbackIsRouted() throws Exception {
        Options options = new OptionsBuilder()
                .include("^" + CallbackLatencyBenchmark.class.getPackageName().replace(".", "\\.") + "\\.")
                .forks(1)
                .warmupIterations(1).warmupTime(TimeValue.milliseconds(100))
                .measurementIterations(1).measurementTime(TimeValue.milliseconds(200))
                // an exception in a benchmark (a callback answered other than 200, or not routed) fails the run
                .shouldFailOnError(true)
                .build();
        Collection<RunResult> runs = new Runner(options).run();

        Map<String, RunResult> byName = new TreeMap<>();
        runs.forEach(r -> byName.put(r.getParams().getBenchmark(), r));
        assertTrue(byName.keySet().containsAll(java.util.List.of(EVENTS, BASELINE)), byName.keySet()::toString);
        for (RunResult run : runs) {
            long samples = run.getPrimaryResult().getStatistics().getN();
            assertTrue(samples > 0, run.getParams().getBenchmark() + " has no samples");
        }

        Map<String, Result> events = byName.get(EVENTS).getSecondaryResults();
        Result answered = events.get("answered");
        Result routed = events.get("routed");
        assertNotNull(answered, events.keySet()::toString);
        assertNotNull(routed, events.keySet()::toString);
        assertTrue(answered.getScore() > 0, "no callback was answered");
        assertEquals(answered.getScore(), routed.getScore(), "callbacks answered 200 that the route did not receive");
    }
}
