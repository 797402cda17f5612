package io.whatsdev.camel.exception;

import org.apache.camel.CamelException;
import org.apache.camel.spi.HttpResponseAware;

/**
 * A gateway call failed. Carries the gateway, the operation, the HTTP status (0 where no response came) and the
 * gateway's own message. Subclasses name the kind of failure; this class itself is used for a refusal the gateway did
 * not qualify further.
 * <p>
 * Implements {@link HttpResponseAware} so that Camel's health checks show the HTTP status.
 */
public class WhatsDevException extends CamelException implements HttpResponseAware {

    private static final long serialVersionUID = 1L;

    private final String provider;
    private final String operation;
    private int httpStatus;
    private String httpStatusText;
    private final String providerMessage;

    public WhatsDevException(String provider, String operation, int httpStatus, String providerMessage) {
        this(provider, operation, httpStatus, providerMessage, null);
    }

    public WhatsDevException(String provider, String operation, int httpStatus, String providerMessage,
                             Throwable cause) {
        super(format(provider, operation, httpStatus, providerMessage), cause);
        this.provider = provider;
        this.operation = operation;
        this.httpStatus = httpStatus;
        this.providerMessage = providerMessage;
    }

    private static String format(String provider, String operation, int httpStatus, String message) {
        StringBuilder sb = new StringBuilder();
        sb.append('[').append(provider).append("] ").append(operation).append(" failed");
        if (httpStatus > 0) {
            sb.append(" (HTTP ").append(httpStatus).append(')');
        }
        if (message != null && !message.isEmpty()) {
            sb.append(": ").append(message);
        }
        return sb.toString();
    }

    /** The gateway, as named in the URI. */
    public String getProvider() {
        return provider;
    }

    /** The whatsdev operation that failed ({@code qr}, {@code list}, ...). */
    public String getOperation() {
        return operation;
    }

    /** The HTTP status of the gateway's answer, or 0 where none came (timeout, connection refused). */
    public int getHttpStatus() {
        return httpStatus;
    }

    /** The gateway's own error message, as it sent it (or a short excerpt of an unreadable body). */
    public String getProviderMessage() {
        return providerMessage;
    }

    @Override
    public int getHttpResponseCode() {
        return httpStatus;
    }

    @Override
    public void setHttpResponseCode(int code) {
        this.httpStatus = code;
    }

    @Override
    public String getHttpResponseStatus() {
        return httpStatusText;
    }

    @Override
    public void setHttpResponseStatus(String status) {
        this.httpStatusText = status;
    }
}
