package io.whatsdev.camel.model;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A pairing code: the phone links the device by typing this code instead of scanning a QR code.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class PairingCode {

    private final String provider;
    private final String deviceId;
    private final String phone;
    private final String code;
    private final String link;

    public PairingCode(String provider, String deviceId, String phone, String code, String link) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.deviceId = deviceId;
        this.phone = phone;
        this.code = Objects.requireNonNull(code, "code");
        this.link = link;
    }

    public String getProvider() {
        return provider;
    }

    /** The device (session) the code pairs. */
    public String getDeviceId() {
        return deviceId;
    }

    /** The phone number that must enter the code. */
    public String getPhone() {
        return phone;
    }

    public String getCode() {
        return code;
    }

    /** The gateway's authorization page, where it gives one. */
    public String getLink() {
        return link;
    }

    @Override
    public String toString() {
        return "PairingCode[" + provider + "/" + deviceId + " for " + phone + "]";
    }
}
