package io.whatsdev.simulator;

/** A failure the simulator can put in place of a gateway's answer (see {@link FaultInjector}). */
public enum Fault {
    /** HTTP 500 with the gateway's error envelope and the message {@code Internal Server Error}. */
    HTTP_500,
    /** HTTP 503 with the gateway's error envelope and the message {@code Service Unavailable}. */
    HTTP_503,
    /** HTTP 429 with {@code Retry-After: 7} and the gateway's error envelope, message {@code Too Many Attempts.}. */
    RATE_LIMITED,
    /** HTTP 502 with a {@code text/html} error page, as a proxy in front of the gateway would answer. */
    HTML_ERROR_PAGE,
    /** HTTP 200, {@code application/json}, with a truncated JSON body. */
    MALFORMED_JSON,
    /**
     * Waits {@link GatewaySimulator#faultDelayMillis(long)} (3 s by default) before answering normally, so a client with
     * a shorter response timeout gives up.
     */
    TIMEOUT,
    /** The gateway's own refusal of the credentials (even if they are right). */
    AUTH_REVOKED
}
