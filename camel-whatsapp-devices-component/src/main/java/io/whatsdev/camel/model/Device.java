package io.whatsdev.camel.model;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;

/**
 * A WhatsApp device (session, instance) on a gateway, in whatsdev's normalized form. The gateway's own fields that
 * have no normalized counterpart are kept in {@link #getExtra()}.
 * <p>
 * Immutable. The extra map may be made on its first read (see {@link Builder#extras(Supplier)}): a poll reads thousands
 * of devices and compares only their ids and statuses.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "provider", "id", "name", "phone", "status", "rawStatus", "connected", "createdAt", "updatedAt",
        "lastActiveAt", "extra" })
public final class Device {

    private final String provider;
    private final String id;
    private final String name;
    private final String phone;
    private final DeviceStatus status;
    private final String rawStatus;
    private final Boolean connected;
    private final Instant createdAt;
    private final Instant updatedAt;
    private final Instant lastActiveAt;
    /** The extra map, once made; until then null, and {@link #given} and {@link #more} say what it will hold. */
    private volatile Map<String, Object> extra;
    private final Map<String, Object> given;
    private final Supplier<? extends Map<String, Object>> more;

    private Device(Builder b) {
        this.provider = Objects.requireNonNull(b.provider, "provider");
        this.id = b.id;
        this.name = b.name;
        this.phone = b.phone;
        this.status = b.status == null ? DeviceStatus.UNKNOWN : b.status;
        this.rawStatus = b.rawStatus;
        this.connected = b.connected;
        this.createdAt = b.createdAt;
        this.updatedAt = b.updatedAt;
        this.lastActiveAt = b.lastActiveAt;
        this.given = b.extra == null || b.extra.isEmpty() ? Collections.emptyMap()
                : Collections.unmodifiableMap(new LinkedHashMap<>(b.extra));
        this.more = b.more;
        this.extra = more == null ? given : null;
    }

    public static Builder builder(String provider) {
        return new Builder(provider);
    }

    /** Gateway name, as in the URI: {@code whatspie}, {@code witime}, ... */
    public String getProvider() {
        return provider;
    }

    /** The gateway's device id (phone number, numeric id, session id, instance id). */
    public String getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    /** The phone number, digits only, where the gateway tells it. */
    public String getPhone() {
        return phone;
    }

    public DeviceStatus getStatus() {
        return status;
    }

    /** The gateway's own status word or code, as it sent it. */
    public String getRawStatus() {
        return rawStatus;
    }

    /**
     * Whether the gateway says the device is connected. Falls back to the normalized status where the gateway sends
     * no such flag.
     */
    public boolean isConnected() {
        return connected != null ? connected : status.isConnected();
    }

    @JsonSerialize(using = ToStringSerializer.class)
    public Instant getCreatedAt() {
        return createdAt;
    }

    @JsonSerialize(using = ToStringSerializer.class)
    public Instant getUpdatedAt() {
        return updatedAt;
    }

    @JsonSerialize(using = ToStringSerializer.class)
    public Instant getLastActiveAt() {
        return lastActiveAt;
    }

    /** The gateway's further fields, by their wire names. Unmodifiable. */
    public Map<String, Object> getExtra() {
        Map<String, Object> e = extra;
        return e != null ? e : makeExtra();
    }

    /** The entries given to the builder, then the supplier's, made once (a racing reader waits for the first). */
    private synchronized Map<String, Object> makeExtra() {
        if (extra == null) {
            Map<String, Object> supplied = more.get();
            if (given.isEmpty()) {
                extra = Collections.unmodifiableMap(supplied); // the supplier's map is new and the device's alone
            } else {
                Map<String, Object> all = new LinkedHashMap<>(given);
                all.putAll(supplied);
                extra = Collections.unmodifiableMap(all);
            }
        }
        return extra;
    }

    /** A copy of this device with another status (used by the consumer for vanished devices). */
    public Device withStatus(DeviceStatus newStatus, String newRawStatus) {
        return toBuilder().status(newStatus).rawStatus(newRawStatus).connected(null).build();
    }

    /**
     * A copy of this device without its extra map, which is then empty: what a poll keeps of a device it found unchanged,
     * without the gateway's JSON that a lazily made extra map holds on to.
     */
    public Device withoutExtra() {
        return fields().build();
    }

    public Builder toBuilder() {
        Builder b = fields();
        Map<String, Object> e = getExtra();
        if (!e.isEmpty()) {
            b.extra = new LinkedHashMap<>(e);
        }
        return b;
    }

    /** A builder with every field of this device but its extra map. */
    private Builder fields() {
        return new Builder(provider).id(id).name(name).phone(phone).status(status).rawStatus(rawStatus).connected(connected)
                .createdAt(createdAt).updatedAt(updatedAt).lastActiveAt(lastActiveAt);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Device)) {
            return false;
        }
        Device d = (Device) o;
        return provider.equals(d.provider) && Objects.equals(id, d.id) && Objects.equals(name, d.name)
                && Objects.equals(phone, d.phone) && status == d.status && Objects.equals(rawStatus, d.rawStatus)
                && Objects.equals(connected, d.connected) && Objects.equals(createdAt, d.createdAt)
                && Objects.equals(updatedAt, d.updatedAt) && Objects.equals(lastActiveAt, d.lastActiveAt)
                && getExtra().equals(d.getExtra());
    }

    @Override
    public int hashCode() {
        return Objects.hash(provider, id, status, rawStatus);
    }

    @Override
    public String toString() {
        return "Device[" + provider + "/" + id + (name != null ? " '" + name + "'" : "") + " " + status
               + (rawStatus != null ? " (" + rawStatus + ")" : "") + "]";
    }

    public static final class Builder {
        private final String provider;
        private String id;
        private String name;
        private String phone;
        private DeviceStatus status;
        private String rawStatus;
        private Boolean connected;
        private Instant createdAt;
        private Instant updatedAt;
        private Instant lastActiveAt;
        /** Made on the first entry: most devices of most gateways have none given one by one. */
        private Map<String, Object> extra;
        private Supplier<? extends Map<String, Object>> more;

        private Builder(String provider) {
            this.provider = provider;
        }

        public Builder id(String id) {
            this.id = id;
            return this;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder phone(String phone) {
            this.phone = phone;
            return this;
        }

        public Builder status(DeviceStatus status) {
            this.status = status;
            return this;
        }

        public Builder rawStatus(String rawStatus) {
            this.rawStatus = rawStatus;
            return this;
        }

        public Builder connected(Boolean connected) {
            this.connected = connected;
            return this;
        }

        public Builder createdAt(Instant createdAt) {
            this.createdAt = createdAt;
            return this;
        }

        public Builder updatedAt(Instant updatedAt) {
            this.updatedAt = updatedAt;
            return this;
        }

        public Builder lastActiveAt(Instant lastActiveAt) {
            this.lastActiveAt = lastActiveAt;
            return this;
        }

        public Builder extra(String key, Object value) {
            if (value != null) {
                if (extra == null) {
                    extra = new LinkedHashMap<>();
                }
                extra.put(key, value);
            }
            return this;
        }

        /**
         * Further extra entries, made by the supplier when the device's extra map is first read (never, for most devices of
         * a poll), and placed after those given with {@link #extra(String, Object)}. The supplier must return a new map
         * each time, without null values, which the device keeps; it is called at most once per device.
         */
        public Builder extras(Supplier<? extends Map<String, Object>> supplier) {
            this.more = supplier;
            return this;
        }

        public Device build() {
            return new Device(this);
        }
    }
}
