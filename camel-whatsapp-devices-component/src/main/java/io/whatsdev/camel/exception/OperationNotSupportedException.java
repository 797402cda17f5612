package io.whatsdev.camel.exception;

/**
 * The gateway cannot do the operation asked for (for example through the {@code CamelWhatsDevOperation} header). The
 * message names the gateways that can.
 */
public class OperationNotSupportedException extends WhatsDevException {

    private static final long serialVersionUID = 1L;

    public OperationNotSupportedException(String provider, String operation, int httpStatus, String providerMessage) {
        super(provider, operation, httpStatus, providerMessage);
    }

    public OperationNotSupportedException(String provider, String operation, int httpStatus, String providerMessage, Throwable cause) {
        super(provider, operation, httpStatus, providerMessage, cause);
    }
}
