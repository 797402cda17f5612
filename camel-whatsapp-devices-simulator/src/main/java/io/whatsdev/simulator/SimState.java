package io.whatsdev.simulator;

/**
 * The simulator's own device state; each gateway API reports it in its own words (see the gateway classes).
 */
public enum SimState {
    /** Created, never asked for a QR code. */
    NEW,
    /** A QR code (or pairing code) was issued and waits for the phone. */
    AWAITING_SCAN,
    /** Paired with a phone. */
    CONNECTED,
    /** Was paired; the phone unlinked it or it was logged out. */
    DISCONNECTED,
    /** The QR code expired before it was scanned. */
    EXPIRED,
    /** Suspended by the gateway (account side). */
    SUSPENDED,
    /** Deleted; no longer listed. */
    DELETED
}
