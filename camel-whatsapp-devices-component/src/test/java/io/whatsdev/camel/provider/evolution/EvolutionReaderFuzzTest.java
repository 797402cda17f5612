package io.whatsdev.camel.provider.evolution;

import java.util.List;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.whatsdev.camel.WhatsDevOperation;
import io.whatsdev.camel.exception.WhatsDevException;
import io.whatsdev.camel.fuzz.ReaderHarness;

/**
 * Fuzz target: Evolution's answers, through the whole reading path (answer decoding, failure envelope, reader). The
 * fuzzer chooses the operation, the HTTP status, the content type and a Retry-After, and the rest of its bytes are the
 * body; the run passes when the answer ends in a well-formed result or a {@link WhatsDevException}.
 */
class EvolutionReaderFuzzTest {

    private static final ReaderHarness HARNESS = new ReaderHarness(EvolutionProvider.NAME);
    private static final List<String> CONTENT_TYPES = List.of("application/json", "application/json; charset=utf-8",
            "text/html", "text/plain");

    @FuzzTest(maxDuration = "10s")
    void readerEndsInAResultOrATypedException(FuzzedDataProvider data) {
        WhatsDevOperation op = data.pickValue(HARNESS.operations());
        int status = data.pickValue(ReaderHarness.STATUSES);
        String contentType = data.pickValue(CONTENT_TYPES);
        String retryAfter = data.consumeBoolean() ? data.consumeString(40) : null;
        byte[] body = data.consumeRemainingAsBytes();
        try {
            EvolutionReaderPropertyTest.check(op, HARNESS.run(op, status, contentType, retryAfter, body));
        } catch (WhatsDevException expected) {
            // a typed failure is a correct outcome for a hostile answer
        }
    }
}
