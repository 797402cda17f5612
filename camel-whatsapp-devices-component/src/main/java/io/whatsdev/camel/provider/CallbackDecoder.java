package io.whatsdev.camel.provider;

import java.util.List;

/**
 * How a gateway's callbacks are verified, read and acknowledged: pure functions of the {@link Callback}, tested without
 * HTTP on the documented payloads. A gateway that pushes lifecycle events gives one from
 * {@link GatewayProvider#callbacks()}; the events consumer ({@code whatsdev:GATEWAY/events}) receives the HTTP request,
 * asks this decoder, and emits what it returns.
 * <p>
 * Order of use: {@link #verify} (a failure is a 401 and nothing is emitted), {@link #decode} (a failure is a 400), the
 * exchanges are processed, then {@link #acknowledge} gives the answer. A failed exchange is not acknowledged, so that a
 * gateway that retries delivers it again.
 */
public interface CallbackDecoder {

    /**
     * Checks that the callback comes from the gateway: its signature (WAHA's HMAC, Evolution's JWT), or, for a gateway
     * that does not sign, the {@code secret} query parameter of the callback URL.
     *
     * @param secret the endpoint's {@code webhookSecret}; never null here
     * @throws CallbackRejectedException when it does not verify, saying why without quoting secrets
     */
    void verify(Callback callback, String secret) throws CallbackRejectedException;

    /**
     * The lifecycle events the callback carries (a bulk delivery carries several), in the order given; events the
     * gateway sends but that are not about a device's lifecycle (messages, presence) are left out, so the list may be
     * empty.
     *
     * @throws MalformedCallbackException when the body is not the documented shape
     */
    List<CallbackEvent> decode(Callback callback) throws MalformedCallbackException;

    /**
     * The answer once every event was processed: the documented acknowledgement (whatsgate-org's
     * {@code {"result":"OK","id":<id>}}), or an empty 200.
     */
    default CallbackAnswer acknowledge(Callback callback, List<CallbackEvent> events) {
        return CallbackAnswer.EMPTY;
    }

    /** An HTTP answer to a callback: a status, and a JSON body or none. */
    record CallbackAnswer(int status, String jsonBody) {
        /** 200 with an empty body. */
        public static final CallbackAnswer EMPTY = new CallbackAnswer(200, null);
    }
}
