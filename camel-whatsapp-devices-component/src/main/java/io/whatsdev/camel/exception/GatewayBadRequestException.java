package io.whatsdev.camel.exception;

/**
 * The gateway refused the request as invalid (HTTP 4xx other than 401/403/404/429, or a refusal such as an unknown
 * package or a device limit).
 */
public class GatewayBadRequestException extends WhatsDevException {

    private static final long serialVersionUID = 1L;

    public GatewayBadRequestException(String provider, String operation, int httpStatus, String providerMessage) {
        super(provider, operation, httpStatus, providerMessage);
    }

    public GatewayBadRequestException(String provider, String operation, int httpStatus, String providerMessage, Throwable cause) {
        super(provider, operation, httpStatus, providerMessage, cause);
    }
}
