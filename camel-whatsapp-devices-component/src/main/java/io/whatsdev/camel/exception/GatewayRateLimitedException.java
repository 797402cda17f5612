package io.whatsdev.camel.exception;

import java.time.Duration;

/**
 * The gateway throttled the call (HTTP 429). {@link #getRetryAfter()} tells how long to wait where the gateway sent a
 * {@code Retry-After} header.
 */
public class GatewayRateLimitedException extends WhatsDevException {

    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    public GatewayRateLimitedException(String provider, String operation, int httpStatus, String providerMessage,
                                       Duration retryAfter) {
        super(provider, operation, httpStatus,
              retryAfter == null ? providerMessage : providerMessage + " (retry after " + retryAfter.toSeconds() + " s)");
        this.retryAfter = retryAfter;
    }

    /** The wait the gateway asked for, or null where it sent no (readable) {@code Retry-After}. */
    public Duration getRetryAfter() {
        return retryAfter;
    }
}
