package io.whatsdev.camel.exception;

/**
 * The gateway could not be reached or failed on its side (HTTP 5xx, timeout, connection refused). Retrying later may
 * help.
 */
public class GatewayUnavailableException extends WhatsDevException {

    private static final long serialVersionUID = 1L;

    public GatewayUnavailableException(String provider, String operation, int httpStatus, String providerMessage) {
        super(provider, operation, httpStatus, providerMessage);
    }

    public GatewayUnavailableException(String provider, String operation, int httpStatus, String providerMessage, Throwable cause) {
        super(provider, operation, httpStatus, providerMessage, cause);
    }
}
