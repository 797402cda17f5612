package io.whatsdev.camel.exception;

/**
 * The gateway refused the credentials (wrong or expired token, API key, or login).
 */
public class GatewayAuthenticationException extends WhatsDevException {

    private static final long serialVersionUID = 1L;

    public GatewayAuthenticationException(String provider, String operation, int httpStatus, String providerMessage) {
        super(provider, operation, httpStatus, providerMessage);
    }

    public GatewayAuthenticationException(String provider, String operation, int httpStatus, String providerMessage, Throwable cause) {
        super(provider, operation, httpStatus, providerMessage, cause);
    }
}
