package io.whatsdev.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * A device (session, instance) of one simulated gateway. The methods named after what happens on the phone or at the
 * gateway ({@link #scan()}, {@link #unlink()}, ...) change its state; the change is visible to the next HTTP call at
 * once. Thread safe.
 */
public final class SimDevice {

    private final GatewaySimulator owner;
    private final Gateway gateway;
    private final String id;
    private final long number;
    private final String instanceId;
    private final Instant createdAt;

    private String name;
    private String phone;
    private String witimeKey;
    private String webhook;
    private String userAgent;
    private String packageCode;
    private String pairingCode;
    private String qrToken;
    private SimState state = SimState.NEW;
    private Instant updatedAt;
    private boolean everConnected;
    /** witime: the session was closed with close_session.aspx and can be restored (status 11). */
    private boolean sessionClosed;
    /** witime: logged out with disconnect.aspx, reported as status 0 until the next change. */
    private boolean loggedOut;

    SimDevice(GatewaySimulator owner, Gateway gateway, String id, long number, String name) {
        this.owner = owner;
        this.gateway = gateway;
        this.id = id;
        this.number = number;
        this.name = name;
        this.createdAt = now();
        this.updatedAt = createdAt;
        this.instanceId = switch (gateway) {
            case WASSLY -> UUID.nameUUIDFromBytes(("wassly:" + id).getBytes(StandardCharsets.UTF_8)).toString();
            case WHATSGATE_NET -> "device-instance-" + id;
            default -> null;
        };
        if (gateway == Gateway.WHATSGATE_NET) {
            this.phone = id;
        } else if (gateway == Gateway.WHATSPIE) {
            this.packageCode = "STARTUP240K";
        } else if (gateway == Gateway.WITIME) {
            this.witimeKey = "wk-" + id.toLowerCase(Locale.ROOT);
        }
    }

    // ------------------------------------------------------------------ reading

    public Gateway gateway() {
        return gateway;
    }

    public String id() {
        return id;
    }

    public synchronized String name() {
        return name;
    }

    public synchronized String phone() {
        return phone;
    }

    public synchronized SimState state() {
        return state;
    }

    /** witime: the instance key sent as {@code ?wid=}; null for the other gateways. */
    public synchronized String witimeKey() {
        return witimeKey;
    }

    /** The text encoded in the QR code issued last, while it can still be scanned; null otherwise. */
    public synchronized String currentQrToken() {
        return qrToken;
    }

    /**
     * The gateway's instance identifier besides the id: wassly's {@code instance_id} (a stable UUID derived from the id),
     * whatsgate-net's {@code instance}; null for the other gateways.
     */
    public String instanceId() {
        return instanceId;
    }

    /** The webhook / callback URL (whatspie {@code webhook_url}, whatsgate-org {@code callback}, witime {@code Webhook}), or null. */
    public synchronized String webhook() {
        return webhook;
    }

    /** whatsgate-org: the pairing code issued by a {@code session-create} in CODE mode, or null. */
    public synchronized String pairingCode() {
        return pairingCode;
    }

    // ------------------------------------------------------------------ what happens on the phone / at the gateway

    /** The phone scans the QR code (or enters the pairing code): CONNECTED. */
    public synchronized SimDevice scan() {
        if (phone == null) {
            // the phone that scanned gives the device its number, as on the real gateways
            phone = "628" + String.format("%09d", Math.floorMod(id.hashCode(), 1_000_000_000));
        }
        change(SimState.CONNECTED);
        everConnected = true;
        return this;
    }

    /** The phone unlinks the device: DISCONNECTED. */
    public synchronized SimDevice unlink() {
        change(SimState.DISCONNECTED);
        return this;
    }

    /** The QR code expires unscanned: EXPIRED. */
    public synchronized SimDevice expireQr() {
        change(SimState.EXPIRED);
        return this;
    }

    /** The gateway suspends the device: SUSPENDED. */
    public synchronized SimDevice suspend() {
        change(SimState.SUSPENDED);
        return this;
    }

    /**
     * The device is deleted: DELETED and no longer listed (whatsgate-org reports it once more, as {@code DESTROYING}, in
     * the next {@code sessions-get}). Deleting twice does nothing.
     */
    public SimDevice delete() {
        synchronized (this) {
            if (state == SimState.DELETED) {
                return this;
            }
            change(SimState.DELETED);
        }
        owner.deleted(this); // outside the device's lock: the registry never waits for a device
        return this;
    }

    /** As if a QR code was issued: AWAITING_SCAN with a new QR token. */
    public synchronized SimDevice awaitScan() {
        change(SimState.AWAITING_SCAN);
        qrToken = newToken();
        return this;
    }

    public synchronized SimDevice phone(String phone) {
        requireLive();
        this.phone = phone;
        touch();
        return this;
    }

    public synchronized SimDevice name(String name) {
        requireLive();
        this.name = name;
        touch();
        return this;
    }

    public synchronized SimDevice webhook(String webhook) {
        requireLive();
        this.webhook = webhook;
        touch();
        return this;
    }

    /** witime only: sets the instance key. */
    public synchronized SimDevice witimeKey(String key) {
        if (gateway != Gateway.WITIME) {
            throw new IllegalStateException("only witime devices have a key; this is a " + gateway.id() + " device");
        }
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("the witime key must not be blank");
        }
        requireLive();
        this.witimeKey = key;
        return this;
    }

    @Override
    public String toString() {
        return gateway.id() + " device " + id + " (" + state() + ")";
    }

    // ------------------------------------------------------------------ for the gateway APIs (package-private)

    /** Runs an API action on this device with no other change in between. */
    synchronized <T> T atomically(Function<SimDevice, T> action) {
        return action.apply(this);
    }

    /** A consistent copy of the device's fields, for rendering. */
    synchronized Snapshot snapshot() {
        return new Snapshot(gateway, id, number, instanceId, name, phone, state, qrToken, witimeKey, webhook, userAgent, packageCode,
                pairingCode, createdAt, updatedAt, everConnected, sessionClosed, loggedOut);
    }

    /** The gateway's QR call: AWAITING_SCAN with a new token (auto-paired later if the simulator says so). */
    synchronized String issueQr() {
        awaitScan();
        owner.pairingIssued(this, qrToken);
        return qrToken;
    }

    /** whatsgate-org CODE mode: a pairing code to type on the phone (auto-paired later if the simulator says so). */
    synchronized String issuePairingCode() {
        requireLive();
        pairingCode = randomCode(4) + "-" + randomCode(4);
        owner.pairingIssued(this, pairingCode);
        return pairingCode;
    }

    /** Auto-pairing: pairs the device if the QR token or pairing code it was scheduled for is still the current one. */
    synchronized void autoScan(String issued) {
        boolean pending = issued.equals(qrToken) || issued.equals(pairingCode);
        if (pending && state != SimState.DELETED && state != SimState.CONNECTED && state != SimState.SUSPENDED) {
            scan();
        }
    }

    /** witime close_session.aspx: disconnected, restorable (status 11). */
    synchronized void closeSession() {
        change(SimState.DISCONNECTED);
        sessionClosed = true;
    }

    /** witime restore_session.aspx. */
    synchronized void restoreSession() {
        scan();
    }

    /** witime disconnect.aspx: a full logout (status 0 until the next change). */
    synchronized void logout() {
        change(SimState.DISCONNECTED);
        loggedOut = true;
    }

    synchronized void userAgent(String userAgent) {
        this.userAgent = userAgent;
        touch();
    }

    synchronized void packageCode(String packageCode) {
        this.packageCode = packageCode;
        touch();
    }

    private void change(SimState next) {
        requireLive();
        state = next;
        qrToken = null;
        sessionClosed = false;
        loggedOut = false;
        touch();
    }

    private void requireLive() {
        if (state == SimState.DELETED) {
            throw new IllegalStateException(this + " was deleted");
        }
    }

    private void touch() {
        updatedAt = now();
    }

    private String newToken() {
        return "whatsdev-sim:" + gateway.id() + ":" + id + ":" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    }

    private static String randomCode(int length) {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(ThreadLocalRandom.current().nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    /** An immutable copy of a device's fields. */
    record Snapshot(Gateway gateway, String id, long number, String instanceId, String name, String phone, SimState state,
                    String qrToken, String witimeKey, String webhook, String userAgent, String packageCode, String pairingCode,
                    Instant createdAt, Instant updatedAt, boolean everConnected, boolean sessionClosed, boolean loggedOut) {
    }
}
