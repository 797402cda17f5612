package io.whatsdev.camel.provider.waha;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.whatsdev.camel.fuzz.ReaderFuzzing;
import io.whatsdev.camel.fuzz.ReaderHarness;

/** Fuzz target: waha's answers, through the whole reading path (see {@link ReaderFuzzing}). */
class WahaReaderFuzzTest {

    private static final ReaderHarness HARNESS = new ReaderHarness(WahaProvider.NAME);

    @FuzzTest(maxDuration = "10s")
    void readerEndsInAResultOrATypedException(FuzzedDataProvider data) {
        ReaderFuzzing.run(HARNESS, data);
    }
}
