package io.whatsdev.camel.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/** Fuzz target: whatspie's answers, through the whole reading path (see {@link ReaderFuzzing}). */
class WhatspieReaderFuzzTest {

    private static final ReaderHarness HARNESS = new ReaderHarness("whatspie");

    @FuzzTest(maxDuration = "10s")
    void readerEndsInAResultOrATypedException(FuzzedDataProvider data) {
        ReaderFuzzing.run(HARNESS, data);
    }
}
