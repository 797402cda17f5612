package io.whatsdev.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.VerboseMode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every benchmark of the module runs as {@code -Pbenchmarks} runs it, with the quick settings the README shows
 * ({@value #QUICK}, given as {@code -Djmh.args}, after the profile's {@code -foe true}): JMH's own command line, one
 * forked JVM per benchmark and parameter set, the smallest sizes only. Each must produce samples, and what each checks
 * must hold: the events route received every callback answered 200; every call read its device; a no-change poll
 * emitted nothing, an all-changed poll one exchange per device (the benchmarks fail the run otherwise, so the run's
 * success says it); each reports its bytes; and the ratios table is rendered from the results. Times are not asserted:
 * this is a smoke pass, not a measurement. The READMEs must show the command, and every {@code -Djmh.args} the module's
 * README shows must be JMH options that name existing benchmarks.
 */
class BenchmarksSmokeTest {

    /** The quick run's JMH options, as the module's README shows them. */
    static final String QUICK = "-f 1 -wi 1 -w 100ms -i 1 -r 200ms -p devices=1000 -p instances=100 -p serverLatencyMs=5";
    /** The command the README and the root README show. */
    static final String COMMAND = "mvn -q -Pbenchmarks -pl camel-whatsapp-devices-benchmarks -am package -DskipTests";

    private static final Pattern JMH_ARGS = Pattern.compile("-Djmh\\.args=\"([^\"]*)\"");

    private static final String EVENTS = CallbackLatencyBenchmark.class.getName() + ".events";
    private static final String BASELINE = CallbackLatencyBenchmark.class.getName() + ".baseline";
    private static final String PACKAGE = CallbackLatencyBenchmark.class.getPackageName() + ".";

    /** Every benchmark of the module, and the secondary results each must report. */
    private static final Map<String, List<String>> EXPECTED = Map.ofEntries(
            Map.entry(EVENTS, List.of("answered", "routed")),
            Map.entry(BASELINE, List.of()),
            Map.entry(PACKAGE + "CallBenchmark.raw", List.of("bytesPerOp")),
            Map.entry(PACKAGE + "CallBenchmark.whatsdev", List.of("bytesPerOp")),
            Map.entry(PACKAGE + "CallBenchmark.whatsdevRoute", List.of("bytesPerOp")),
            Map.entry(PACKAGE + "CallBenchmark.camelHttpRoute", List.of("bytesPerOp")),
            Map.entry(PACKAGE + "PollBenchmark.noChange", List.of("bytesPerOp")),
            Map.entry(PACKAGE + "PollBenchmark.floor", List.of("bytesPerOp")),
            Map.entry(PACKAGE + "AllChangedPollBenchmark.allChanged", List.of("changes")),
            Map.entry(PACKAGE + "RetainedBytesBenchmark.retained", List.of("retainedBytesPerDevice", "leftAfterStopBytesPerDevice")),
            Map.entry(PACKAGE + "WitimeConcurrencyBenchmark.poll", List.of()),
            Map.entry(PACKAGE + "AsyncProducerBenchmark.sync", List.of()),
            Map.entry(PACKAGE + "AsyncProducerBenchmark.async", List.of()),
            Map.entry(PACKAGE + "AsyncProducerBenchmark.asyncOneThread", List.of()));

    @Test
    void everyBenchmarkMeasuresAndEveryCallbackIsRouted() throws Exception {
        Path json = Path.of("target/jmh-smoke-result.json");
        List<String> args = new ArrayList<>(List.of("-foe", "true", "-rf", "json", "-rff", json.toString()));
        args.addAll(List.of(QUICK.split(" ")));
        args.add("^" + CallbackLatencyBenchmark.class.getPackageName().replace(".", "\\.") + "\\.");
        // -foe true: an exception in a benchmark (a callback answered other than 200 or not routed, a call that did not
        // read its device, a poll that emitted other than expected) fails the run
        Collection<RunResult> runs = new Runner(new CommandLineOptions(args.toArray(String[]::new))).run();

        Map<String, RunResult> byName = new TreeMap<>();
        runs.forEach(r -> byName.put(r.getParams().getBenchmark(), r));
        assertEquals(new TreeMap<>(EXPECTED).keySet(), byName.keySet(), "the benchmarks run");
        for (RunResult run : runs) {
            String name = run.getParams().getBenchmark();
            long samples = run.getPrimaryResult().getStatistics().getN();
            assertTrue(samples > 0, name + " has no samples");
            for (String secondary : EXPECTED.get(name)) {
                Result r = run.getSecondaryResults().get(secondary);
                assertNotNull(r, name + " reports no " + secondary + ": " + run.getSecondaryResults().keySet());
                assertTrue(Double.isFinite(r.getScore()), name + ":" + secondary + " is " + r.getScore());
            }
        }
        assertTrue(byName.get(PACKAGE + "CallBenchmark.whatsdev").getSecondaryResults().get("bytesPerOp").getScore() > 0,
                "no bytes allocated by a call: the allocation counter does not count");

        Map<String, Result> events = byName.get(EVENTS).getSecondaryResults();
        Result answered = events.get("answered");
        Result routed = events.get("routed");
        assertNotNull(answered, events.keySet()::toString);
        assertNotNull(routed, events.keySet()::toString);
        assertTrue(answered.getScore() > 0, "no callback was answered");
        assertEquals(answered.getScore(), routed.getScore(), "callbacks answered 200 that the route did not receive");

        String table = ResultsTable.render(json);
        for (String row : List.of("call time vs raw", "call bytes, as routes", "no-change poll bytes at 1000 devices",
                "all-changed poll, time per change at 1000", "retained bytes per tracked device at 1000", "witime poll of 100",
                "5 ms latency: asyncOneThread vs sync")) {
            assertTrue(table.contains(row), "the ratios table has no row '" + row + "':\n" + table);
        }
    }

    @Test
    void theReadmesShowTheCommandThisTestRuns() throws Exception {
        String module = Files.readString(Path.of("README.md"));
        assertTrue(module.contains(COMMAND), "README.md does not show " + COMMAND);
        assertTrue(module.contains(COMMAND + " -Djmh.args=\"" + QUICK + "\""), "README.md does not show the quick run " + QUICK);
        String root = Files.readString(Path.of("../README.md"));
        assertTrue(root.contains(COMMAND), "the root README.md does not show " + COMMAND);
    }

    @Test
    void everyJmhArgsTheReadmeShowsIsValid() throws Exception {
        Matcher m = JMH_ARGS.matcher(Files.readString(Path.of("README.md")));
        OutputFormat silent = OutputFormatFactory.createFormatInstance(System.out, VerboseMode.SILENT);
        int shown = 0;
        while (m.find()) {
            shown++;
            CommandLineOptions options = new CommandLineOptions(m.group(1).split(" "));
            for (String include : options.getIncludes()) {
                assertTrue(!BenchmarkList.defaultList().find(silent, List.of(include), List.of()).isEmpty(),
                        "-Djmh.args=\"" + m.group(1) + "\": " + include + " names no benchmark");
            }
        }
        assertTrue(shown > 0, "README.md shows no -Djmh.args");
    }
}
