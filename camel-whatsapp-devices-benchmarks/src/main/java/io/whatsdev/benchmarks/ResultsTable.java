package io.whatsdev.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The ratios issue 12 asks for, from one JMH run's JSON results ({@code target/jmh-result.json}): a Markdown table
 * printed after the run by {@code -Pbenchmarks}, and written to {@code target/jmh-ratios.md}. Rows whose benchmarks were
 * not run (a filtered run) are left out.
 * <p>
 * A time is the median of the measurement iterations of all forks (one iteration that a full collection or the
 * machine slowed does not move it, as it moves JMH's mean); in sample mode, which times each operation, the median of
 * all the operations timed (JMH's p0.50; its score there is their mean), with their p0.99 beside it. A byte count
 * ({@link CallerAllocation}'s {@code bytesPerOp}, {@link RetainedBytesBenchmark}'s counters) is the median of the per-iteration values too: JMH reports such event counters as their sum over
 * iterations, which is not a per-operation figure.
 */
public final class ResultsTable {

    /**
     * One benchmark with its parameters: primary score (a median) and unit, p0.99 (sample mode only, else NaN), and the
     * median of each secondary result.
     */
    record Measure(double score, String unit, Map<String, Double> secondary, double p99) {
    }

    private final Map<String, Measure> measures;
    private final List<String> rows = new ArrayList<>();

    ResultsTable(Map<String, Measure> measures) {
        this.measures = measures;
    }

    public static void main(String[] args) throws IOException {
        Path json = Path.of(args.length > 0 ? args[0] : "target/jmh-result.json");
        String table = render(json);
        Path out = json.resolveSibling("jmh-ratios.md");
        Files.writeString(out, table);
        System.out.println();
        System.out.println("Ratios (also in " + out + "):");
        System.out.println(table);
    }

    /** The table of a JMH JSON result file. */
    static String render(Path json) throws IOException {
        return new ResultsTable(read(json)).table();
    }

    /** Each benchmark of the file by its short name and parameters, e.g. {@code PollBenchmark.noChange devices=1000}. */
    static Map<String, Measure> read(Path json) throws IOException {
        Map<String, Measure> measures = new LinkedHashMap<>();
        for (JsonNode run : new ObjectMapper().readTree(json.toFile())) {
            String name = run.path("benchmark").asText().replaceFirst("^.*\\.([^.]+\\.[^.]+)$", "$1");
            Map<String, String> params = new TreeMap<>();
            run.path("params").fields().forEachRemaining(p -> params.put(p.getKey(), p.getValue().asText()));
            Map<String, Double> secondary = new LinkedHashMap<>();
            run.path("secondaryMetrics").fields().forEachRemaining(m -> secondary.put(m.getKey(), median(m.getValue())));
            JsonNode primary = run.path("primaryMetric");
            boolean sample = "sample".equals(run.path("mode").asText());
            JsonNode percentiles = primary.path("scorePercentiles");
            double score = sample ? percentiles.path("50.0").asDouble() : median(primary);
            double p99 = sample ? percentiles.path("99.0").asDouble() : Double.NaN;
            measures.put(key(name, params), new Measure(score, primary.path("scoreUnit").asText(), secondary, p99));
        }
        return measures;
    }

    /** The median of a metric's iteration values over all forks; its score where JMH gave none. */
    static double median(JsonNode metric) {
        List<Double> values = new ArrayList<>();
        for (JsonNode fork : metric.path("rawData")) {
            for (JsonNode v : fork) {
                values.add(v.asDouble());
            }
        }
        if (values.isEmpty()) {
            return metric.path("score").asDouble();
        }
        java.util.Collections.sort(values);
        int n = values.size();
        return n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
    }

    private static String key(String name, Map<String, String> params) {
        StringBuilder sb = new StringBuilder(name);
        params.forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
        return sb.toString();
    }

    String table() {
        rows.add("| measure | whatsdev | reference | ratio |");
        rows.add("|---|---:|---:|---:|");
        calls();
        polls();
        allChanged();
        retained();
        witime();
        async();
        callbacks();
        return String.join("\n", rows) + "\n";
    }

    private void calls() {
        ratio("call time vs raw HttpClient 5 + Jackson", "CallBenchmark.whatsdev", "CallBenchmark.raw", null);
        ratio("call bytes vs raw HttpClient 5 + Jackson", "CallBenchmark.whatsdev", "CallBenchmark.raw", "bytesPerOp");
        ratio("call time, as routes: whatsdev vs camel-http", "CallBenchmark.whatsdevRoute", "CallBenchmark.camelHttpRoute", null);
        ratio("call bytes, as routes: whatsdev vs camel-http", "CallBenchmark.whatsdevRoute", "CallBenchmark.camelHttpRoute",
                "bytesPerOp");
    }

    private void polls() {
        for (String devices : values("PollBenchmark.noChange", "devices")) {
            String p = " devices=" + devices;
            ratio("no-change poll time at " + devices + " devices vs floor", "PollBenchmark.noChange" + p,
                    "PollBenchmark.floor" + p, null);
            ratio("no-change poll bytes at " + devices + " devices vs floor", "PollBenchmark.noChange" + p,
                    "PollBenchmark.floor" + p, "bytesPerOp");
        }
    }

    private void allChanged() {
        List<String> sizes = values("AllChangedPollBenchmark.allChanged", "devices");
        for (String devices : sizes) {
            Measure m = measures.get("AllChangedPollBenchmark.allChanged devices=" + devices);
            rows.add(row("all-changed poll, time per change at " + devices + " devices",
                    number(m.secondary().get("changes")) + " " + m.unit(), "", ""));
        }
        if (sizes.size() >= 2) {
            String small = sizes.get(0);
            String large = sizes.get(sizes.size() - 1);
            double a = measures.get("AllChangedPollBenchmark.allChanged devices=" + small).secondary().get("changes");
            double b = measures.get("AllChangedPollBenchmark.allChanged devices=" + large).secondary().get("changes");
            rows.add(row("all-changed poll, per change: " + large + " vs " + small + " devices", number(b), number(a),
                    ratio(b, a)));
        }
    }

    private void retained() {
        for (String devices : values("RetainedBytesBenchmark.retained", "devices")) {
            Measure m = measures.get("RetainedBytesBenchmark.retained devices=" + devices);
            rows.add(row("retained bytes per tracked device at " + devices + " devices (left after stop)",
                    number(m.secondary().get("retainedBytesPerDevice")),
                    "(" + number(m.secondary().get("leftAfterStopBytesPerDevice")) + ")", ""));
        }
    }

    private void witime() {
        measures.forEach((key, m) -> {
            if (key.startsWith("WitimeConcurrencyBenchmark.poll ")) {
                Map<String, String> p = params(key);
                int instances = Integer.parseInt(p.get("instances"));
                int latency = Integer.parseInt(p.get("serverLatencyMs"));
                double ideal = Math.ceil(instances / (double) WitimeConcurrencyBenchmark.POLL_CONCURRENCY) * latency;
                rows.add(row("witime poll of " + instances + " instances, concurrency "
                             + WitimeConcurrencyBenchmark.POLL_CONCURRENCY + ", " + latency + " ms latency, vs ideal",
                        number(m.score()) + " " + m.unit(), number(ideal) + " ms", ratio(m.score(), ideal)));
            }
        });
    }

    private void async() {
        for (String latency : values("AsyncProducerBenchmark.sync", "serverLatencyMs")) {
            String p = " serverLatencyMs=" + latency;
            Measure sync = measures.get("AsyncProducerBenchmark.sync" + p);
            for (String variant : List.of("async", "asyncOneThread")) {
                Measure async = measures.get("AsyncProducerBenchmark." + variant + p);
                if (async != null) {
                    rows.add(row("calls/s, " + AsyncProducerBenchmark.CALLERS + " at once, " + latency + " ms latency: "
                                 + variant + " vs sync", number(async.score()), number(sync.score()),
                            ratio(async.score(), sync.score())));
                }
            }
        }
    }

    private void callbacks() {
        Measure events = measures.get("CallbackLatencyBenchmark.events");
        Measure baseline = measures.get("CallbackLatencyBenchmark.baseline");
        if (events == null || baseline == null) {
            return;
        }
        rows.add(row("callback to route, p0.50: events consumer vs plain platform-http route",
                number(events.score()) + " " + events.unit(), number(baseline.score()) + " " + baseline.unit(),
                ratio(events.score(), baseline.score())));
        rows.add(row("callback to route, p0.99: events consumer vs plain platform-http route",
                number(events.p99()) + " " + events.unit(), number(baseline.p99()) + " " + baseline.unit(),
                ratio(events.p99(), baseline.p99())));
    }

    /** A row of two benchmarks' primary scores, or of a secondary result of both. */
    private void ratio(String label, String whatsdev, String reference, String secondary) {
        Measure w = measures.get(whatsdev);
        Measure r = measures.get(reference);
        if (w == null || r == null) {
            return;
        }
        double a = secondary == null ? w.score() : w.secondary().get(secondary);
        double b = secondary == null ? r.score() : r.secondary().get(secondary);
        String unit = secondary == null ? " " + w.unit() : " B/op";
        rows.add(row(label, number(a) + unit, number(b) + unit, ratio(a, b)));
    }

    /** The values a parameter takes in the runs of a benchmark, in numeric order. */
    private List<String> values(String benchmark, String param) {
        List<String> values = new ArrayList<>();
        measures.keySet().stream().filter(k -> k.startsWith(benchmark + " ")).map(k -> params(k).get(param))
                .sorted((a, b) -> Double.compare(Double.parseDouble(a), Double.parseDouble(b))).forEach(values::add);
        return values;
    }

    private static Map<String, String> params(String key) {
        Map<String, String> params = new TreeMap<>();
        for (String part : key.split(" ")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                params.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        return params;
    }

    private static String row(String label, String a, String b, String ratio) {
        return "| " + label + " | " + a + " | " + b + " | " + ratio + " |";
    }

    private static String ratio(double a, double b) {
        return String.format(Locale.ROOT, "%.2fx", a / b);
    }

    private static String number(double v) {
        return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.3g", v);
    }
}
