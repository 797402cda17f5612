package io.whatsdev.camel.exception;

/**
 * The device is already connected, so the gateway issues no QR or pairing code. Usually nothing is to be done: the
 * phone is linked.
 */
public class DeviceAlreadyConnectedException extends WhatsDevException {

    private static final long serialVersionUID = 1L;

    public DeviceAlreadyConnectedException(String provider, String operation, int httpStatus, String providerMessage) {
        super(provider, operation, httpStatus, providerMessage);
    }

    public DeviceAlreadyConnectedException(String provider, String operation, int httpStatus, String providerMessage, Throwable cause) {
        super(provider, operation, httpStatus, providerMessage, cause);
    }
}
