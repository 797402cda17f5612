package io.whatsdev.camel.exception;

/**
 * The gateway does not know the device (wrong id, or deleted).
 */
public class DeviceNotFoundException extends WhatsDevException {

    private static final long serialVersionUID = 1L;

    public DeviceNotFoundException(String provider, String operation, int httpStatus, String providerMessage) {
        super(provider, operation, httpStatus, providerMessage);
    }

    public DeviceNotFoundException(String provider, String operation, int httpStatus, String providerMessage, Throwable cause) {
        super(provider, operation, httpStatus, providerMessage, cause);
    }
}
