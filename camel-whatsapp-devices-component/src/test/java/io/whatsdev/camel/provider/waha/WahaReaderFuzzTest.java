package io.whatsdev.camel.provider.waha;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.whatsdev.camel.WhatsDevOperation;
import io.whatsdev.camel.exception.WhatsDevException;
import io.whatsdev.camel.fuzz.ReaderHarness;

/**
 * Fuzz target: WAHA's answers through the whole reading path (the transport's reshaping of PNG and empty answers, the
 * failure decoder, the reader): the fuzzer picks the operation, status and content type, and the rest of its bytes is
 * the body. Every answer must end in a result ({@link WahaReaderPropertyTest#check}) or a {@link WhatsDevException}.
 * Runs in the build's fuzz execution (surefire's {@code *ReaderFuzzTest}).
 */
class WahaReaderFuzzTest {

    private static final ReaderHarness HARNESS = new ReaderHarness(WahaProvider.NAME);

    @FuzzTest(maxDuration = "10s")
    void readerEndsInAResultOrATypedException(FuzzedDataProvider data) {
        WhatsDevOperation op = data.pickValue(HARNESS.operations());
        int status = data.pickValue(ReaderHarness.STATUSES);
        String contentType = data.pickValue(WahaReaderPropertyTest.CONTENT_TYPES);
        String retryAfter = data.consumeBoolean() ? data.consumeString(40) : null;
        byte[] body = data.consumeRemainingAsBytes();
        try {
            WahaReaderPropertyTest.check(op, HARNESS.run(op, status, contentType, retryAfter, body));
        } catch (WhatsDevException expected) {
            // a typed failure is a correct outcome for a hostile answer
        }
    }
}
