package io.whatsdev.camel.model;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The outcome of an operation that returns no device or QR code ({@code delete}, {@code clear},
 * {@code saveSession}): the gateway accepted it, with its own message.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class OperationResult {

    private final String provider;
    private final String operation;
    private final String deviceId;
    private final String message;
    private final Device device;

    public OperationResult(String provider, String operation, String deviceId, String message, Device device) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.operation = Objects.requireNonNull(operation, "operation");
        this.deviceId = deviceId;
        this.message = message;
        this.device = device;
    }

    public String getProvider() {
        return provider;
    }

    public String getOperation() {
        return operation;
    }

    public String getDeviceId() {
        return deviceId;
    }

    /** The gateway's own message, where it sends one. */
    public String getMessage() {
        return message;
    }

    /** The device as the gateway reported it after the operation, where it does. */
    public Device getDevice() {
        return device;
    }

    @Override
    public String toString() {
        return "OperationResult[" + provider + " " + operation + " " + deviceId
               + (message != null ? ": " + message : "") + "]";
    }
}
