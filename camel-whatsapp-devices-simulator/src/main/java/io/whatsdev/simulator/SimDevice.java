package io.whatsdev.simulator;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * A device (session, instance) of one simulated gateway. The methods named after what happens on the phone or at the
 * gateway ({@link #scan()}, {@link #unlink()}, ...) change its state; the change is visible to the next HTTP call at
 * once. Thread safe.
 * <p>
 * What only some gateways have is kept generically: a per-device {@link #key()}, text {@link #attribute(String)
 * attributes}, and a {@link Snapshot#stateDetail() state detail} that says how the device got into its state. The
 * gateway APIs read a device through {@link #snapshot()} and change it with the methods in the last section.
 */
public final class SimDevice {

    private final GatewaySimulator owner;
    private final Gateway gateway;
    private final String id;
    private final long number;
    private final String instanceId;
    private final Instant createdAt;
    private final Map<String, String> attributes = new LinkedHashMap<>();

    private String name;
    private String phone;
    private String key;
    private String webhook;
    private String pairingCode;
    private String qrToken;
    private SimState state = SimState.NEW;
    private String stateDetail;
    private Instant updatedAt;
    private boolean everConnected;

    SimDevice(GatewaySimulator owner, Gateway gateway, String id, long number, String name, DeviceDefaults defaults) {
        this.owner = owner;
        this.gateway = gateway;
        this.id = id;
        this.number = number;
        this.name = name;
        this.createdAt = now();
        this.updatedAt = createdAt;
        this.instanceId = defaults.instanceId();
        this.phone = defaults.phone();
        this.key = defaults.key();
        this.attributes.putAll(defaults.attributes());
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

    /**
     * The device's own key, for gateways that give each device one (witime's instance key, sent as {@code ?wid=}); null
     * for a device whose gateway gives none.
     */
    public synchronized String key() {
        return key;
    }

    /** A gateway-specific attribute (e.g. whatspie's {@code package}), or null. */
    public synchronized String attribute(String name) {
        return attributes.get(name);
    }

    /** The text encoded in the QR code issued last, while it can still be scanned; null otherwise. */
    public synchronized String currentQrToken() {
        return qrToken;
    }

    /**
     * The gateway's instance identifier besides the id (wassly's {@code instance_id}, whatsgate-net's {@code instance}),
     * as the gateway's plug-in set it at creation; null if it sets none.
     */
    public String instanceId() {
        return instanceId;
    }

    /** The webhook / callback URL (whatspie {@code webhook_url}, whatsgate-org {@code callback}, witime {@code Webhook}), or null. */
    public synchronized String webhook() {
        return webhook;
    }

    /** The pairing code issued last (e.g. by whatsgate-org's {@code session-create} in CODE mode), or null. */
    public synchronized String pairingCode() {
        return pairingCode;
    }

    // ------------------------------------------------------------------ what happens on the phone / at the gateway

    /** The phone scans the QR code (or enters the pairing code): CONNECTED. */
    public synchronized SimDevice scan() {
        Snapshot before = snapshot();
        if (phone == null) {
            // the phone that scanned gives the device its number, as on the real gateways
            phone = "628" + String.format("%09d", Math.floorMod(id.hashCode(), 1_000_000_000));
        }
        change(SimState.CONNECTED);
        everConnected = true;
        return changed(before);
    }

    /** The phone unlinks the device: DISCONNECTED. */
    public synchronized SimDevice unlink() {
        Snapshot before = snapshot();
        change(SimState.DISCONNECTED);
        return changed(before);
    }

    /** The QR code expires unscanned: EXPIRED. */
    public synchronized SimDevice expireQr() {
        Snapshot before = snapshot();
        change(SimState.EXPIRED);
        return changed(before);
    }

    /** The gateway suspends the device: SUSPENDED. */
    public synchronized SimDevice suspend() {
        Snapshot before = snapshot();
        change(SimState.SUSPENDED);
        return changed(before);
    }

    /**
     * The device is deleted: DELETED and no longer listed (unless its gateway
     * {@link SimulatedGateway#keepsDeletedDevices() reports it once more}). Deleting twice does nothing.
     */
    public SimDevice delete() {
        synchronized (this) {
            if (state == SimState.DELETED) {
                return this;
            }
            Snapshot before = snapshot();
            change(SimState.DELETED);
            changed(before);
        }
        owner.deleted(this); // outside the device's lock: the registry never waits for a device
        return this;
    }

    /** As if a QR code was issued: AWAITING_SCAN with a new QR token. */
    public synchronized SimDevice awaitScan() {
        Snapshot before = snapshot();
        change(SimState.AWAITING_SCAN);
        qrToken = newToken();
        return changed(before);
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

    /**
     * Sets the device's key; only for a device that has one (its gateway gave it one at creation, see
     * {@link DeviceDefaults#key()}).
     */
    public synchronized SimDevice key(String key) {
        if (this.key == null) {
            throw new IllegalStateException(gateway.id() + " devices have no key; this is " + this);
        }
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("the " + gateway.id() + " device key must not be blank");
        }
        requireLive();
        this.key = key;
        return this;
    }

    @Override
    public String toString() {
        return gateway.id() + " device " + id + " (" + state() + ")";
    }

    // ------------------------------------------------------------------ for the gateway APIs

    /** Runs an API action on this device with no other change in between. */
    public synchronized <T> T atomically(Function<SimDevice, T> action) {
        return action.apply(this);
    }

    /** A consistent copy of the device's fields, for rendering. */
    public synchronized Snapshot snapshot() {
        return new Snapshot(gateway, id, number, instanceId, name, phone, state, stateDetail, qrToken, key, webhook,
                Collections.unmodifiableMap(new LinkedHashMap<>(attributes)), pairingCode, createdAt, updatedAt, everConnected);
    }

    /** The gateway's QR call: AWAITING_SCAN with a new token (auto-paired later if the simulator says so). */
    public synchronized String issueQr() {
        awaitScan();
        owner.pairingIssued(this, qrToken);
        return qrToken;
    }

    /** A pairing code to type on the phone, e.g. whatsgate-org's CODE mode (auto-paired later if the simulator says so). */
    public synchronized String issuePairingCode() {
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

    /**
     * Moves the device to NEW, DISCONNECTED, EXPIRED or SUSPENDED with a detail that says how it got there, in the
     * gateway's terms (witime's "session closed, restorable" against "logged out"); the API reads it back from
     * {@link Snapshot#stateDetail()}. Any later state change clears it. CONNECTED, AWAITING_SCAN and DELETED have their
     * own methods ({@link #scan()}, {@link #awaitScan()}, {@link #delete()}), which do more than set the state.
     */
    public synchronized SimDevice changeState(SimState next, String detail) {
        if (next == SimState.CONNECTED || next == SimState.AWAITING_SCAN || next == SimState.DELETED) {
            throw new IllegalArgumentException("use scan(), awaitScan() or delete() for " + next);
        }
        Snapshot before = snapshot();
        change(next);
        stateDetail = detail;
        return changed(before);
    }

    /** Sets (or, with null, removes) a gateway-specific attribute. */
    public synchronized SimDevice attribute(String name, String value) {
        if (value == null) {
            attributes.remove(name);
        } else {
            attributes.put(name, value);
        }
        touch();
        return this;
    }

    private void change(SimState next) {
        requireLive();
        state = next;
        qrToken = null;
        stateDetail = null;
        touch();
    }

    /** Tells the simulator (and so the gateway's API) about a finished change; under this device's lock. */
    private SimDevice changed(Snapshot before) {
        owner.stateChanged(before, snapshot());
        return this;
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

    /**
     * An immutable copy of a device's fields.
     *
     * @param number      the device's creation number in its gateway (1, 2, ...; whatsgate-org's numeric session id)
     * @param stateDetail how the device got into its state, see {@link #changeState(SimState, String)}; null if not said
     * @param attributes  the gateway-specific attributes, in the order they were set
     */
    public record Snapshot(Gateway gateway, String id, long number, String instanceId, String name, String phone, SimState state,
                           String stateDetail, String qrToken, String key, String webhook, Map<String, String> attributes,
                           String pairingCode, Instant createdAt, Instant updatedAt, boolean everConnected) {

        /** A gateway-specific attribute, or null. */
        public String attribute(String name) {
            return attributes.get(name);
        }
    }
}
