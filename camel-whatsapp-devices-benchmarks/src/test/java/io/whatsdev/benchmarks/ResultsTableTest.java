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
    void theScoreWhereThereAreNoIterations() throws Exception {
        assertEquals(42.0, ResultsTable.median(JSON.readTree("{\"score\":42}")));
    }
}
