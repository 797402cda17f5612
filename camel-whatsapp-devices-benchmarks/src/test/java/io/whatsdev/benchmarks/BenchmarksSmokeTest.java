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
 * forked JVM per benchmark. Each must produce samples, and the events route must have received every callback answered
 * 200. Times are not asserted: this is a smoke pass, not a measurement. The READMEs must show the command, and every
 * {@code -Djmh.args} the module's README shows must be JMH options that name existing benchmarks.
 */
class BenchmarksSmokeTest {

    /** The quick run's JMH options, as the module's README shows them. */
    static final String QUICK = "-f 1 -wi 1 -w 100ms -i 1 -r 200ms";
    /** The command the README and the root README show. */
    static final String COMMAND = "mvn -q -Pbenchmarks -pl camel-whatsapp-devices-benchmarks -am package -DskipTests";

    private static final Pattern JMH_ARGS = Pattern.compile("-Djmh\\.args=\"([^\"]*)\"");

    private static final String EVENTS = CallbackLatencyBenchmark.class.getName() + ".events";
    private static final String BASELINE = CallbackLatencyBenchmark.class.getName() + ".baseline";

    @Test
    void everyBenchmarkMeasuresAndEveryCallbackIsRouted() throws Exception {
        List<String> args = new ArrayList<>(List.of("-foe", "true", "-rf", "json", "-rff", "target/jmh-smoke-result.json"));
        args.addAll(List.of(QUICK.split(" ")));
        args.add("^" + CallbackLatencyBenchmark.class.getPackageName().replace(".", "\\.") + "\\.");
        // -foe true: an exception in a benchmark (a callback answered other than 200, or not routed) fails the run
        Collection<RunResult> runs = new Runner(new CommandLineOptions(args.toArray(String[]::new))).run();

        Map<String, RunResult> byName = new TreeMap<>();
        runs.forEach(r -> byName.put(r.getParams().getBenchmark(), r));
        assertTrue(byName.keySet().containsAll(List.of(EVENTS, BASELINE)), byName.keySet()::toString);
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
