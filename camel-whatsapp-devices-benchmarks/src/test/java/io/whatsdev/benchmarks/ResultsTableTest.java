package io.whatsdev.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The table's figures are medians of the iterations: one slow iteration does not move them. */
class ResultsTableTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theMedianOfAllForksIterations() throws Exception {
        assertEquals(160.0, ResultsTable.median(JSON.readTree("{\"score\":220,\"rawData\":[[150,160,334],[161,159]]}")));
        assertEquals(155.0, ResultsTable.median(JSON.readTree("{\"score\":1,\"rawData\":[[150,160]]}")));
    }

    @Test
    void inSampleModeThePercentilesNotTheMean(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path json = dir.resolve("jmh-result.json");
        java.nio.file.Files.writeString(json, "[{\"benchmark\":\"io.whatsdev.benchmarks.CallbackLatencyBenchmark.events\","
                + "\"mode\":\"sample\",\"primaryMetric\":{\"score\":115.3,\"scoreUnit\":\"us/op\","
                + "\"scorePercentiles\":{\"50.0\":111.1,\"99.0\":219.4}},\"secondaryMetrics\":{}}]");
        ResultsTable.Measure m = ResultsTable.read(json).get("CallbackLatencyBenchmark.events");
        assertEquals(111.1, m.score());
        assertEquals(219.4, m.p99());
    }

    @Test
    void theScoreWhereThereAreNoIterations() throws Exception {
        assertEquals(42.0, ResultsTable.median(JSON.readTree("{\"score\":42}")));
    }
}
