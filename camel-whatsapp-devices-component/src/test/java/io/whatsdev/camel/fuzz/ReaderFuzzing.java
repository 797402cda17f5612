package io.whatsdev.camel.fuzz;

import java.util.List;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import io.whatsdev.camel.WhatsDevOperation;
import io.whatsdev.camel.exception.WhatsDevException;

/**
 * One fuzz run of a gateway's reading path: the fuzzer chooses the operation, the HTTP status, the content type and a
 * Retry-After, and the rest of its bytes are the body. The run passes when the answer ends in a well-formed result or a
 * {@link WhatsDevException}; anything else (an untyped exception, a device without an id, an id twice) is a finding.
 */
public final class ReaderFuzzing {

    /** Content types worth trying: JSON, an error page, plain text, and the image types a QR call may answer with. */
    public static final List<String> CONTENT_TYPES = List.of("application/json", "application/json; charset=utf-8",
            "text/html", "text/plain", "image/png", "image/svg+xml");

    private ReaderFuzzing() {
    }

    public static void run(ReaderHarness harness, FuzzedDataProvider data) {
        WhatsDevOperation op = data.pickValue(harness.operations());
        int status = data.pickValue(ReaderHarness.STATUSES);
        String contentType = data.pickValue(CONTENT_TYPES);
        String retryAfter = data.consumeBoolean() ? data.consumeString(40) : null;
        byte[] body = data.consumeRemainingAsBytes();
        try {
            ReaderPropertyTest.check(op, harness.run(op, status, contentType, retryAfter, body));
        } catch (WhatsDevException expected) {
            // a typed failure is a correct outcome for a hostile answer
        }
    }
}
