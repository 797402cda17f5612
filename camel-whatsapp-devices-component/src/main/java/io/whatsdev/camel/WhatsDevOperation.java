package io.whatsdev.camel;

/**
 * The producer operations. Which gateway supports which is declared by each gateway's provider class and listed in
 * the docs' operation matrix.
 */
public enum WhatsDevOperation {
    /** All devices of the account: body {@code List<Device>}. */
    list(false),
    /** One device: body {@code Device}. */
    get(true),
    /** The device's connection status: body {@code Device} (only id and status where the gateway tells no more). */
    status(true),
    /** Create a device (session): body {@code Device}. */
    create(false),
    /** A QR code to pair the phone: body {@code QrCode}. */
    qr(true),
    /** A pairing code to type on the phone instead of scanning: body {@code PairingCode}. */
    pairingCode(false),
    /** Log the phone out completely (a new QR scan is needed): body {@code Device}. */
    logout(true),
    /** Close the session, keeping it restorable: body {@code Device}. */
    closeSession(true),
    /** Restore a closed session without a QR scan: body {@code Device}. */
    restoreSession(true),
    /** Save the session state on the gateway: body {@code OperationResult}. */
    saveSession(true),
    /** Delete the device: body {@code OperationResult}. */
    delete(true),
    /** Clear the instance's stored data (files, cache): body {@code OperationResult}. */
    clear(true),
    /** Set the URL the gateway calls back with events: body {@code Device}. */
    setWebhook(true);

    private final boolean targetsDevice;

    WhatsDevOperation(boolean targetsDevice) {
        this.targetsDevice = targetsDevice;
    }

    /** Whether the operation acts on one existing device, so that a device id is needed (unless the gateway says otherwise). */
    public boolean targetsDevice() {
        return targetsDevice;
    }

    /** Parses an operation name as written in a URI or header, with an error listing the allowed names. */
    public static WhatsDevOperation parse(String name, String optionName) {
        if (name != null) {
            for (WhatsDevOperation op : values()) {
                if (op.name().equalsIgnoreCase(name.trim())) {
                    return op;
                }
            }
        }
        throw new IllegalArgumentException(
                "Unknown " + optionName + " '" + name + "'; allowed: " + java.util.Arrays.toString(values()));
    }
}
