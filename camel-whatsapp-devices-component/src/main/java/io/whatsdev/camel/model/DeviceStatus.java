package io.whatsdev.camel.model;

/**
 * The normalized connection status of a device. Every status word or code of every gateway maps to exactly one of
 * these; the gateway's own value is kept in {@link Device#getRawStatus()}.
 */
public enum DeviceStatus {
    /** The phone is linked and the session is working. */
    CONNECTED,
    /** The phone was linked once but the session is not connected now (unlinked, logged out, connection closed). */
    DISCONNECTED,
    /** A QR code (or pairing code) has been issued and the gateway waits for the phone to scan it. */
    AWAITING_SCAN,
    /** The gateway is starting the session (opening the socket, initializing). */
    STARTING,
    /** The device exists on the gateway but no session was ever started. */
    NOT_INITIALIZED,
    /** The QR code expired before it was scanned: a new one must be requested. */
    EXPIRED,
    /** The gateway suspended the device (account or plan side). */
    SUSPENDED,
    /** The device was deleted or is being destroyed. */
    DELETED,
    /** The gateway reported a value whatsdev does not know; the raw value is kept. */
    UNKNOWN;

    /** Whether the phone is linked and working. */
    public boolean isConnected() {
        return this == CONNECTED;
    }
}
